"""Issue 12: decisions a municipal jurist signs without corrections. Each test names its rule and article and
reads what the client reads: the text extracted from the PDF and the Word file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from consulent_app.config import load_defaults
from consulent_app.db import models as m
from consulent_app.domain import BeschikkingType, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.rules.grondslag import wettelijke_grondslag
from consulent_app.services import beschikkingen as bs
from consulent_app.services import documenten as ds
from consulent_app.services import verzending as vz
from tests.factories import Basis
from tests.factories_documenten import maak_zaak
from tests.test_documenten import docx_tekst, pdf_tekst

VANDAAG = dt.date(2026, 11, 25)


def _keur_goed(basis: Basis, bid: int, op: dt.date) -> None:
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.status, b.goedgekeurd_op, b.datum = "goedgekeurd", dt.datetime.combine(op, dt.time(10, 0)), op
        b.ter_toetsing_op = dt.datetime.combine(op, dt.time(9, 0))
        b.toetser_id = basis["toetser"].gebruiker_id


def _beschikking(basis: Basis, **kw: object) -> int:
    type_ = kw.pop("type", None)
    zaak = maak_zaak(basis, **kw)  # type: ignore[arg-type]
    return bs.maak_concept_beschikking(basis.ctx, basis["consulent"], zaak.aanvraag_id, type=type_,  # type: ignore[arg-type]
                                       vandaag=VANDAAG)


def _teksten(basis: Basis, bid: int, actor: str = "consulent") -> tuple[str, str]:
    pdf = ds.maak_beschikking_document(basis.ctx, basis[actor], bid, "pdf", vandaag=VANDAAG)
    docx = ds.maak_beschikking_document(basis.ctx, basis[actor], bid, "docx", vandaag=VANDAAG)
    return (pdf_tekst(ds.haal_document(basis.ctx, basis[actor], pdf.id).inhoud).replace("\u00a0", " "),
            docx_tekst(ds.haal_document(basis.ctx, basis[actor], docx.id).inhoud).replace("\u00a0", " "))


# --- 1. the date on the letter is the day it is sent ----------------------------------------------------------


def test_the_letter_is_dated_on_its_sending_day_not_on_approval(basis: Basis, tmp_path: Path) -> None:
    """Awb 3:41, 6:7, 6:8: a decision approved on 2 November and sent on 23 November says 23 November, and its
    objection term runs from then (last day 4 January 2027), not five weeks too early."""
    bid = _beschikking(basis)
    _keur_goed(basis, bid, dt.date(2026, 11, 2))
    # The reviewer stored the final letter on the day of approval: that version is not the one that is sent.
    ds.maak_beschikking_document(basis.ctx, basis["toetser"], bid, "pdf", vandaag=dt.date(2026, 11, 2))
    admin = basis["administratie"]
    verzenddag = dt.date(2026, 11, 23)
    res = vz.maak_printbestand(basis.ctx, admin, [bid], tmp_path / "post.pdf", parallel=False,
                               verzenddatum=verzenddag, vandaag=dt.date(2026, 11, 20))
    assert res.geproduceerd == (bid,)
    assert res.pad is not None
    tekst = pdf_tekst(res.pad.read_bytes())
    assert "Datum 23 november 2026" in tekst and "2 november 2026" not in tekst.split("Kenmerk")[0]
    assert "Wij hebben dit besluit verstuurd op 23 november 2026" in tekst
    assert "De laatste dag om bezwaar te maken is 4 januari 2027" in tekst
    assert [r.briefdatum for r in vz.verzendlijst(basis.ctx, admin)] == [verzenddag]

    # Marking it sent on another day than the printed one is refused at the date field, and nothing is sent.
    with pytest.raises(ValidatieFout) as exc:
        vz.markeer_verzonden(basis.ctx, admin, [bid], dt.date(2026, 11, 24), "post", vandaag=VANDAAG)
    assert "draagt de datum 23-11-2026" in exc.value.fouten["datum"]
    assert "opnieuw af" in exc.value.fouten["datum"]
    [uit] = vz.markeer_verzonden(basis.ctx, admin, [bid], verzenddag, "post", vandaag=VANDAAG)
    assert uit.bezwaartermijn_einde == dt.date(2027, 1, 4)

    # The copy keeps the original's date; the dossier shows the decision date and the sending date.
    afschrift = pdf_tekst(vz.afschrift_pdf(basis.ctx, admin, bid))
    assert "AFSCHRIFT" in afschrift and "Datum 23 november 2026" in afschrift
    assert "De laatste dag om bezwaar te maken is 4 januari 2027" in afschrift
    from consulent_app.services import dossiers

    zaak_client = bs.haal_beschikking(basis.ctx, basis["consulent"], bid).client_id
    d = dossiers.open_dossier(basis.ctx, basis["consulent"], zaak_client)
    [bv] = [x for x in d.beschikkingen if x.id == bid]
    assert (bv.datum, bv.verzonden_op) == (dt.date(2026, 11, 2), verzenddag)


def test_the_letter_printed_and_sent_is_the_version_the_dossier_keeps(basis: Basis, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Awb 3:41 and the file's integrity: production stores the letter dated on its sending day as the decision's
    document version, and exactly those bytes go into the print file (sha256 alike); printing again reuses them; the
    dossier shows that version with the date on the letter, next to the approval and sending dates."""
    import hashlib

    from consulent_app.documents import bundel
    from consulent_app.services import dossiers

    bid = _beschikking(basis)
    _keur_goed(basis, bid, dt.date(2026, 11, 2))
    admin = basis["administratie"]
    verzenddag = dt.date(2026, 11, 23)
    naar_printer: list[str] = []
    echt = bundel.maak_bundel

    def spion(items: object, uitvoer: Path, *, render: object, **kw: object) -> object:
        assert callable(render)

        def r(beschikking_id: int) -> bytes:
            data = render(beschikking_id)
            naar_printer.append(hashlib.sha256(data).hexdigest())
            return data

        return echt(items, uitvoer, render=r, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(bundel, "maak_bundel", spion)
    for naam in ("eerste.pdf", "tweede.pdf"):
        res = vz.maak_printbestand(basis.ctx, admin, [bid], tmp_path / naam, parallel=False,
                                   verzenddatum=verzenddag, vandaag=dt.date(2026, 11, 20))
        assert res.geproduceerd == (bid,)
    with basis.ctx.session_factory.begin() as s:
        docs = [d for d in s.query(m.Document).filter_by(beschikking_id=bid, formaat="pdf")]
        assert len(docs) == 1  # the second print reused the stored version
        [doc] = docs
        assert doc.briefdatum == verzenddag
        assert naar_printer == [doc.sha256, doc.sha256] == [hashlib.sha256(bytes(doc.inhoud)).hexdigest()] * 2
        assert "Datum 23 november 2026" in pdf_tekst(bytes(doc.inhoud))
        client_id, doc_id = doc.client_id, doc.id
    vz.markeer_verzonden(basis.ctx, admin, [bid], verzenddag, "post", vandaag=VANDAAG)
    d = dossiers.open_dossier(basis.ctx, basis["consulent"], client_id)
    [dv] = [x for x in d.documenten if x.id == doc_id]
    [bv] = [x for x in d.beschikkingen if x.id == bid]
    assert (dv.briefdatum, bv.datum, bv.verzonden_op) == (verzenddag, dt.date(2026, 11, 2), verzenddag)


def test_a_letter_cannot_be_dated_before_today(basis: Basis, tmp_path: Path) -> None:
    """Awb 3:41: the date on the letter is the day it leaves, so a past sending date is refused at the field."""
    bid = _beschikking(basis)
    _keur_goed(basis, bid, dt.date(2026, 11, 2))
    with pytest.raises(ValidatieFout) as exc:
        vz.maak_printbestand(basis.ctx, basis["administratie"], [bid], tmp_path / "p.pdf", parallel=False,
                             verzenddatum=dt.date(2026, 11, 20), vandaag=VANDAAG)
    assert "in het verleden" in exc.value.fouten["verzenddatum"]
    assert not (tmp_path / "p.pdf").exists()


# --- 9. the objection clause ----------------------------------------------------------------------------------


def test_objection_clause_counts_a_posted_objection_that_arrives_within_a_week(basis: Basis) -> None:
    """Awb 6:9: an objection posted before the end of the term counts if it arrives within a week after it; the
    letter names the last day once its sending date is known, and never says it must be "bij ons" by then."""
    bid = _beschikking(basis)
    concept_pdf, concept_docx = _teksten(basis, bid)
    for tekst in (concept_pdf, concept_docx):
        assert "Als wij dit besluit versturen, staat hier de laatste dag om bezwaar te maken" in tekst
        assert "De verzenddatum staat bovenaan deze brief" not in tekst
    _keur_goed(basis, bid, dt.date(2026, 11, 24))
    for tekst in _teksten(basis, bid, "toetser"):
        assert "Wij hebben dit besluit verstuurd op 25 november 2026" in tekst
        assert "De laatste dag om bezwaar te maken is 6 januari 2027" in tekst
        assert ("Dan is het ook op tijd als u het uiterlijk op 6 januari 2027 op de post doet en wij het niet later "
                "dan een week daarna ontvangen (artikel 6:9 van de Algemene wet bestuursrecht)") in tekst
        assert "bij ons zijn" not in tekst


# --- 6. the legal basis ---------------------------------------------------------------------------------------


def test_every_decision_names_its_legal_basis() -> None:
    """Awb 3:47: art. 2.3.5 Wmo 2015 for a decision on a request, art. 2.3.10 Wmo 2015 for a change or ending,
    art. 2.3 Jeugdwet; each with the configured article of the local regulation."""
    b = load_defaults().besluiten
    assert wettelijke_grondslag(Wet.WMO, BeschikkingType.AANVRAAG, b) == (
        "artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015",
        "artikel 12 van de Verordening maatschappelijke ondersteuning Maastricht 2020")
    assert wettelijke_grondslag(Wet.WMO, BeschikkingType.HERZIENING, b)[0] == (
        "artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015")
    assert wettelijke_grondslag(Wet.WMO, BeschikkingType.BEEINDIGING, b)[1] == (
        "artikel 17 van de Verordening maatschappelijke ondersteuning Maastricht 2020")
    assert wettelijke_grondslag(Wet.JEUGDWET, BeschikkingType.AANVRAAG, b) == (
        "artikel 2.3 van de Jeugdwet", "artikel 8 van de Verordening jeugdhulp Maastricht 2020")


@pytest.mark.parametrize(("kw", "verwacht"), [
    ({}, "Wij nemen dit besluit op grond van artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015 en "
         "artikel 12 van de Verordening maatschappelijke ondersteuning Maastricht 2020."),
    ({"aanleiding_po": True}, "Wij nemen dit besluit op grond van artikel 2.3.10 van de Wet maatschappelijke "
                              "ondersteuning 2015 en artikel 17 van de Verordening maatschappelijke ondersteuning "
                              "Maastricht 2020."),
    ({"wet": "jeugdwet"}, "Wij nemen dit besluit op grond van artikel 2.3 van de Jeugdwet en artikel 8 van de "
                          "Verordening jeugdhulp Maastricht 2020."),
])
def test_the_letter_states_its_legal_basis(basis: Basis, kw: dict[str, object], verwacht: str) -> None:
    """Awb 3:47 lid 1: the letter names the statutory provision it rests on, in the PDF and in the Word file."""
    bid = _beschikking(basis, **kw)
    for tekst in _teksten(basis, bid):
        assert "Waarop is dit besluit gebaseerd?" in tekst
        assert verwacht in tekst


# --- 2. a refusal never contradicts the file; a grant stays within the netto -----------------------------------


def _regel(basis: Basis, bid: int) -> bs.RegelView:
    return bs.haal_beschikking(basis.ctx, basis["consulent"], bid).regels[0]


def test_refusal_with_a_positive_netto_needs_another_legal_ground(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 3: the table leaves 2 hours a week uncovered, so refusing without another ground
    contradicts the report: refused at the ground field with the netto named, nothing saved, no letter, no review."""
    bid = _beschikking(basis)
    r = _regel(basis, bid)
    assert r.netto == "2 uur per week"
    with pytest.raises(ValidatieFout) as exc:
        bs.wijzig_regel(basis.ctx, basis["consulent"], r.id, besluit="afgewezen", motivering="Niet nodig.")
    assert "blijft 2 uur per week over" in exc.value.fouten["weigeringsgrond"]
    assert "art. 2.3.5 lid 3 Wmo 2015" in exc.value.fouten["weigeringsgrond"]
    assert _regel(basis, bid).besluit == "toegekend"
    with pytest.raises(ValidatieFout) as exc:
        bs.wijzig_regel(basis.ctx, basis["consulent"], r.id, besluit="afgewezen", motivering="x",
                        weigeringsgrond="verzonnen")
    assert "kies een grond" in exc.value.fouten["weigeringsgrond"]
    d = bs.wijzig_regel(basis.ctx, basis["consulent"], r.id, besluit="afgewezen", weigeringsgrond="andere_wet",
                        motivering="Mevrouw heeft een Wlz-indicatie; de zorg thuis valt onder het zorgkantoor.")
    assert (d.regels[0].besluit, d.regels[0].weigeringsgrond) == ("afgewezen", "andere_wet")
    for tekst in _teksten(basis, bid):
        assert "Waarom wijzen wij dit af? Deze hulp valt onder een andere wet" in tekst
        assert "artikel 2.3.5, zesde lid, van de Wmo 2015" in tekst
        assert "Wlz-indicatie" in tekst
        assert "waarvoor wij een voorziening" not in tekst and "Stap 4" not in tekst


def test_refusal_without_ground_is_caught_by_letter_review_and_automatic_check(basis: Basis) -> None:
    """Toetsingskader criteria 9 and 12: a refusal against a positive netto is "Ontbreekt", not "In orde", and
    neither the letter nor the review can go ahead until a ground is recorded."""
    from consulent_app.errors import RegelFout
    from consulent_app.services import toetsing

    bid = _beschikking(basis, besluiten=("afgewezen",))
    with pytest.raises(RegelFout, match="blijft 2 uur per week over"):
        ds.maak_beschikking_document(basis.ctx, basis["consulent"], bid, "pdf", vandaag=VANDAAG)
    with pytest.raises(RegelFout, match="kan nog niet ter toetsing"):
        toetsing.dien_in_voor_toetsing(basis.ctx, basis["consulent"], bid)
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.status = "ter_toetsing"  # as if offered before this rule existed
    checks = {c.nummer: c for c in toetsing.toets_dossier(basis.ctx, basis["toetser"], bid).criteria}
    assert checks[9].bevinding == "ontbreekt" and "2 uur per week" in checks[9].bevinding_tekst
    assert checks[12].bevinding == "ontbreekt" and "bruto/netto" in checks[12].bevinding_tekst


def test_refusal_when_nothing_is_left_explains_the_steps(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 3: when steps 5 and 6 cover the whole need, the refusal needs no other ground and
    says so: nothing is left, so no custom provision is needed."""
    bid = _beschikking(basis, besluiten=("afgewezen",))
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        [behoefte] = b.regels[0].voorziening.behoeften
        s.add(m.Dekking(behoefte_id=behoefte.id, bron="algemene_voorziening", volume=2,
                        toelichting="schoonmaakdienst van de wijk"))
    for tekst in _teksten(basis, bid):
        assert "Wat overblijft (netto): niets" in tekst and "Daarom is een maatwerkvoorziening niet nodig" in tekst


def test_granting_more_than_the_netto_needs_a_recorded_reason(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.5 lid 3 ("voor zover"): 3 hours against a netto of 2 needs a reason, which the letter
    states; without one it is refused at the field and nothing is saved."""
    bid = _beschikking(basis)
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.regels[0].voorziening.volume = 3
    r = _regel(basis, bid)
    with pytest.raises(ValidatieFout) as exc:
        bs.wijzig_regel(basis.ctx, basis["consulent"], r.id, besluit="toegekend", motivering="Zie verslag.")
    assert "U kent 3 uur per week toe, maar netto blijft 2 uur per week over" in exc.value.fouten["reden_boven_netto"]
    assert _regel(basis, bid).reden_boven_netto is None
    from consulent_app.errors import RegelFout

    with pytest.raises(RegelFout, match="netto blijft 2 uur per week over"):
        ds.maak_beschikking_document(basis.ctx, basis["consulent"], bid, "pdf", vandaag=VANDAAG)
    bs.wijzig_regel(basis.ctx, basis["consulent"], r.id, besluit="toegekend", motivering="Zie verslag.",
                    reden_boven_netto="De dochter stopt in januari met stofzuigen.")
    for tekst in _teksten(basis, bid):
        assert "Waarom meer dan de 2 uur per week die overblijft De dochter stopt in januari" in tekst


# --- 3. no retroactive withdrawal or reduction -----------------------------------------------------------------


def test_earliest_end_and_reduction_are_the_day_after_sending_plus_the_transition() -> None:
    """Art. 2.3.10 Wmo 2015, Awb 3:40: sent on 25 November 2026 with 4 weeks transition (the documented default),
    an ending's last day is 23 December at the earliest and a lower scope starts on 24 December at the earliest."""
    from consulent_app.rules import intrekking

    assert load_defaults().besluiten.overgangstermijn_weken == 4
    assert intrekking.vroegste_laatste_dag(VANDAAG, 4) == dt.date(2026, 12, 23)
    assert intrekking.vroegste_ingang(VANDAAG, 4) == dt.date(2026, 12, 24)
    assert intrekking.einde_fouten(dt.date(2026, 12, 23), verzonden_op=VANDAAG, overgang_weken=4) == {}
    fout = intrekking.einde_fouten(dt.date(2026, 10, 1), verzonden_op=VANDAAG, overgang_weken=4)["einddatum"]
    assert "op zijn vroegst 23 december 2026" in fout
    assert intrekking.is_verlaging(3, "04", "2", 2, "04", "2") and not intrekking.is_verlaging(2, "04", "2", 3, "04", "2")
    assert intrekking.is_verlaging(3, "04", "2", 1, "04", "4")  # 1 hour a month is less than 3 a week (per year)
    assert not intrekking.is_verlaging(3, "04", "2", 1, "14", "2")  # other units cannot be compared


def test_a_po_cannot_end_support_retroactively_and_the_status_changes_only_at_sending(basis: Basis) -> None:
    """Art. 2.3.10 Wmo 2015: completing a PO on 24 November with end date 1 October is refused at the end date field
    with the earliest allowed date; nothing is saved. A lawful ending leaves the provision running, its end date
    untouched, until the ending decision is sent: sending writes the last day the letter states."""
    from consulent_app.services import periodiek as po_svc
    from tests.factories_zaak import VzSpec
    from tests.factories_zaak import maak_zaak as maak_lopend

    zaak = maak_lopend(basis, beschikking="verzonden", verzonden_op=dt.date(2024, 1, 5),
                       melding_datum=dt.date(2023, 12, 1), aanvraag_datum=dt.date(2023, 12, 20),
                       voorzieningen=[VzSpec("HH", startdatum=dt.date(2024, 1, 15), po_datum=dt.date(2026, 11, 1))])
    vandaag = dt.date(2026, 11, 24)
    with pytest.raises(ValidatieFout) as exc:
        po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="beeindigd",
                          verslag="Mevrouw redt het zelf.", einddatum=dt.date(2026, 10, 1), vandaag=vandaag)
    assert "op zijn vroegst 22 december 2026" in exc.value.fouten["einddatum"]
    with basis.ctx.session_factory.begin() as s:
        po = s.get(m.PeriodiekOnderzoek, zaak.po_ids[0])
        vz_ = s.get(m.Voorziening, zaak.voorziening_ids[0])
        assert po is not None and vz_ is not None
        assert (po.status, vz_.status, vz_.einddatum) == ("gepland", "actief", None)
    af = po_svc.rond_po_af(basis.ctx, basis["consulent"], zaak.po_ids[0], uitkomst="beeindigd",
                           verslag="Mevrouw redt het zelf.", einddatum=dt.date(2026, 12, 31), vandaag=vandaag)
    with basis.ctx.session_factory.begin() as s:
        vz_ = s.get(m.Voorziening, zaak.voorziening_ids[0])
        assert vz_ is not None and (vz_.status, vz_.beeindigd_op, vz_.einddatum) == ("actief", None, None)

    # The ending decision states the proposed last day; sending (and only sending) ends the provision on it.
    assert af.nieuwe_aanvraag_id is not None
    bid = bs.maak_concept_beschikking(basis.ctx, basis["consulent"], af.nieuwe_aanvraag_id, type="beeindiging",
                                      vandaag=vandaag)
    _keur_goed(basis, bid, vandaag)
    pdf = ds.maak_beschikking_document(basis.ctx, basis["toetser"], bid, "pdf", vandaag=vandaag)
    tekst = pdf_tekst(ds.haal_document(basis.ctx, basis["toetser"], pdf.id).inhoud).replace("\u00a0", " ")
    assert "De laatste dag is 31 december 2026" in tekst
    with basis.ctx.session_factory.begin() as s:
        vz_ = s.get(m.Voorziening, zaak.voorziening_ids[0])
        assert vz_ is not None and (vz_.status, vz_.einddatum) == ("actief", None)  # approved, not yet sent
    admin = basis["administratie"]
    vz.registreer_productie(basis.ctx, admin, [bid], hoe="printer", verzenddatum=vandaag, vandaag=vandaag)
    vz.markeer_verzonden(basis.ctx, admin, [bid], vandaag, "post", vandaag=vandaag)
    with basis.ctx.session_factory.begin() as s:
        vz_ = s.get(m.Voorziening, zaak.voorziening_ids[0])
        assert vz_ is not None
        assert (vz_.status, vz_.einddatum, vz_.beeindigd_op, vz_.po_datum) == (
            "actief", dt.date(2026, 12, 31), dt.date(2026, 12, 31), None)


def test_a_reduction_is_not_produced_or_sent_for_a_start_before_the_transition(basis: Basis, tmp_path: Path) -> None:
    """Art. 2.3.10 Wmo 2015: the herziening lowers 3 to 2 hours from 4 January 2027. Sent on 10 December it would
    take effect before 8 January (day after sending + 4 weeks): the letter is not produced, naming the earliest
    day. Sent on 25 November it is lawful. A raise may take effect earlier."""
    bid = _beschikking(basis, aanleiding_po=True)
    _keur_goed(basis, bid, VANDAAG)
    admin = basis["administratie"]
    te_laat = dt.date(2026, 12, 10)
    res = vz.maak_printbestand(basis.ctx, admin, [bid], tmp_path / "a.pdf", parallel=False, verzenddatum=te_laat,
                               vandaag=te_laat)
    assert res.geproduceerd == ()
    [(_, _, fout)] = res.mislukt
    assert "Minder ondersteuning" in fout and "op zijn vroegst op 8 januari 2027" in fout
    res = vz.maak_printbestand(basis.ctx, admin, [bid], tmp_path / "b.pdf", parallel=False, verzenddatum=VANDAAG,
                               vandaag=VANDAAG)
    assert res.geproduceerd == (bid,)
    [uit] = vz.markeer_verzonden(basis.ctx, admin, [bid], VANDAAG, "post", vandaag=VANDAAG)
    assert uit.verzonden_op == VANDAAG

    # A raise (4 hours) may start earlier than the transition.
    bid2 = _beschikking(basis, aanleiding_po=True, achternaam="Peters")
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid2)
        assert b is not None
        b.regels[0].voorziening.volume = 4
        b.regels[0].reden_boven_netto = "Mevrouw is gevallen en kan tijdelijk niets."
        b.regels[0].voorziening.startdatum = dt.date(2026, 11, 26)
    _keur_goed(basis, bid2, VANDAAG)
    res = vz.maak_printbestand(basis.ctx, admin, [bid2], tmp_path / "c.pdf", parallel=False, verzenddatum=VANDAAG,
                               vandaag=VANDAAG)
    assert res.geproduceerd == (bid2,), res.mislukt


# --- 4. own contribution (CAK) only where the law allows it ---------------------------------------------------


def test_cak_paragraph_lists_products_with_en_and_skips_exempt_ones(basis: Basis) -> None:
    """Art. 2.1.4 Wmo 2015: the contribution paragraph names every provision it applies to, joined with "en";
    a wheelchair (category 11, exempt by default) is not named; a Jeugd decision never has it."""
    bid = _beschikking(basis, besluiten=("toegekend", "toegekend", "toegekend"))
    with basis.ctx.session_factory.begin() as s:
        rolstoel = m.Product(code="RS1", naam="Rolstoel", wet="wmo", productcategorie="11", tarief=1, eenheid="83")
        s.add(rolstoel)
        s.flush()
        b = s.get(m.Beschikking, bid)
        assert b is not None
        derde = sorted(b.regels, key=lambda r: r.id)[2].voorziening
        derde.product_id, derde.productcategorie = rolstoel.id, "11"
    for tekst in _teksten(basis, bid):
        assert "Voor hulp bij het huishouden en begeleiding individueel betaalt u een eigen bijdrage" in tekst
        assert "rolstoel betaalt" not in tekst.lower()
    jeugd = _beschikking(basis, wet="jeugdwet", achternaam="Smeets")
    for tekst in _teksten(basis, jeugd):
        assert "CAK" not in tekst and "eigen bijdrage" not in tekst.lower()


def test_no_cak_paragraph_for_a_minor(basis: Basis) -> None:
    """Art. 2.1.4 lid 1 Wmo 2015: no contribution for a client younger than 18 on the start date."""
    bid = _beschikking(basis)
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        c = s.get(m.Client, b.client_id)
        assert c is not None
        c.geboortedatum = dt.date(2016, 3, 1)  # 10 years old
    for tekst in _teksten(basis, bid):
        assert "CAK" not in tekst and "Eigen bijdrage" not in tekst


def test_cak_exemptions_are_configuration_with_documented_defaults() -> None:
    """Art. 2.1.4 Wmo 2015 and the Uitvoeringsbesluit Wmo 2015: never Jeugd, never an ending or a refusal; the
    default exempts wheelchairs and minors; a municipality may exempt more products by configuration."""
    from dataclasses import replace

    from consulent_app.rules.eigen_bijdrage import eigen_bijdrage_van_toepassing as eb

    b = load_defaults().besluiten
    assert (b.eigen_bijdrage_vrij_categorieen, b.eigen_bijdrage_vanaf_leeftijd) == (("11",), 18)
    kw = dict(wet="wmo", besluit="toegekend", beschikking_type="aanvraag", productcategorie="01", productcode="HH1",
              geboortedatum=dt.date(1950, 1, 1), startdatum=VANDAAG, besluiten=b)
    assert eb(**kw)  # type: ignore[arg-type]
    assert not eb(**{**kw, "wet": "jeugdwet"})  # type: ignore[arg-type]
    assert not eb(**{**kw, "besluit": "afgewezen"})  # type: ignore[arg-type]
    assert not eb(**{**kw, "beschikking_type": "beeindiging"})  # type: ignore[arg-type]
    assert not eb(**{**kw, "productcategorie": "11"})  # type: ignore[arg-type]
    assert not eb(**{**kw, "geboortedatum": dt.date(2009, 1, 1)})  # 17 on the start date  # type: ignore[arg-type]
    assert not eb(**{**kw, "besluiten": replace(b, eigen_bijdrage_vrij_producten=("HH1",))})  # type: ignore[arg-type]


# --- 7. the pgb so the client can check it; overviews use the pgb amount ---------------------------------------


def test_pgb_per_period_rule() -> None:
    """Domain brief section 4 (tarief x omvang x duur): a pgb stated per week, month or year; per year and over
    the duration from that amount, not from the in-kind tariff."""
    from consulent_app.rules import kosten

    assert kosten.pgb_per_jaar(Decimal("65"), "week") == Decimal("3380.00")
    assert kosten.pgb_per_jaar(Decimal("400"), "maand") == Decimal("4800.00")
    assert kosten.pgb_per_jaar(Decimal("4540"), None) == Decimal("4540.00")  # before periods: a yearly amount
    assert kosten.pgb_kosten(Decimal("65"), "week", dt.date(2026, 11, 2), dt.date(2027, 11, 1)) == Decimal("3380.00")


def test_cost_overview_uses_the_pgb_amount_not_the_in_kind_tariff(basis: Basis) -> None:
    """Domain brief sections 4 and 10: the steering overview counts a pgb at its own amount (€ 400 a month =
    € 4.800 a year), not at the ZIN tariff x scope."""
    from consulent_app.services import sturing
    from tests.factories_verzending import goedgekeurde_beschikking

    bid = goedgekeurde_beschikking(basis, voorzieningen=(("BG", "pgb", "toegekend"),))
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        vz_ = b.regels[0].voorziening
        vz_.pgb_bedrag, vz_.pgb_periode, vz_.status = Decimal("400"), "maand", "actief"
        b.status, b.verzonden_op = "verzonden", dt.date(2026, 11, 23)
        start = vz_.startdatum
    per_vorm = {r.sleutel: r.jaarkosten for r in sturing.voorzieningen(basis.ctx, basis["teamleider"],
                                                                       "leveringsvorm", vandaag=start)}
    assert per_vorm == {"pgb": Decimal("4800.00")}
    [r] = vz.pgb_lijst(basis.ctx, basis["administratie"])
    assert (r.pgb_bedrag, r.pgb_periode) == (Decimal("400.00"), "maand")


# --- 8. the addressee fits the client ---------------------------------------------------------------------------


def test_addressee_rule_by_law_and_age() -> None:
    """Jeugdwet art. 1.1 with the WGBO ages (BW 7:447): 18+ personally, 16-17 personally with a copy to the parents
    with authority, under 16 the parents with authority; a Wmo minor through the legal representative (BW 1:245)."""
    from consulent_app.rules.geadresseerde import Aan, adressering

    op = dt.date(2026, 11, 25)
    ouders = ("Anja Janssen", "Piet Janssen")

    def jeugd(geboren: dt.date):  # type: ignore[no-untyped-def]
        return adressering(wet="jeugdwet", geboortedatum=geboren, op=op, ouders_met_gezag=ouders)

    assert jeugd(dt.date(2008, 11, 25)).aan is Aan.CLIENT and jeugd(dt.date(2008, 11, 25)).afschrift_aan == ()
    zestien = jeugd(dt.date(2010, 6, 1))
    assert (zestien.aan, zestien.afschrift_aan) == (Aan.CLIENT, ouders)
    assert jeugd(dt.date(2010, 11, 26)).aan is Aan.OUDERS  # 15, sixteen tomorrow
    wmo = adressering(wet="wmo", geboortedatum=dt.date(2012, 1, 1), op=op, vertegenwoordigers=("mr. De Wit",))
    assert (wmo.aan, wmo.namen) == (Aan.VERTEGENWOORDIGER, ("mr. De Wit",))
    assert adressering(wet="wmo", geboortedatum=dt.date(1950, 1, 1), op=op, vertegenwoordigers=("x",)).persoonlijk


def _geboren(basis: Basis, bid: int, geboren: dt.date, **onderzoek: object) -> None:
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        c = s.get(m.Client, b.client_id)
        assert c is not None
        c.geboortedatum = geboren
        for k, v in onderzoek.items():
            setattr(b.aanvraag.onderzoek, k, v)


def test_jeugd_letter_to_a_16_year_old_is_personal_with_a_copy_to_the_parents(basis: Basis) -> None:
    """Jeugdwet art. 1.1 / BW 7:447: at 16 the young person decides; the parents with authority get a copy."""
    bid = _beschikking(basis, wet="jeugdwet")
    _geboren(basis, bid, dt.date(2010, 5, 1))
    for tekst in _teksten(basis, bid):
        assert "Geachte heer Janssen," in tekst and "ouder(s) of verzorger(s)" not in tekst
        assert "is voor u jeugdhulp aangevraagd" in tekst and "Wij kennen u jeugdhulp ambulant toe" in tekst
        assert "Een afschrift van deze brief gaat naar Anja Janssen." in tekst


def test_jeugd_letter_says_who_was_heard_as_recorded(basis: Basis) -> None:
    """Jeugdwet art. 2.3 / criterion 11: never "met u en Sem gesproken" when Sem was recorded as not heard."""
    bid = _beschikking(basis, wet="jeugdwet")
    _geboren(basis, bid, dt.date(2016, 5, 1), jeugdige_gehoord=False, reden_niet_gehoord="Sem is tien en was ziek")
    for tekst in _teksten(basis, bid):
        assert "met u en Sem Janssen gesproken" not in tekst
        assert "Met Sem Janssen hebben wij niet gesproken (Sem is tien en was ziek)." in tekst


def test_wmo_minor_is_written_to_through_the_legal_representative(basis: Basis) -> None:
    """BW 1:245 / Awb 2:1: a Wmo client under 18 is written to through the legal representative."""
    bid = _beschikking(basis)
    _geboren(basis, bid, dt.date(2012, 5, 1))
    for tekst in _teksten(basis, bid):
        assert "Aan Jo Janssen (zoon), wettelijk vertegenwoordiger van" in tekst
        assert "Geachte Jo Janssen (zoon)," in tekst


# --- the letter's layout and wording --------------------------------------------------------------------------


def test_refusal_states_what_was_asked_and_a_partial_grant_both(basis: Basis) -> None:
    """Awb 3:46: a refused provision shows what was asked, never a granted "Hoeveel"; a partial grant shows what
    was asked and what is granted; no internal codes; the phone number does not break; no doubled reference."""
    bid = _beschikking(basis, besluiten=("afgewezen", "gedeeltelijk"))
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        for r in b.regels:
            r.weigeringsgrond = "voorliggend" if r.besluit == "afgewezen" else None
            r.motivering = "Zie het gespreksverslag, stap 5."
    pdf, docx = _teksten(basis, bid)
    eerste, tweede = pdf.split("2. Begeleiding individueel", 1)
    assert "Gevraagd 3 uur per week" in eerste and "Hoeveel" not in eerste
    assert "Gevraagd 3 uur per week" in tweede and "Toegekend 2 uur per week" in tweede
    assert docx.count("Gevraagd 3 uur per week") == 2 and "Hoeveel" not in docx
    for tekst in (pdf, docx):
        assert "productcode" not in tekst.lower() and "(categorie" not in tekst
        assert "Zie ook het gespreksverslag" not in tekst
        assert "telefoonnummer 14\u00a0043" in tekst or "telefoonnummer 14 043" in tekst


def test_closing_never_stands_alone_and_names_every_enclosure(basis: Basis) -> None:
    """Awb 3:47 / style: the signature goes with the last paragraph, and the enclosure line names each enclosure
    actually added (the report and the leaflets)."""
    from pypdf import PdfReader

    bid = _beschikking(basis, besluiten=("afgewezen", "gedeeltelijk"))
    with basis.ctx.session_factory.begin() as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.bijlagen = {"items": ["verslag", "folder_bezwaar"]}
        for r in b.regels:
            r.weigeringsgrond = "voorliggend" if r.besluit == "afgewezen" else None
    info = ds.maak_beschikking_document(basis.ctx, basis["consulent"], bid, "pdf", vandaag=VANDAAG)
    import io

    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(
        ds.haal_document(basis.ctx, basis["consulent"], info.id).inhoud)).pages]
    laatste = pages[-1]
    assert "drs. M. Janssen" in laatste and "Heeft u vragen" in laatste
    assert len(laatste.split()) > 40  # more than the closing alone
    for tekst in _teksten(basis, bid):
        assert "Bijlagen" in tekst and "gespreksverslag van 21 oktober 2026" in tekst
        assert "De folder 'Bent u het niet eens met het besluit?'" in tekst


# --- 5. a herziening states its own reasons ---------------------------------------------------------------------


def test_herziening_states_its_own_reasons_with_old_and_new_scope(basis: Basis) -> None:
    """Art. 2.3.10 Wmo 2015, Awb 3:46: the PO's conclusion is offered as the start of the reasons for the change;
    without reasons the line is refused at the field; the letter states old and new scope, the date and why."""
    bid = _beschikking(basis, aanleiding_po=True)
    r = _regel(basis, bid)
    assert r.reden_wijziging == "Mevrouw doet sinds de knieoperatie weer meer zelf; 2 uur per week volstaat."
    with pytest.raises(ValidatieFout) as exc:
        bs.wijzig_regel(basis.ctx, basis["consulent"], r.id, besluit="toegekend", motivering=r.motivering,
                        reden_wijziging="  ")
    assert "Schrijf waarom de ondersteuning verandert" in exc.value.fouten["reden_wijziging"]
    assert _regel(basis, bid).reden_wijziging == r.reden_wijziging  # nothing saved
    bs.wijzig_regel(basis.ctx, basis["consulent"], r.id, besluit="toegekend", motivering=r.motivering,
                    reden_wijziging="Na de knieoperatie stofzuigt mevrouw zelf; 2 uur per week is genoeg.")
    for tekst in _teksten(basis, bid):
        assert "Tot nu toe 3 uur per week" in tekst and "Vanaf 4 januari 2027 2 uur per week" in tekst
        assert "Waarom het verandert Na de knieoperatie stofzuigt mevrouw zelf" in tekst


# --- the report (verslag) ---------------------------------------------------------------------------------------


def _verslag(basis: Basis, onderzoek_id: int) -> tuple[str, str]:
    pdf = ds.maak_verslag(basis.ctx, basis["consulent"], onderzoek_id, "pdf")
    docx = ds.maak_verslag(basis.ctx, basis["consulent"], onderzoek_id, "docx")
    return (pdf_tekst(ds.haal_document(basis.ctx, basis["consulent"], pdf.id).inhoud),
            docx_tekst(ds.haal_document(basis.ctx, basis["consulent"], docx.id).inhoud))


def test_jeugd_report_is_signed_by_the_parents_with_authority_and_the_young_person(basis: Basis) -> None:
    """Jeugdwet art. 7.3.4 / BW 7:450 (WGBO): the parents with authority sign, the young person from 12 with them;
    the client's report carries no reviewers' checklist."""
    zaak = maak_zaak(basis, wet="jeugdwet")
    for tekst in _verslag(basis, zaak.onderzoek_id):
        assert "Handtekening ouder met gezag" in tekst and "Anja Janssen" in tekst
        assert "Handtekening jeugdige" in tekst  # Sem is 12
        assert "Handtekening cliënt" not in tekst and "Controlelijst" not in tekst


def test_wmo_report_without_representative_says_nothing_about_one(basis: Basis) -> None:
    """Wmo 2015 art. 2.3.2 lid 8: the report tells what happened; no "Vertegenwoordiger gehoord: Niet vastgelegd"
    for a client who has no representative."""
    zaak = maak_zaak(basis)
    with basis.ctx.session_factory.begin() as s:
        for r in s.scalars(__import__("sqlalchemy").select(m.Relatie).where(m.Relatie.client_id == zaak.client_id)):
            s.delete(r)
        o = s.get(m.Onderzoek, zaak.onderzoek_id)
        assert o is not None
        o.vertegenwoordiger_gehoord = None
    for tekst in _verslag(basis, zaak.onderzoek_id):
        assert "Vertegenwoordiger gehoord" not in tekst


def test_an_ending_decision_moves_its_last_day_at_the_field_and_never_before_the_transition(basis: Basis) -> None:
    """Art. 2.3.10 Wmo 2015: when sending is later than planned, the consultant moves the ending's last day on the
    decision's line; a day before the day after sending plus 4 weeks is refused at the field 'einddatum' naming the
    earliest day, nothing stored; the provision keeps its own end date until the decision is sent."""
    from tests.factories_documenten import oude_voorziening_id

    bid = _beschikking(basis, aanleiding_po=True, po_uitkomst="beeindigd", besluiten=(), type="beeindiging")
    [regel] = bs.haal_beschikking(basis.ctx, basis["consulent"], bid).regels
    assert regel.einddatum == dt.date(2026, 12, 31)
    later = dt.date(2026, 12, 10)
    with pytest.raises(ValidatieFout) as exc:
        bs.wijzig_regel(basis.ctx, basis["consulent"], regel.id, besluit="beeindigd", motivering=regel.motivering,
                        einddatum=dt.date(2027, 1, 6), vandaag=later)
    assert "op zijn vroegst 7 januari 2027" in exc.value.fouten["einddatum"]
    assert bs.haal_beschikking(basis.ctx, basis["consulent"], bid).regels[0].einddatum == dt.date(2026, 12, 31)
    bs.wijzig_regel(basis.ctx, basis["consulent"], regel.id, besluit="beeindigd", motivering=regel.motivering,
                    einddatum=dt.date(2027, 1, 31), vandaag=later)
    assert bs.haal_beschikking(basis.ctx, basis["consulent"], bid).regels[0].einddatum == dt.date(2027, 1, 31)
    with basis.ctx.session_factory.begin() as s:
        zaak_aanvraag = s.get(m.Beschikking, bid)
        assert zaak_aanvraag is not None
        oud = s.get(m.Voorziening, oude_voorziening_id(basis, zaak_aanvraag.aanvraag_id))
        assert oud is not None and oud.einddatum is None
