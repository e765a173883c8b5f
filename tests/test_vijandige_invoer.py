"""Bad input at scale: random and hostile text in every text field of the use cases.

Property, for every field: the use case either stores exactly the cleaned text (NFC, trimmed) or refuses with
a ValidatieFout naming that field, and then nothing at all was written. Nothing else may escape: no driver
error, no crash. Documents made from whatever was accepted still render.

CONSULENT_HYPOTHESIS_VOORBEELDEN=500 runs many more examples (default 25 per field group, to keep the run fast).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from consulent_app.db import models as m
from consulent_app.errors import ValidatieFout
from consulent_app.services import dossiers, meldingen
from consulent_app.services.base import AppContext, transactie
from tests.factories import Basis

VANDAAG = dt.date(2026, 11, 25)

GEVAARLIJK = [
    # SQL fragments
    "'; DROP TABLE client; --", "Robert'); DELETE FROM audit_event; --", "\" OR \"\"=\"", "1 OR 1=1",
    "x'; UPDATE gebruiker SET rol='beheerder' WHERE '1'='1", "%", "_%_", "\\", "\\'", "' || '",
    # control characters (pasted from other programs)
    "\x00", "NUL\x00midden", "\x1b[2J", "\x07", "\x7f", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\n\n\n", "\t",
    # right-to-left and invisible marks
    "\u202egnirts", "\u200f\u200e", "\u2066isolaat\u2069", "\ufeff", "\u200b", "\u2028", "\u2029", "\u00ad",
    # emoji and other planes, combining characters
    "😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "e\u0301", "ﬁ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ω≈ç√∫", "ÅÄÖ ß ĳ Œ", "漢字", "עברית", "العربية",
    # markup and templates the document renderers might interpret
    "<b>vet</b>", "<script>alert(1)</script>", "<para>", "</para>", "&amp;", "&", "&#0;", "]]>", "<![CDATA[",
    "${gemeente.naam}", "{naam}", "{{ naam }}", "%(naam)s", "%s%n",
    # sizes: 1 MB, just over the limits, empty and blank
    "a" * 1_000_000, "é" * 300_000, "x" * 201, "y" * 4_001, "z" * 20_001, "", " ", "   \t  ",
]

vijandig = st.one_of(
    st.sampled_from(GEVAARLIJK),
    st.text(max_size=300),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=40), st.sampled_from(GEVAARLIJK), st.text(max_size=40)),
)

VOORBEELDEN = int(os.environ.get("CONSULENT_HYPOTHESIS_VOORBEELDEN", "25"))
INSTELLINGEN = settings(max_examples=VOORBEELDEN, deadline=None, database=None,
                        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                               HealthCheck.data_too_large])


def verwacht(tekst: str) -> str | None:
    """What a field holds after an accepted input: normalised, trimmed, empty as None."""
    return unicodedata.normalize("NFC", tekst).strip() or None


def rijen(ctx: AppContext) -> int:
    som = " + ".join(f'(SELECT count(*) FROM "{t}")' for t in m.Base.metadata.tables)
    with ctx.engine.connect() as c:
        return int(c.execute(text(f"SELECT {som}")).scalar() or 0)


_bsn_teller = itertools.count(100_000_000)


def nieuw_bsn() -> str:
    """Valid BSNs (eleven test), never used before in this run."""
    while True:
        n = str(next(_bsn_teller))
        if (sum(int(c) * w for c, w in zip(n[:8], range(9, 1, -1), strict=True)) - int(n[8])) % 11 == 0:
            return n


def probeer(ctx: AppContext, veld: str, actie: Callable[[], Any], lees: Callable[[Any], Any],
            invoer: str) -> Any:
    """Run a use case with hostile `invoer` in `veld`; check it was stored exactly or refused at the field."""
    voor = rijen(ctx)
    try:
        resultaat = actie()
    except ValidatieFout as exc:
        assert veld in exc.fouten, f"refused, but the message is not at field {veld}: {exc.fouten}"
        assert rijen(ctx) == voor, "refused, but something was written"
        return None
    assert lees(resultaat) == verwacht(invoer)
    return resultaat


CLIENT_TEKSTVELDEN = ["voornamen", "tussenvoegsel", "achternaam", "straat", "huisnummer", "woonplaats",
                      "telefoon", "email", "communicatie", "geslacht", "postcode"]


def _client_invoer(**kw: Any) -> dossiers.ClientInvoer:
    basis: dict[str, Any] = dict(bsn=nieuw_bsn(), voornamen="Truus", achternaam="Peeters",
                                 geboortedatum=dt.date(1941, 5, 2), postcode="6211 AX", woonplaats="Maastricht")
    basis.update(kw)
    return dossiers.ClientInvoer(**basis)


def _client_veld(ctx: AppContext, cid: int, veld: str) -> Any:
    with transactie(ctx) as s:
        return s.scalar(select(getattr(m.Client, veld)).where(m.Client.id == cid))


def _gestructureerd(veld: str, invoer: str) -> bool:
    """Fields with a fixed shape: an accepted value is the canonical form, not the raw text."""
    return veld in ("postcode", "email", "geslacht")


@INSTELLINGEN
@given(veld=st.sampled_from(CLIENT_TEKSTVELDEN), invoer=vijandig)
def test_hostile_text_in_a_new_client(basis: Basis, veld: str, invoer: str) -> None:
    ctx = basis.ctx
    voor = rijen(ctx)
    try:
        cid = dossiers.registreer_client(ctx, basis["consulent"], _client_invoer(**{veld: invoer}), vandaag=VANDAAG)
    except ValidatieFout as exc:
        assert veld in exc.fouten, exc.fouten
        assert rijen(ctx) == voor
        return
    opgeslagen = _client_veld(ctx, cid, veld)
    if not _gestructureerd(veld, invoer):
        assert opgeslagen == verwacht(invoer)


@INSTELLINGEN
@given(veld=st.sampled_from(CLIENT_TEKSTVELDEN), invoer=vijandig)
def test_hostile_text_when_changing_a_client(basis: Basis, veld: str, invoer: str) -> None:
    ctx = basis.ctx
    cid = _vaste_client(basis)
    with transactie(ctx) as s:
        c = s.get(m.Client, cid)
        assert c is not None
        versie, bsn = c.versie, c.bsn
    voor = rijen(ctx)
    try:
        dossiers.wijzig_client(ctx, basis["consulent"], cid, _client_invoer(bsn=bsn, **{veld: invoer}),
                               versie=versie, vandaag=VANDAAG)
    except ValidatieFout as exc:
        assert veld in exc.fouten, exc.fouten
        assert rijen(ctx) == voor
        with transactie(ctx) as s:
            assert s.get(m.Client, cid).versie == versie  # type: ignore[union-attr]
        return
    if not _gestructureerd(veld, invoer):
        assert _client_veld(ctx, cid, veld) == verwacht(invoer)


_vaste: dict[int, int] = {}


def _vaste_client(basis: Basis) -> int:
    """One client per database (hypothesis runs many examples on the fixture's database)."""
    key = id(basis)
    if key not in _vaste:
        _vaste[key] = dossiers.registreer_client(basis.ctx, basis["consulent"], _client_invoer(), vandaag=VANDAAG)
    return _vaste[key]


@INSTELLINGEN
@given(veld=st.sampled_from(["naam", "telefoon", "opmerking"]), invoer=vijandig)
def test_hostile_text_in_a_relation(basis: Basis, veld: str, invoer: str) -> None:
    cid = _vaste_client(basis)
    kw: dict[str, Any] = {"soort": "partner", "naam": "Jo Peeters", veld: invoer}

    def lees(rid: int) -> Any:
        with transactie(basis.ctx) as s:
            return s.scalar(select(getattr(m.Relatie, veld)).where(m.Relatie.id == rid))

    probeer(basis.ctx, veld, lambda: dossiers.voeg_relatie_toe(basis.ctx, basis["consulent"], cid, **kw), lees,
            invoer)


@INSTELLINGEN
@given(veld=st.sampled_from(["vraag", "verwijzer"]), invoer=vijandig)
def test_hostile_text_in_a_melding(basis: Basis, veld: str, invoer: str) -> None:
    cid = _vaste_client(basis)
    kw: dict[str, Any] = {"vraag": "Hulp bij het huishouden", veld: invoer}

    def lees(mid: int) -> Any:
        with transactie(basis.ctx) as s:
            return s.scalar(select(getattr(m.Melding, veld)).where(m.Melding.id == mid))

    probeer(basis.ctx, veld, lambda: meldingen.registreer_melding(
        basis.ctx, basis["consulent"], client_id=cid, wet="wmo", datum=VANDAAG, kanaal="cit", vandaag=VANDAAG,
        **kw), lees, invoer)


def test_lone_surrogates_are_refused_not_a_driver_error(basis: Basis) -> None:
    """Half a UTF-16 pair (broken paste on Windows) cannot be stored in UTF-8: it must be a ValidatieFout."""
    voor = rijen(basis.ctx)
    with pytest.raises(ValidatieFout):
        dossiers.registreer_client(basis.ctx, basis["consulent"], _client_invoer(achternaam="Pee\ud800ters"),
                                   vandaag=VANDAAG)
    assert rijen(basis.ctx) == voor


# --- the investigation and its documents (other engineers' services, tested when present) ---------------------

onderzoek_mod = pytest.importorskip("consulent_app.services.onderzoek")


def _onderzoek(basis: Basis) -> int:
    key = -id(basis)
    if key not in _vaste:
        cid = _vaste_client(basis)
        mid = meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=cid, wet="wmo", datum=VANDAAG,
                                           kanaal="cit", vraag="Hulp in huis", vandaag=VANDAAG)
        _vaste[key] = onderzoek_mod.start_onderzoek(basis.ctx, basis["consulent"], mid, vandaag=VANDAAG)
    return _vaste[key]


def _render_documenten(ctx: AppContext, onderzoek_id: int) -> None:
    try:
        from consulent_app.documents import gegevens, verslag_docx, verslag_pdf
    except ImportError:
        return
    with transactie(ctx) as s:
        g = gegevens.verslag_gegevens(s, onderzoek_id, ctx.config)
    pdf = verslag_pdf.render(g)
    docx = verslag_docx.render(g)
    assert pdf.startswith(b"%PDF") and docx.startswith(b"PK")


ONDERZOEK_VELDEN = ["probleem.beschrijving", "resultaat.omschrijving", "behoefte.omschrijving",
                    "stap1.client_woorden", "stap6.nvt_reden"]


@settings(INSTELLINGEN, max_examples=max(VOORBEELDEN * 4 // 5, 1))
@given(veld=st.sampled_from(ONDERZOEK_VELDEN), invoer=vijandig)
def test_hostile_text_in_the_investigation_and_documents_still_render(basis: Basis, veld: str,
                                                                     invoer: str) -> None:
    ctx, actor = basis.ctx, basis["consulent"]
    oid = _onderzoek(basis)
    o = onderzoek_mod
    acties: dict[str, tuple[str, Callable[[], Any], Callable[[Any], Any]]] = {
        "probleem.beschrijving": ("beschrijving", lambda: o.voeg_probleem_toe(
            ctx, actor, oid, leefgebied="huishouden", beschrijving=invoer),
            lambda pid: _kolom(ctx, m.LeefgebiedProbleem.beschrijving, m.LeefgebiedProbleem.id, pid)),
        "resultaat.omschrijving": ("omschrijving", lambda: o.voeg_resultaat_toe(ctx, actor, oid, omschrijving=invoer),
                                   lambda rid: _kolom(ctx, m.GewenstResultaat.omschrijving, m.GewenstResultaat.id, rid)),
        "behoefte.omschrijving": ("omschrijving", lambda: o.voeg_behoefte_toe(
            ctx, actor, oid, omschrijving=invoer, volume="3", eenheid="04", frequentie="2"),
            lambda bid: _kolom(ctx, m.Behoefte.omschrijving, m.Behoefte.id, bid)),
        "stap1.client_woorden": ("client_woorden", lambda: o.bewaar_veld(ctx, actor, oid, 1, "client_woorden",
                                                                         invoer),
                                 lambda _: _stapveld(ctx, oid, 1, "client_woorden")),
        "stap6.nvt_reden": ("nvt_reden", lambda: o.markeer_nvt(ctx, actor, oid, 6, invoer),
                            lambda _: _kolom2(ctx, oid, 6)),
    }
    sleutel, actie, lees = acties[veld]
    if veld == "stap6.nvt_reden":
        o.hef_nvt_op(ctx, actor, oid, 6)  # a fresh start for this example, before counting rows
    probeer(ctx, sleutel, actie, lees, invoer)
    _render_documenten(ctx, oid)


def _kolom(ctx: AppContext, kolom: Any, id_kolom: Any, ident: int) -> Any:
    with transactie(ctx) as s:
        return s.scalar(select(kolom).where(id_kolom == ident))


def _kolom2(ctx: AppContext, oid: int, nummer: int) -> Any:
    with transactie(ctx) as s:
        return s.scalar(select(m.OnderzoekStap.nvt_reden).where(m.OnderzoekStap.onderzoek_id == oid,
                                                                m.OnderzoekStap.nummer == nummer))


def _stapveld(ctx: AppContext, oid: int, nummer: int, key: str) -> Any:
    with transactie(ctx) as s:
        velden = s.scalar(select(m.OnderzoekStap.velden).where(m.OnderzoekStap.onderzoek_id == oid,
                                                               m.OnderzoekStap.nummer == nummer))
    return (velden or {}).get(key)


# --- decisions and legal terms (other engineers' services, tested when present) ------------------------------


def _probeer_of_regel(ctx: AppContext, veld: str, actie: Callable[[], Any], lees: Callable[[Any], Any],
                      invoer: str) -> Any:
    """Like `probeer`, but a RegelFout (a rule of the law refuses it, e.g. reasons required) is fine too."""
    from consulent_app.errors import RegelFout

    voor = rijen(ctx)
    try:
        return probeer(ctx, veld, actie, lees, invoer)
    except RegelFout:
        assert rijen(ctx) == voor, "refused by a rule, but something was written"
        return None


_zaken: dict[int, Any] = {}


def _zaak(basis: Basis) -> Any:
    from tests.factories_zaak import maak_zaak

    if id(basis) not in _zaken:
        _zaken[id(basis)] = maak_zaak(basis)
    return _zaken[id(basis)]


def _render_beschikking(ctx: AppContext, beschikking_id: int) -> None:
    from consulent_app.documents import beschikking_docx, beschikking_pdf, gegevens

    with transactie(ctx) as s:
        g = gegevens.beschikking_gegevens(s, beschikking_id, ctx.config)
    assert beschikking_pdf.render(g).startswith(b"%PDF")
    assert beschikking_docx.render(g).startswith(b"PK")


@settings(INSTELLINGEN, max_examples=max(VOORBEELDEN * 3 // 5, 1))
@given(invoer=vijandig)
def test_hostile_reasons_in_a_decision_and_the_letter_still_renders(basis: Basis, invoer: str) -> None:
    beschikkingen = pytest.importorskip("consulent_app.services.beschikkingen")
    pytest.importorskip("tests.factories_zaak")
    zaak = _zaak(basis)
    with transactie(basis.ctx) as s:
        regel_id = s.scalar(select(m.BeschikkingRegel.id).where(
            m.BeschikkingRegel.beschikking_id == zaak.beschikking_id))

    def lees(_: Any) -> Any:
        return _kolom(basis.ctx, m.BeschikkingRegel.motivering, m.BeschikkingRegel.id, regel_id)

    _probeer_of_regel(basis.ctx, "motivering", lambda: beschikkingen.wijzig_regel(
        basis.ctx, basis["consulent"], regel_id, besluit="toegekend", motivering=invoer), lees, invoer)
    _render_beschikking(basis.ctx, zaak.beschikking_id)


@settings(INSTELLINGEN, max_examples=max(VOORBEELDEN * 3 // 5, 1))
@given(invoer=vijandig)
def test_hostile_reason_of_a_suspension(basis: Basis, invoer: str) -> None:
    tb = pytest.importorskip("consulent_app.services.termijnbewaking")
    # A fresh melding per example: a second suspension of the same case is refused by Awb 4:15 itself.
    melding_id = meldingen.registreer_melding(basis.ctx, basis["consulent"], client_id=_vaste_client(basis),
                                              wet="wmo", datum=dt.date(2026, 11, 2), kanaal="cit",
                                              vraag="Hulp bij douchen", vandaag=VANDAAG)

    def lees(oid: int) -> Any:
        return _kolom(basis.ctx, m.Opschorting.reden, m.Opschorting.id, oid)

    _probeer_of_regel(basis.ctx, "reden", lambda: tb.schort_op(
        basis.ctx, basis["consulent"], melding_id=melding_id, start=dt.date(2026, 11, 10),
        eind=dt.date(2026, 11, 20), reden=invoer, vandaag=VANDAAG), lees, invoer)
