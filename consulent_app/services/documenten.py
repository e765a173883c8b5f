"""Making, listing and fetching the dossier's documents: the report (verslag) and the decision (beschikking).

A generated document is stored in the database with its SHA-256 and a version number; making it again adds a
new version, it never replaces one. Written to disk, a document is readable only by its owner (0600).

The renderers (reportlab, python-docx: a third of a second to import) are imported when a document is made, not
with this module: every screen that lists or shows documents imports it, and they start before the first window.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, BeschikkingStatus, DocumentSoort, OnderzoekStatus, Rol
from consulent_app.errors import GeenToegang, RegelFout, ValidatieFout
from consulent_app.files import schrijf_prive, tijdelijk_bestand  # noqa: F401 - used as ds.tijdelijk_bestand by screens
from consulent_app.services.base import Actor, AppContext, audit, haal, transactie, vereis_rol, vereis_team
from consulent_app.services.beschikkingen import (
    controleer_ingang,
    controleer_netto,
    controleer_onderzoek,
    controleer_regel,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

    from consulent_app.documents.gegevenstypen import BeschikkingGegevens
    from consulent_app.documents.teksten import Teksten


FORMATEN = ("pdf", "docx")
MIME = {"pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
LEZERS = (Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER, Rol.PLANNER)


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    client_id: int
    soort: str
    formaat: str
    versie_nr: int
    titel: str
    bestandsnaam: str
    sha256: str
    paginas: int | None
    grootte: int
    aangemaakt_op: dt.datetime
    aangemaakt_door: str | None
    onderzoek_id: int | None
    beschikking_id: int | None


@dataclass(frozen=True)
class DocumentBestand:
    info: DocumentInfo
    inhoud: bytes


def _formaat(formaat: str) -> str:
    f = (formaat or "").lower().lstrip(".")
    if f not in FORMATEN:
        raise ValidatieFout.veld("formaat", "Formaat: kies PDF of Word (docx).")
    return f


def _info(d: m.Document, door: str | None) -> DocumentInfo:
    return DocumentInfo(d.id, d.client_id, d.soort, d.formaat, d.versie_nr, d.titel, d.bestandsnaam, d.sha256,
                        d.paginas, len(d.inhoud) if d.inhoud is not None else 0, d.aangemaakt_op, door,
                        d.onderzoek_id, d.beschikking_id)


def _volgende_versie(s: Session, soort: str, formaat: str, *, onderzoek_id: int | None = None,
                     beschikking_id: int | None = None) -> int:
    q = select(func.max(m.Document.versie_nr)).where(m.Document.soort == soort, m.Document.formaat == formaat)
    q = q.where(m.Document.onderzoek_id == onderzoek_id) if onderzoek_id is not None else q
    q = q.where(m.Document.beschikking_id == beschikking_id) if beschikking_id is not None else q
    return int(s.scalar(q) or 0) + 1


def pagina_aantal(pdf: bytes) -> int:
    from consulent_app.documents.pdf_basis import pagina_aantal as tel

    return tel(pdf)


def _bewaar(s: Session, actor: Actor, *, client_id: int, soort: str, formaat: str, titel: str, stam: str,
            inhoud: bytes, onderzoek_id: int | None = None, beschikking_id: int | None = None,
            briefdatum: dt.date | None = None) -> DocumentInfo:
    nr = _volgende_versie(s, soort, formaat, onderzoek_id=onderzoek_id, beschikking_id=beschikking_id)
    d = m.Document(
        client_id=client_id, soort=soort, onderzoek_id=onderzoek_id, beschikking_id=beschikking_id, formaat=formaat,
        versie_nr=nr, titel=titel[:200], bestandsnaam=f"{stam}-v{nr}.{formaat}"[:200], inhoud=inhoud,
        sha256=hashlib.sha256(inhoud).hexdigest(), paginas=pagina_aantal(inhoud) if formaat == "pdf" else None,
        aangemaakt_door_id=actor.gebruiker_id, briefdatum=briefdatum,
    )
    s.add(d)
    s.flush()
    audit(s, actor, AuditActie.AANMAKEN, "document", d.id, client_id=client_id,
          details=f"soort={soort},formaat={formaat},versie={nr}")
    return _info(d, actor.naam)


# ------------------------------------------------------------------------------------------------ rendering

def _render_verslag(ctx: AppContext, s: Session, onderzoek_id: int, formaat: str) -> tuple[m.Onderzoek, bytes, str]:
    o = haal(s, m.Onderzoek, onderzoek_id, "Onderzoek")
    if o.status != OnderzoekStatus.AFGEROND.value:
        raise RegelFout("Het onderzoek is nog niet afgerond. Rond eerst alle stappen af; daarna maakt u het "
                        "verslag.")
    from consulent_app.documents import verslag_docx
    from consulent_app.documents import verslag_pdf as verslag_pdf_render
    from consulent_app.documents.gegevens import verslag_gegevens
    from consulent_app.documents.teksten import laad

    t = laad("verslag")
    titels = t.ruw(f"stappen.titels.{o.wet}") if t.heeft(f"stappen.titels.{o.wet}") else {}
    g = verslag_gegevens(s, onderzoek_id, ctx.config, standaard_titels=titels)
    data = verslag_pdf_render.render(g, t) if formaat == "pdf" else verslag_docx.render(g, t)
    return o, data, f"{t.t('document.titel')} {g.client_naam}"


def _lees_beschikking(ctx: AppContext, s: Session, beschikking_id: int,
                     vandaag: dt.date | None) -> tuple[m.Beschikking, BeschikkingGegevens, Teksten]:
    """Read the decision and check it as every letter is checked before it leaves; what the renderers take."""
    b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
    controleer_onderzoek(s, b.aanvraag)
    if not b.regels:
        raise RegelFout("Deze beschikking heeft geen regels. Maak de beschikking opnieuw vanuit de aanvraag.")
    for r in b.regels:
        controleer_regel(ctx, r.voorziening, r.besluit, r.motivering or r.voorziening.motivering, b.type,
                         einddatum=r.einddatum)
        controleer_netto(r.voorziening, r, b.type)
    from consulent_app.documents.gegevens import beschikking_gegevens, brief_datum
    from consulent_app.documents.teksten import laad

    if b.status != BeschikkingStatus.VERZONDEN.value:
        # Dated (to be sent) on this day, the letter may not end or reduce anything with retroactive effect.
        controleer_ingang(s, ctx, b, brief_datum(b, vandaag))
    t = laad("beschikking")
    return b, beschikking_gegevens(s, beschikking_id, ctx.config, vandaag=vandaag), t


def _render_beschikking(ctx: AppContext, s: Session, beschikking_id: int, formaat: str,
                        vandaag: dt.date | None) -> tuple[m.Beschikking, bytes, str]:
    from consulent_app.documents.werker import render_beschikking

    b, g, t = _lees_beschikking(ctx, s, beschikking_id, vandaag)
    return b, render_beschikking(g, t, formaat), f"Beschikking {b.kenmerk}"


# ------------------------------------------------------------------------------------------------ use cases

def maak_verslag(ctx: AppContext, actor: Actor, onderzoek_id: int, formaat: str = "pdf") -> DocumentInfo:
    """Produce the report of a completed investigation and store it as a new version in the dossier."""
    vereis_rol(actor, Rol.CONSULENT)
    formaat = _formaat(formaat)
    with transactie(ctx, actor) as s:
        o = haal(s, m.Onderzoek, onderzoek_id, "Onderzoek")
        vereis_team(actor, o.melding.team_id)
        o, data, titel = _render_verslag(ctx, s, onderzoek_id, formaat)
        return _bewaar(s, actor, client_id=o.client_id, soort=DocumentSoort.VERSLAG.value, formaat=formaat,
                       titel=titel, stam=f"gespreksverslag-{o.id}", inhoud=data, onderzoek_id=o.id)


def bewaar_verslag(ctx: AppContext, s: Session, actor: Actor, onderzoek_id: int) -> DocumentInfo:
    """Inside a use case's transaction: render the report (PDF) and store it as its next version."""
    o, data, titel = _render_verslag(ctx, s, onderzoek_id, "pdf")
    return _bewaar(s, actor, client_id=o.client_id, soort=DocumentSoort.VERSLAG.value, formaat="pdf", titel=titel,
                   stam=f"gespreksverslag-{o.id}", inhoud=data, onderzoek_id=o.id)


def maak_beschikking_document(ctx: AppContext, actor: Actor, beschikking_id: int, formaat: str = "pdf", *,
                              vandaag: dt.date | None = None) -> DocumentInfo:
    """Produce the decision letter and store it as a new version. A sent decision is not produced again.

    The consultant makes concept versions (marked CONCEPT); after approval the reviewer or the administration
    stores the final version (no mark). It is dated today or, once produced, on the planned sending date; the mail
    room prints only a version dated on the sending date (verzending.beschikking_render).
    """
    return _maak_beschikking_document(ctx, actor, beschikking_id, formaat, vandaag=vandaag)


def _maak_beschikking_document(ctx: AppContext, actor: Actor, beschikking_id: int, formaat: str, *,
                               vandaag: dt.date | None, gerenderd: _Gerenderd | None = None) -> DocumentInfo:
    """The use case above; `gerenderd` is the letter a batch worker already rendered from decision version
    `gerenderd.versie`: it is stored only when that is still the decision's version, else rendered here again."""
    vereis_rol(actor, Rol.CONSULENT, Rol.TOETSER, Rol.ADMINISTRATIEF)
    formaat = _formaat(formaat)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        _vereis_lezen(actor, b.aanvraag.team_id)
        if b.status == BeschikkingStatus.VERZONDEN.value:
            raise RegelFout("Deze beschikking is al verzonden. Een nieuwe versie maken kan niet meer; "
                            "vraag zo nodig een afschrift aan de administratie.")
        if b.status == BeschikkingStatus.TER_TOETSING.value:
            # A version stored now would carry the CONCEPT mark yet be newer than the submission, and the mail
            # room prints the newest stored letter: it could reach the client. Preview without storing instead.
            raise RegelFout("Deze beschikking ligt bij de toetser. Een nieuwe versie opslaan kan pas als de toetser "
                            "hem heeft teruggestuurd of goedgekeurd; bekijken kan wel.")
        if actor.rol is not Rol.CONSULENT and b.status != BeschikkingStatus.GOEDGEKEURD.value:
            raise RegelFout("Alleen de consulent maakt conceptversies; de definitieve brief wordt gemaakt na "
                            "goedkeuring door de toetser.")
        if gerenderd is not None and gerenderd.versie == b.versie and gerenderd.formaat == formaat:
            data, titel = gerenderd.inhoud, gerenderd.titel
        else:
            b, data, titel = _render_beschikking(ctx, s, beschikking_id, formaat, vandaag)
        from consulent_app.documents.gegevens import brief_datum, is_concept

        return _bewaar(s, actor, client_id=b.client_id, soort=DocumentSoort.BESCHIKKING.value, formaat=formaat,
                       titel=titel, stam=f"beschikking-{b.kenmerk}", inhoud=data, beschikking_id=b.id,
                       briefdatum=None if is_concept(b) else brief_datum(b, vandaag))


#: From this many letters a batch renders in worker processes (reportlab's layout is two thirds of a letter's
#: time; reading, checking and storing, one transaction per letter, stay in this process).
PARALLEL_VANAF = 20


def maak_beschikkingen(ctx: AppContext, actor: Actor, beschikking_ids: Sequence[int], formaat: str = "pdf", *,
                       progress: Callable[[int, int, str], None] | None = None,
                       is_cancelled: Callable[[], bool] | None = None,
                       vandaag: dt.date | None = None, parallel: bool = True) -> list[DocumentInfo]:
    """Many decision letters in one go, each stored in its own transaction so memory stays flat and a failure in
    one does not lose the others. Stops cleanly between letters when cancelled.

    The decisions are read and checked a slice at a time (`_Voorraad`: a dozen queries for a slice instead of
    nineteen a letter). With PARALLEL_VANAF letters or more and a free core (`vrije_kernen`) worker processes
    render them from that data a few ahead, in order, while this process stores each one; a letter whose decision
    changed after it was read, or that could not be read or rendered ahead, is read, checked and rendered again in
    its own transaction. Also in the frozen bundle (consulent_app/__main__.py calls multiprocessing.freeze_support,
    so a worker started from the bundle runs the worker, not the application)."""
    vereis_rol(actor, Rol.CONSULENT, Rol.TOETSER, Rol.ADMINISTRATIEF)
    formaat = _formaat(formaat)
    uit: list[DocumentInfo] = []
    totaal = len(beschikking_ids)
    werkers = min(2, vrije_kernen()) if parallel and totaal >= PARALLEL_VANAF else 0
    voorraad = _Voorraad(ctx, list(beschikking_ids), formaat, vandaag, _Renderpool(werkers) if werkers else None)
    try:
        for i, bid in enumerate(beschikking_ids, start=1):
            if is_cancelled and is_cancelled():
                break
            gerenderd = voorraad.volgende(bid)
            uit.append(_maak_beschikking_document(ctx, actor, bid, formaat, vandaag=vandaag, gerenderd=gerenderd))
            if progress:
                progress(i, totaal, f"Beschikking {i} van {totaal}")
    finally:
        voorraad.sluit()
    return uit


def vrije_kernen() -> int:
    """Cores nobody else is using now (cores minus the load average of the last minute): worker processes only
    help when they get a core of their own; on a machine that is fully busy (a shared terminal server, the build
    machine) they would only add their start-up. Without a load average (Windows): every core but one."""
    import os

    kernen = os.cpu_count() or 1
    try:
        bezet = os.getloadavg()[0]
    except (AttributeError, OSError):
        return kernen - 1
    return max(0, int(kernen - bezet))


@dataclass(frozen=True)
class _Gerenderd:
    versie: int
    formaat: str
    inhoud: bytes
    titel: str


class _Renderpool:
    """Worker processes that render letters from their plain data (documents.werker: reportlab and the renderers,
    no database); a broken pool means: render the rest in this process (consulent_app.werkprocessen)."""

    def __init__(self, werkers: int = 2) -> None:
        from consulent_app.documents import werker
        from consulent_app.werkprocessen import Werkpool

        self.werkpool = Werkpool(werkers, initializer=werker.start)

    @property
    def kapot(self) -> bool:
        return self.werkpool.kapot

    def submit(self, g: BeschikkingGegevens, t: Teksten, formaat: str) -> Future[bytes] | None:
        """The letter to render in a worker; None when the pool broke down (this process renders it)."""
        from consulent_app.documents import werker

        return self.werkpool.submit(werker.render_beschikking, g, t, formaat)

    def resultaat(self, fut: Future[bytes]) -> bytes | None:
        """The letter a worker rendered; None when it failed or the pool broke down (this process renders it)."""
        from consulent_app.werkprocessen import WerkersWeg

        try:
            return self.werkpool.resultaat(fut)
        except WerkersWeg:
            return None
        except Exception as exc:  # noqa: BLE001 - failed in the worker: this process renders it and says why
            import logging

            # The type only: a message could hold personal data.
            logging.getLogger(__name__).warning("brief niet gemaakt in een werkproces (%s)", type(exc).__name__)
            return None

    def sluit(self) -> None:
        self.werkpool.sluit()


@dataclass
class _Gelezen:
    versie: int
    titel: str
    gegevens: BeschikkingGegevens
    teksten: Teksten
    brief: Future[bytes] | None = None  # in a worker process


class _Voorraad:
    """The batch's letters read and checked a slice at a time (`PLAK` decisions in one read-only session, their
    rows fetched together by documents.gegevens.lees_beschikkingen), in the batch's order, at most `VOORUIT` ahead
    so memory stays bounded; with a pool they are rendered there meanwhile, else here when they are asked for.
    A decision that cannot be read or fails a check is left out (None): the storing transaction reads it again
    and says what is wrong."""

    PLAK = 16
    VOORUIT = 8

    def __init__(self, ctx: AppContext, ids: list[int], formaat: str, vandaag: dt.date | None,
                 pool: _Renderpool | None) -> None:
        from collections import deque

        self.ctx, self.ids, self.formaat, self.vandaag, self.pool = ctx, ids, formaat, vandaag, pool
        self.volgende_nr = 0
        self.wachtrij: deque[tuple[int, _Gelezen | None]] = deque()

    def _lees_plak(self) -> None:
        from consulent_app.documents.gegevens import lees_beschikkingen

        plak = self.ids[self.volgende_nr:self.volgende_nr + self.PLAK]
        self.volgende_nr += len(plak)
        gelezen: dict[int, _Gelezen | None] = {}
        try:
            with self.ctx.session_factory() as s:
                bewaard = lees_beschikkingen(s, plak)  # noqa: F841 - kept alive while the session is used
                for bid in plak:
                    try:
                        b, g, t = _lees_beschikking(self.ctx, s, bid, self.vandaag)
                        gelezen[bid] = _Gelezen(b.versie, f"Beschikking {b.kenmerk}", g, t)
                    except Exception:  # noqa: BLE001 - read again, and reported, by the storing transaction
                        gelezen[bid] = None
        except Exception:  # noqa: BLE001 - the database failed this read: each letter is read when it is stored
            gelezen = {}
        for bid in plak:
            item = gelezen.get(bid)
            if item is not None and self.pool is not None:
                item.brief = self.pool.submit(item.gegevens, item.teksten, self.formaat)
            self.wachtrij.append((bid, item))

    def volgende(self, beschikking_id: int) -> _Gerenderd | None:
        """The next letter of the batch, rendered from the decision version it names; None: make it yourself."""
        if not self.wachtrij and self.volgende_nr < len(self.ids):
            self._lees_plak()
        if not self.wachtrij or self.wachtrij[0][0] != beschikking_id:
            return None
        _bid, item = self.wachtrij.popleft()
        if len(self.wachtrij) < self.VOORUIT and self.volgende_nr < len(self.ids) and self.pool is not None:
            self._lees_plak()  # the workers never wait for this process to read
        if item is None:
            return None
        if item.brief is not None and self.pool is not None:
            inhoud = self.pool.resultaat(item.brief)
        else:
            inhoud = None
        if inhoud is None:
            from consulent_app.documents.werker import render_beschikking

            try:
                inhoud = render_beschikking(item.gegevens, item.teksten, self.formaat)
            except Exception:  # noqa: BLE001 - rendered again, and reported, by the storing transaction
                return None
        return _Gerenderd(item.versie, self.formaat, inhoud, item.titel)

    def sluit(self) -> None:
        self.wachtrij.clear()
        if self.pool is not None:
            self.pool.sluit()


def zelftest_werkprocessen(ctx: AppContext, aantal: int = 4) -> tuple[int, int]:
    """Self-test of the batch's worker processes, for the frozen bundle (`consulent-app --selftest-werkprocessen`):
    up to `aantal` sent decision letters of the database read here and rendered in two worker processes, not
    stored, nothing shown (each read is in the audit log, by the system). Returns (letters asked, letters that came
    back rendered from a worker)."""
    from consulent_app.documents.gegevens import lees_beschikkingen

    with transactie(ctx, None) as s:
        rijen = s.execute(select(m.Beschikking.id, m.Beschikking.client_id)
                          .where(m.Beschikking.status == BeschikkingStatus.VERZONDEN.value)
                          .order_by(m.Beschikking.id).limit(aantal)).all()
        for bid, client_id in rijen:  # these letters' personal data is read: in the log, as the system
            audit(s, None, AuditActie.LEZEN, "beschikking", bid, client_id=client_id, details="zelftest-werkprocessen")
        bewaard = lees_beschikkingen(s, [bid for bid, _ in rijen])  # noqa: F841 - kept while the session is used
        gelezen = [_lees_beschikking(ctx, s, bid, None) for bid, _ in rijen]
    if not gelezen:
        return 0, 0
    pool = _Renderpool(werkers=2)
    try:
        brieven = [pool.submit(g, t, "pdf") for _b, g, t in gelezen]
        gelukt = sum(1 for f in brieven
                     if f is not None and (r := pool.resultaat(f)) is not None and r.startswith(b"%PDF"))
    finally:
        pool.sluit()
    return len(gelezen), gelukt


def _vereis_lezen(actor: Actor, team_id: int | None) -> None:
    if actor.rol is Rol.ADMINISTRATIEF:
        return  # administrative staff print and send the decisions of every team
    vereis_team(actor, team_id)


#: What the mail room may see: decisions a reviewer approved, and sent ones (for a copy).
TE_VERZENDEN = (BeschikkingStatus.GOEDGEKEURD.value, BeschikkingStatus.VERZONDEN.value)
_ALLEEN_VERZENDEN = ("Administratief medewerkers zien alleen goedgekeurde en verzonden beschikkingen en hun "
                     "bijlagen; een concept of een dossier in onderzoek is voor de consulent en de toetser.")


def vereis_verzendbaar(actor: Actor, b: m.Beschikking) -> None:
    """Need to know: administrative staff see what they must send, not concept decisions."""
    if actor.rol is Rol.ADMINISTRATIEF and b.status not in TE_VERZENDEN:
        raise GeenToegang(_ALLEEN_VERZENDEN)


def vereis_verslag_als_bijlage(s: Session, actor: Actor, onderzoek_id: int) -> None:
    """Administrative staff see a report only as the enclosure of an approved or sent decision on it."""
    if actor.rol is not Rol.ADMINISTRATIEF:
        return
    bijlage_van = s.scalar(
        select(func.count()).select_from(m.Beschikking)
        .join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
        .where(m.Aanvraag.onderzoek_id == onderzoek_id, m.Beschikking.status.in_(TE_VERZENDEN)))
    if not bijlage_van:
        raise GeenToegang(_ALLEEN_VERZENDEN)


def _vereis_document_voor_administratie(s: Session, actor: Actor, d: m.Document) -> None:
    if actor.rol is not Rol.ADMINISTRATIEF:
        return
    if d.soort in (DocumentSoort.BESCHIKKING.value, DocumentSoort.AFSCHRIFT.value) and d.beschikking_id:
        b = haal(s, m.Beschikking, d.beschikking_id, "Beschikking")
        vereis_verzendbaar(actor, b)
        # A version stored before the decision went to review is a draft, even of an approved decision.
        if b.ter_toetsing_op is not None and d.aangemaakt_op < b.ter_toetsing_op:
            raise GeenToegang(_ALLEEN_VERZENDEN)
        return
    if d.soort == DocumentSoort.VERSLAG.value and d.onderzoek_id:
        vereis_verslag_als_bijlage(s, actor, d.onderzoek_id)
        return
    if d.soort == DocumentSoort.BIJLAGE.value and d.beschikking_id:  # a leaflet the mail room sent
        vereis_verzendbaar(actor, haal(s, m.Beschikking, d.beschikking_id, "Beschikking"))
        return
    raise GeenToegang(_ALLEEN_VERZENDEN)


def beschikking_pdf(ctx: AppContext, actor: Actor, beschikking_id: int, *, vandaag: dt.date | None = None) -> bytes:
    """The decision as PDF without storing it (for printing and copies by the administration)."""
    vereis_rol(actor, *LEZERS, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        _vereis_lezen(actor, b.aanvraag.team_id)
        vereis_verzendbaar(actor, b)
        b, data, _ = _render_beschikking(ctx, s, beschikking_id, "pdf", vandaag)
        audit(s, actor, AuditActie.LEZEN, "beschikking", b.id, client_id=b.client_id, details="pdf")
        onthoud_paginas(s, b, pagina_aantal(data))
        return data


def bewaar_verzendversie(ctx: AppContext, actor: Actor, beschikking_id: int, *, briefdatum: dt.date | None) -> bytes:
    """Production (mail room): render the approved letter dated on its sending date, store it as the decision's new
    document version and return exactly those bytes, so the letter printed and sent is the one in the dossier."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        _vereis_lezen(actor, b.aanvraag.team_id)
        vereis_verzendbaar(actor, b)
        if b.status != BeschikkingStatus.GOEDGEKEURD.value:
            raise RegelFout(f"Beschikking {b.kenmerk} is niet (meer) goedgekeurd en wordt niet opnieuw gemaakt.")
        b, data, titel = _render_beschikking(ctx, s, beschikking_id, "pdf", briefdatum)
        from consulent_app.documents.gegevens import brief_datum

        _bewaar(s, actor, client_id=b.client_id, soort=DocumentSoort.BESCHIKKING.value, formaat="pdf", titel=titel,
                stam=f"beschikking-{b.kenmerk}", inhoud=data, beschikking_id=b.id,
                briefdatum=brief_datum(b, briefdatum))
        return data


def onthoud_paginas(s: Session, b: m.Beschikking, paginas: int) -> None:
    """Keep the page count of a letter rendered without storing it, for this version of the decision (the
    Verzendlijst shows it without rendering). Two renders at once: the one that commits first stays."""
    from sqlalchemy.exc import IntegrityError

    rij = s.get(m.BriefPaginas, b.id)
    if rij is not None:
        if (rij.beschikking_versie, rij.paginas) != (b.versie, paginas):
            rij.beschikking_versie, rij.paginas = b.versie, paginas
        return
    try:
        with s.begin_nested():
            s.add(m.BriefPaginas(beschikking_id=b.id, beschikking_versie=b.versie, paginas=paginas))
    except IntegrityError:
        pass


def bewaar_verslag_voor_verzending(ctx: AppContext, actor: Actor, onderzoek_id: int) -> bytes:
    """Production (mail room): the report that goes with an approved decision, stored as the investigation's next
    version when none is stored yet, and exactly those bytes returned: the dossier keeps the report as sent, and its
    page count is known from then on (the Verzendlijst counts enclosures without rendering)."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        o = haal(s, m.Onderzoek, onderzoek_id, "Onderzoek")
        vereis_verslag_als_bijlage(s, actor, o.id)
        o, data, titel = _render_verslag(ctx, s, onderzoek_id, "pdf")
        _bewaar(s, actor, client_id=o.client_id, soort=DocumentSoort.VERSLAG.value, formaat="pdf", titel=titel,
                stam=f"gespreksverslag-{o.id}", inhoud=data, onderzoek_id=o.id)
        return data


def verslag_pdf(ctx: AppContext, actor: Actor, onderzoek_id: int) -> bytes:
    """The report as PDF without storing it (enclosure of the decision)."""
    vereis_rol(actor, *LEZERS, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        o = haal(s, m.Onderzoek, onderzoek_id, "Onderzoek")
        _vereis_lezen(actor, o.melding.team_id)
        vereis_verslag_als_bijlage(s, actor, o.id)
        o, data, _ = _render_verslag(ctx, s, onderzoek_id, "pdf")
        audit(s, actor, AuditActie.LEZEN, "onderzoek", o.id, client_id=o.client_id, details="verslag_pdf")
        return data


def lijst_documenten(ctx: AppContext, actor: Actor, client_id: int) -> list[DocumentInfo]:
    """The dossier's document list, newest first (content not loaded)."""
    vereis_rol(actor, *LEZERS)
    with transactie(ctx, actor) as s:
        c = haal(s, m.Client, client_id, "Cliënt")
        vereis_team(actor, c.team_id)
        rows = s.execute(
            select(m.Document.id, m.Document.client_id, m.Document.soort, m.Document.formaat, m.Document.versie_nr,
                   m.Document.titel, m.Document.bestandsnaam, m.Document.sha256, m.Document.paginas,
                   func.coalesce(func.length(m.VerzendBijlage.inhoud), func.length(m.Document.inhoud)),
                   m.Document.aangemaakt_op, m.Gebruiker.naam, m.Document.onderzoek_id, m.Document.beschikking_id)
            .outerjoin(m.Gebruiker, m.Gebruiker.id == m.Document.aangemaakt_door_id)
            .outerjoin(m.VerzendBijlage, m.VerzendBijlage.id == m.Document.verzendbijlage_id)
            .where(m.Document.client_id == client_id)
            .order_by(m.Document.aangemaakt_op.desc(), m.Document.id.desc())
        ).all()
        audit(s, actor, AuditActie.LEZEN, "documentenlijst", client_id, client_id=client_id)
        return [DocumentInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], int(r[9] or 0), r[10], r[11],
                             r[12], r[13]) for r in rows]


def haal_document(ctx: AppContext, actor: Actor, document_id: int) -> DocumentBestand:
    """One stored document with its content; the checksum is verified, so a damaged file is never shown."""
    vereis_rol(actor, *LEZERS, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        d = haal(s, m.Document, document_id, "Document")
        c = s.get(m.Client, d.client_id)
        _vereis_lezen(actor, c.team_id if c else None)
        _vereis_document_voor_administratie(s, actor, d)
        inhoud = bytes(d.inhoud)
        if d.verzendbijlage_id is not None:  # an enclosure as sent: its bytes are stored once for all letters
            inhoud = bytes(haal(s, m.VerzendBijlage, d.verzendbijlage_id, "Bijlage").inhoud)
        if hashlib.sha256(inhoud).hexdigest() != d.sha256:
            raise RegelFout("Dit document is beschadigd: de controlesom klopt niet. Maak het document opnieuw.")
        door = s.get(m.Gebruiker, d.aangemaakt_door_id) if d.aangemaakt_door_id else None
        audit(s, actor, AuditActie.LEZEN, "document", d.id, client_id=d.client_id, details=f"soort={d.soort}")
        return DocumentBestand(_info(d, door.naam if door else None), inhoud)


@dataclass(frozen=True)
class DocumentBron:
    """An investigation (or a request after a periodic re-examination) and what can be made from it now."""

    onderzoek_id: int | None
    wet: str
    gesprek_datum: dt.date | None
    onderzoek_afgerond: bool
    aanvraag_id: int | None
    aanvraag_status: str | None
    beschikking_id: int | None
    kenmerk: str | None
    beschikking_status: str | None
    beschikking_type: str | None
    na_periodiek_onderzoek: bool = False

    @property
    def sleutel(self) -> str:
        return f"onderzoek:{self.onderzoek_id}" if self.onderzoek_id is not None else f"aanvraag:{self.aanvraag_id}"

    @property
    def verslag_mogelijk(self) -> bool:
        return self.onderzoek_id is not None and self.onderzoek_afgerond

    @property
    def beschikking_mogelijk(self) -> bool:
        if self.beschikking_id is not None:
            return self.beschikking_status not in (BeschikkingStatus.VERZONDEN.value,
                                                   BeschikkingStatus.TER_TOETSING.value)
        return self.onderzoek_afgerond and self.aanvraag_status == "open"


def documentbronnen(ctx: AppContext, actor: Actor, client_id: int) -> list[DocumentBron]:
    """The dossier's investigations and re-examination requests, newest first, with request and decision."""
    vereis_rol(actor, *LEZERS)
    with transactie(ctx, actor) as s:
        c = haal(s, m.Client, client_id, "Cliënt")
        vereis_team(actor, c.team_id)
        rows = s.execute(
            select(m.Onderzoek, m.Aanvraag, m.Beschikking)
            .outerjoin(m.Aanvraag, m.Aanvraag.onderzoek_id == m.Onderzoek.id)
            .outerjoin(m.Beschikking, m.Beschikking.aanvraag_id == m.Aanvraag.id)
            .where(m.Onderzoek.client_id == client_id)
        ).all()
        uit = [(o.startdatum, DocumentBron(
            o.id, o.wet, o.gesprek_datum, o.status == OnderzoekStatus.AFGEROND.value, a.id if a else None,
            a.status if a else None, b.id if b else None, b.kenmerk if b else None, b.status if b else None,
            b.type if b else None)) for o, a, b in rows]
        po_rows = s.execute(
            select(m.Aanvraag, m.Beschikking, m.PeriodiekOnderzoek)
            .outerjoin(m.Beschikking, m.Beschikking.aanvraag_id == m.Aanvraag.id)
            .join(m.PeriodiekOnderzoek, m.PeriodiekOnderzoek.id == m.Aanvraag.aanleiding_po_id)
            .where(m.Aanvraag.client_id == client_id, m.Aanvraag.onderzoek_id.is_(None))
        ).all()
        uit += [(a.datum, DocumentBron(
            None, a.wet, po.afgerond_op, po.status == "afgerond", a.id, a.status, b.id if b else None,
            b.kenmerk if b else None, b.status if b else None, b.type if b else None, na_periodiek_onderzoek=True))
            for a, b, po in po_rows]
        return [bron for _, bron in sorted(uit, key=lambda x: x[0], reverse=True)]


def docx_platte_tekst(inhoud: bytes) -> str:
    """The text of a Word file, paragraphs and table cells in order, for a quick look inside the application."""
    import io

    from docx import Document as WordDocument

    doc = WordDocument(io.BytesIO(inhoud))
    regels: list[str] = []
    body = doc.element.body
    for kind in body.iterchildren():
        tag = kind.tag.rsplit("}", 1)[-1]
        if tag == "p":
            regels.append("".join(t.text or "" for t in kind.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for rij in kind.iter():
                if rij.tag.endswith("}tr"):
                    cellen = []
                    for cel in rij.iterchildren():
                        if cel.tag.endswith("}tc"):
                            cellen.append(" ".join("".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                                   for p in cel.iter() if p.tag.endswith("}p")).strip())
                    regels.append("  |  ".join(c for c in cellen if c))
    return "\n".join(regels)


# ------------------------------------------------------------------------------------------------ files

def bewaar_als(ctx: AppContext, actor: Actor, document_id: int, pad: Path) -> Path:
    """Save a stored document to a file the user chose (0600); recorded in the audit log as an export."""
    bestand = haal_document(ctx, actor, document_id)
    schrijf_prive(pad, bestand.inhoud)
    with transactie(ctx, actor) as s:
        audit(s, actor, AuditActie.EXPORTEREN, "document", document_id, client_id=bestand.info.client_id,
              details=f"formaat={bestand.info.formaat}")
    return Path(pad)
