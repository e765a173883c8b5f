"""Sending decisions (step 7) and handing granted provisions to providers and the SVB (step 8).

Administrative staff take the approved decisions (verzendlijst), produce them on paper or as one PDF for a
print street, mark them as sent (which starts the objection term of Awb 6:7/6:8 and activates the granted
provisions), re-print copies (afschrift) and export the lists of provisions to assign (toewijzingslijst, pgb-lijst).

Once sent, a decision never changes: a guard on every ORM flush refuses it (`services._verzonden`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consulent_app import codelists, export
from consulent_app.db import models as m
from consulent_app.domain import (
    AuditActie,
    BerichtStatus,
    BeschikkingStatus,
    Besluit,
    DocumentSoort,
    Leveringsvorm,
    Rol,
    Verzendwijze,
    VoorzieningStatus,
    Wet,
)
from consulent_app.errors import ConsulentFout, NietGevonden, RegelFout, ValidatieFout
from consulent_app.formatting import datum_kort
from consulent_app.rules.duur import TOEGEKEND
from consulent_app.rules.omvang import omvang_van
from consulent_app.services import termijnbewaking
from consulent_app.services.base import (
    Actor,
    AppContext,
    audit,
    audit_lijst,
    controleer_versie,
    haal,
    transactie,
    vereis_actief,
    vereis_rol,
    vereis_team,
)

log = logging.getLogger(__name__)

#: Enclosures a decision can carry, in the order they go into the envelope.
BIJLAGEN: dict[str, str] = {
    "verslag": "Gespreksverslag (onderzoeksverslag)",
    "folder_bezwaar": "Folder 'Bent u het niet eens met het besluit?'",
    "folder_eigen_bijdrage": "Folder 'De eigen bijdrage'",
}

VERZENDWIJZE_LABEL: dict[str, str] = {
    Verzendwijze.POST.value: "Per post",
    Verzendwijze.EMAIL.value: "Per e-mail",
    Verzendwijze.PORTAAL.value: "Via het cliëntportaal",
}

#: How production is recorded in the audit log; marking as sent requires one of these first.
PRODUCTIE_DETAILS = ("printer", "pdf")


Render = Callable[[int], bytes]


# --- the guard: a sent decision is immutable ------------------------------------------------------------------


# The guard lives in consulent_app.services._verzonden: the services package registers it on import, without importing
# this module and its neighbours at start-up.


# --- verzendlijst -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerzendRegel:
    beschikking_id: int
    versie: int
    kenmerk: str
    client_id: int
    client_naam: str
    wet: str
    wet_label: str
    consulent: str | None
    team_id: int | None
    team: str | None
    goedgekeurd_op: dt.date | None
    paginas: int | None  # pages of the stored letter; None while it has not been produced yet
    bijlagen: tuple[str, ...]
    status: str
    status_label: str
    verzonden_op: dt.date | None = None
    verzendwijze: str | None = None
    bezwaartermijn_einde: dt.date | None = None
    afgedrukt: bool = False  # produced on paper or in a print file at least once
    briefdatum: dt.date | None = None  # the date on the produced letter: the planned sending date
    #: Short names of the enclosures, in envelope order ("verslag", "folder bezwaar", a chosen leaflet's title).
    bijlage_namen: tuple[str, ...] = ()
    #: Pages of the enclosures together; None while one of them is not counted yet (a report not yet stored).
    bijlage_paginas: int | None = 0


def _naam(c: m.Client) -> str:
    return " ".join(p for p in (c.voornamen, c.tussenvoegsel, c.achternaam) if p)


#: Short names of BIJLAGEN for lists and messages.
BIJLAGE_KORT = {"verslag": "verslag", "folder_bezwaar": "folder bezwaar", "folder_eigen_bijdrage": "folder eigen bijdrage"}

EXTRA = "extra:"  # a chosen enclosure file (verzendbijlage) in a decision's bijlagen: "extra:<id>"


def _bijlagen(b: m.Beschikking) -> tuple[str, ...]:
    """The enclosures in envelope order: the report and the folders (BIJLAGEN order), then chosen files as added."""
    # No choice recorded: the report goes with the decision (as the letter itself says; art. 2.3.2 lid 8 Wmo).
    items = (b.bijlagen or {}).get("items", ["verslag"]) if isinstance(b.bijlagen, dict) else ["verslag"]
    return tuple(k for k in BIJLAGEN if k in items) + tuple(dict.fromkeys(k for k in items if _extra_id(k)))


def _zet_bijlagen(s: Session, b: m.Beschikking, items: list[str]) -> None:
    """Change the enclosures. The letter's closing names them, so a letter stored before this change is made anew
    when produced (beschikking_render), and the page count kept for the old version is not the new letter's (one
    line more in the enclosure list can start a page): it is unknown until the letter is rendered again."""
    b.bijlagen = {**(b.bijlagen or {}), "items": items, "gewijzigd_op": m.utcnow().isoformat()}
    s.flush()


def _bijlagen_gewijzigd_op(b: m.Beschikking) -> dt.datetime | None:
    waarde = (b.bijlagen or {}).get("gewijzigd_op") if isinstance(b.bijlagen, dict) else None
    try:
        return dt.datetime.fromisoformat(waarde) if isinstance(waarde, str) else None
    except ValueError:
        return None


def _extra_id(code: str) -> int | None:
    if isinstance(code, str) and code.startswith(EXTRA) and code[len(EXTRA):].isdigit():
        return int(code[len(EXTRA):])
    return None


def _bijlage_tellingen(s: Session, ctx: AppContext, rows: Sequence[Any]) -> dict[int, tuple[tuple[str, ...], int | None]]:
    """Per decision: the enclosures' short names and their pages together (None: a report not counted yet).

    Nothing is rendered: a chosen file's count was stored when it was chosen, a folder's is counted once per
    process, a report's is the one of its stored version."""
    from consulent_app.documents import bundel

    per_b = {b.id: _bijlagen(b) for b, *_ in rows}
    extra_ids = {i for codes in per_b.values() for c in codes if (i := _extra_id(c)) is not None}
    extras = {r.id: (r.titel, r.paginas) for r in s.execute(
        select(m.VerzendBijlage.id, m.VerzendBijlage.titel, m.VerzendBijlage.paginas)
        .where(m.VerzendBijlage.id.in_(sorted(extra_ids))))} if extra_ids else {}
    onderzoek_van: dict[int, int | None] = {}
    ids = sorted(per_b)
    for start in range(0, len(ids), 900):
        onderzoek_van.update({bid: oid for bid, oid in s.execute(
            select(m.Beschikking.id, m.Aanvraag.onderzoek_id).join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
            .where(m.Beschikking.id.in_(ids[start:start + 900])))})
    verslag_paginas: dict[int, int | None] = {}
    oids = sorted({o for o in onderzoek_van.values() if o is not None})
    for start in range(0, len(oids), 900):
        for oid, doc_n in s.execute(
                select(m.Document.onderzoek_id, m.Document.paginas)
                .where(m.Document.onderzoek_id.in_(oids[start:start + 900]),
                       m.Document.soort == DocumentSoort.VERSLAG.value, m.Document.formaat == "pdf")
                .order_by(m.Document.onderzoek_id, m.Document.versie_nr, m.Document.id)):
            if oid is not None:
                verslag_paginas[oid] = doc_n  # ascending: the newest version wins
    uit: dict[int, tuple[tuple[str, ...], int | None]] = {}
    for bid, codes in per_b.items():
        namen: list[str] = []
        totaal: int | None = 0
        for c in codes:
            n: int | None
            if c == "verslag":
                namen.append(BIJLAGE_KORT[c])
                oid = onderzoek_van.get(bid)
                n = verslag_paginas.get(oid) if oid is not None else None
            elif c in bundel.FOLDERS:
                namen.append(BIJLAGE_KORT[c])
                n = bundel.folder_paginas(c, ctx.config.gemeente.naam)
            else:
                titel, n = extras.get(_extra_id(c) or 0, ("bijlage (verwijderd)", 0))
                namen.append(titel)
            totaal = None if totaal is None or n is None else totaal + n
        uit[bid] = (tuple(namen), totaal)
    return uit


def verzendlijst(ctx: AppContext, actor: Actor, *, team_id: int | None = None, van: dt.date | None = None,
                 tot: dt.date | None = None, verzonden: bool = False) -> list[VerzendRegel]:
    """Approved decisions waiting to be sent (or, with `verzonden=True`, the sent ones, for a copy).

    `van`/`tot` filter on the approval date (or the sending date for sent decisions), both inclusive.
    Administrative staff work for every team; a user bound to teams sees only those.
    """
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    if van and tot and tot < van:
        raise ValidatieFout.veld("tot", "De datum 'tot en met' ligt vóór de datum 'van'.")
    status = BeschikkingStatus.VERZONDEN if verzonden else BeschikkingStatus.GOEDGEKEURD
    team_kol = func.coalesce(m.Aanvraag.team_id, m.Client.team_id)
    q = (
        select(m.Beschikking, m.Client, m.Aanvraag.wet, team_kol, m.Gebruiker.naam)
        .join(m.Client, m.Client.id == m.Beschikking.client_id)
        .join(m.Aanvraag, m.Aanvraag.id == m.Beschikking.aanvraag_id)
        .outerjoin(m.Gebruiker, m.Gebruiker.id == m.Beschikking.auteur_id)
        .where(m.Beschikking.status == status.value)
    )
    if team_id is not None:
        _vereis_team(actor, team_id)
        q = q.where(team_kol == team_id)
    elif not (actor.rol is Rol.ADMINISTRATIEF and not actor.teams):  # the central mail room serves every team
        q = q.where(team_kol.in_(sorted(actor.teams)))  # others their own teams; no teams, nothing (fail safe)
    if verzonden:
        if van:
            q = q.where(m.Beschikking.verzonden_op >= van)
        if tot:
            q = q.where(m.Beschikking.verzonden_op <= tot)
        q = q.order_by(m.Beschikking.verzonden_op.desc(), m.Beschikking.kenmerk)
    else:
        if van:
            q = q.where(m.Beschikking.goedgekeurd_op >= dt.datetime.combine(van, dt.time.min))
        if tot:
            q = q.where(m.Beschikking.goedgekeurd_op < dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min))
        q = q.order_by(m.Beschikking.goedgekeurd_op, m.Beschikking.kenmerk)
    with transactie(ctx, actor) as s:
        rows = s.execute(q).all()
        ids = [b.id for b, *_ in rows]
        paginas = _paginas(s, ids)
        afgedrukt = _afgedrukt(s, ids)
        bijlagen = _bijlage_tellingen(s, ctx, rows)
        teams = dict(s.execute(select(m.Team.id, m.Team.naam)).all())
        audit_lijst(s, actor, "verzendlijst", [b.client_id for b, *_ in rows],
                    filter=f"verzonden={int(bool(verzonden))}" + (f";team={team_id}" if team_id is not None else ""))
        return [
            VerzendRegel(
                beschikking_id=b.id, versie=b.versie, kenmerk=b.kenmerk, client_id=c.id, client_naam=_naam(c),
                wet=wet, wet_label=Wet(wet).label, consulent=auteur, team_id=tid, team=teams.get(tid),
                goedgekeurd_op=b.goedgekeurd_op.date() if b.goedgekeurd_op else None,
                paginas=paginas.get(b.id), bijlagen=_bijlagen(b), status=b.status,
                status_label=BeschikkingStatus(b.status).label, verzonden_op=b.verzonden_op,
                verzendwijze=b.verzendwijze, bezwaartermijn_einde=b.bezwaartermijn_einde,
                afgedrukt=b.id in afgedrukt, briefdatum=b.briefdatum,
                bijlage_namen=bijlagen[b.id][0], bijlage_paginas=bijlagen[b.id][1],
            )
            for b, c, wet, tid, auteur in rows
        ]


def _paginas(s: Session, ids: Sequence[int]) -> dict[int, int]:
    """Pages of the letter each decision will be printed as, without rendering anything (two queries a chunk).

    The same letter `beschikking_render` takes: the newest stored PDF made for (or after) the review; otherwise
    the count kept when the letter was last rendered for the decision's current version. Unknown: left out.
    """
    out: dict[int, int] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = list(ids[chunk_start:chunk_start + 900])
        grens: dict[int, dt.datetime | None] = {}
        for bid, versie, ter_toetsing, n, n_versie in s.execute(
            select(m.Beschikking.id, m.Beschikking.versie, m.Beschikking.ter_toetsing_op, m.BriefPaginas.paginas,
                   m.BriefPaginas.beschikking_versie)
            .outerjoin(m.BriefPaginas, m.BriefPaginas.beschikking_id == m.Beschikking.id)
            .where(m.Beschikking.id.in_(chunk))
        ).all():
            grens[bid] = ter_toetsing
            if n is not None and n_versie == versie:
                out[bid] = n
        nieuwste: dict[int, tuple[int | None, dt.datetime]] = {}
        for doc_bid, doc_n, gemaakt in s.execute(
            select(m.Document.beschikking_id, m.Document.paginas, m.Document.aangemaakt_op)
            .where(m.Document.beschikking_id.in_(chunk), m.Document.soort == DocumentSoort.BESCHIKKING.value,
                   m.Document.formaat == "pdf")
            .order_by(m.Document.beschikking_id, m.Document.versie_nr, m.Document.id)
        ).all():
            if doc_bid is not None:
                nieuwste[doc_bid] = (doc_n, gemaakt)  # ascending: the newest version comes last
        for doc_bid, (doc_n, gemaakt) in nieuwste.items():
            g = grens.get(doc_bid)
            if doc_n is not None and (g is None or gemaakt >= g):
                out[doc_bid] = doc_n
    return out


def _afgedrukt(s: Session, ids: Sequence[int]) -> set[int]:
    out: set[int] = set()
    for start in range(0, len(ids), 900):
        chunk = list(ids[start:start + 900])
        out.update(i for i in s.scalars(
            select(m.AuditEvent.object_id).where(
                m.AuditEvent.object_type == "beschikking", m.AuditEvent.actie == AuditActie.AFDRUKKEN.value,
                m.AuditEvent.object_id.in_(chunk), m.AuditEvent.details.in_(PRODUCTIE_DETAILS))
        ).all() if i is not None)
    return out


# --- enclosures -------------------------------------------------------------------------------------------------


def wijzig_bijlagen(ctx: AppContext, actor: Actor, beschikking_id: int, bijlagen: Sequence[str], *,
                    versie: int | None = None) -> int:
    """Choose the enclosures of an approved decision; returns the new version."""
    vereis_rol(actor, Rol.ADMINISTRATIEF, Rol.CONSULENT)
    onbekend = [b for b in bijlagen if b not in BIJLAGEN and _extra_id(b) is None]
    if onbekend:
        raise ValidatieFout.veld("bijlagen", f"Onbekende bijlage: {', '.join(onbekend)}.")
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        _vereis_team(actor, _team_van(s, b))
        controleer_versie(b, versie)
        if b.status == BeschikkingStatus.VERZONDEN.value:
            raise RegelFout(f"Beschikking {b.kenmerk} is al verzonden; de bijlagen liggen vast.")
        extras = list(dict.fromkeys(k for k in bijlagen if _extra_id(k) is not None))
        for k in extras:
            haal(s, m.VerzendBijlage, _extra_id(k) or 0, "Bijlage")
        nieuw = [k for k in BIJLAGEN if k in bijlagen] + extras
        if ("verslag" in nieuw) != ("verslag" in _bijlagen(b)) and b.status != BeschikkingStatus.CONCEPT.value:
            # The letter itself says whether the report is enclosed, and the reviewer approved that letter.
            raise RegelFout(f"Of het gespreksverslag bij beschikking {b.kenmerk} hoort, staat in de brief die de "
                            "toetser heeft goedgekeurd. Dat kan nu niet meer veranderen; alleen de folders wel.")
        if list(_bijlagen(b)) != nieuw:
            _zet_bijlagen(s, b, nieuw)
            audit(s, actor, AuditActie.WIJZIGEN, "beschikking", b.id, client_id=b.client_id,
                  details="bijlagen=" + ",".join(nieuw))
        s.flush()
        return b.versie


#: A chosen enclosure may be this large: a leaflet, not a brochure of photos (it goes into every print file).
MAX_BIJLAGE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class VerzendBijlageView:
    id: int
    titel: str
    bestandsnaam: str
    paginas: int
    aangemaakt_op: dt.datetime


def verzendbijlagen(ctx: AppContext, actor: Actor) -> list[VerzendBijlageView]:
    """The enclosure files chosen before, newest first: to add the same leaflet again without the file dialog."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        return [VerzendBijlageView(r.id, r.titel, r.bestandsnaam, r.paginas, r.aangemaakt_op) for r in s.execute(
            select(m.VerzendBijlage.id, m.VerzendBijlage.titel, m.VerzendBijlage.bestandsnaam, m.VerzendBijlage.paginas,
                   m.VerzendBijlage.aangemaakt_op)
            .where(m.VerzendBijlage.folder.is_(None))
            .order_by(m.VerzendBijlage.aangemaakt_op.desc(), m.VerzendBijlage.id.desc()))]


@dataclass(frozen=True)
class BijlageToegevoegd:
    bijlage_id: int
    titel: str
    paginas: int
    toegevoegd: tuple[str, ...]  # kenmerken of the letters it was added to
    al_erbij: tuple[str, ...]  # kenmerken that had it already
    opnieuw_afdrukken: tuple[str, ...]  # of `toegevoegd`: printed before, so to print again with the enclosure


def _bewaar_bijlage(s: Session, actor: Actor, pdf: bytes, titel: str, bestandsnaam: str, paginas: int,
                    folder: str | None = None) -> m.VerzendBijlage:
    """Find the enclosure by its checksum or store it (once)."""
    import hashlib

    sha = hashlib.sha256(pdf).hexdigest()
    rij = s.scalars(select(m.VerzendBijlage).where(m.VerzendBijlage.sha256 == sha)).first()
    if rij is None:
        rij = m.VerzendBijlage(titel=titel[:200], bestandsnaam=bestandsnaam[:200], inhoud=pdf, sha256=sha,
                               paginas=paginas, folder=folder, aangemaakt_door_id=actor.gebruiker_id)
        s.add(rij)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "verzendbijlage", rij.id, details=f"paginas={paginas}")
    return rij


def voeg_bijlage_toe(ctx: AppContext, actor: Actor, beschikking_ids: Sequence[int], *, bijlage_id: int | None = None,
                     pdf: bytes | None = None, titel: str | None = None, bestandsnaam: str | None = None,
                     versies: dict[int, int] | None = None) -> BijlageToegevoegd:
    """Add one enclosure (a new PDF file, or one chosen before) to every chosen approved letter at once.

    The file is read whole and counted first; it is stored once, however many letters carry it. All letters or
    none: when one cannot take it (sent meanwhile, changed by someone else), nothing changes.
    """
    from consulent_app.documents import bundel

    vereis_rol(actor, Rol.ADMINISTRATIEF)
    fouten: dict[str, str] = {}
    if not beschikking_ids:
        fouten["beschikkingen"] = "Kies eerst één of meer brieven in de lijst."
    if (bijlage_id is None) == (pdf is None):
        fouten["bestand"] = "Kies een PDF-bestand, of een bijlage die al eerder is gekozen."
    naam = " ".join((titel or "").split())
    paginas = 0
    if pdf is not None:
        if not naam:
            fouten["titel"] = "Geef de bijlage een naam, zoals die in de lijst komt (bijvoorbeeld 'Folder Wmo-vervoer')."
        elif len(naam) > 120:
            fouten["titel"] = "De naam van de bijlage is te lang: hoogstens 120 tekens."
        if len(pdf) > MAX_BIJLAGE_BYTES:
            fouten["bestand"] = (f"Dit bestand is {len(pdf) // (1024 * 1024)} MB; een bijlage mag hoogstens "
                                 f"{MAX_BIJLAGE_BYTES // (1024 * 1024)} MB zijn (hij gaat mee in elk printbestand).")
        else:
            try:
                paginas = bundel.controleer_pdf(pdf, "Het gekozen bestand")
            except ConsulentFout as exc:
                fouten["bestand"] = str(exc)
    if fouten:
        raise ValidatieFout(fouten)
    if len(set(beschikking_ids)) != len(beschikking_ids):
        raise ValidatieFout.veld("beschikkingen", "Dezelfde beschikking staat twee keer in de keuze.")
    with transactie(ctx, actor) as s:
        if pdf is not None:
            rij = _bewaar_bijlage(s, actor, pdf, naam, Path(bestandsnaam or "bijlage.pdf").name, paginas)
        else:
            rij = haal(s, m.VerzendBijlage, bijlage_id or 0, "Bijlage")
        code = f"{EXTRA}{rij.id}"
        besch = []
        niet: list[str] = []
        for bid in beschikking_ids:
            b = haal(s, m.Beschikking, bid, "Beschikking")
            _vereis_team(actor, _team_van(s, b))
            if versies and bid in versies:
                controleer_versie(b, versies[bid])
            if b.status != BeschikkingStatus.GOEDGEKEURD.value:
                niet.append(f"{b.kenmerk} ({BeschikkingStatus(b.status).label.lower()})")
            besch.append(b)
        if niet:
            raise RegelFout("Er is niets veranderd. Een bijlage kan alleen bij een goedgekeurde brief die nog weg "
                            "moet; niet bij " + ", ".join(niet) + ".")
        afgedrukt = _afgedrukt(s, [b.id for b in besch])
        geteld = set(_paginas(s, [b.id for b in besch]))
        toegevoegd, al, opnieuw = [], [], []
        tel_opnieuw: list[int] = []
        for b in besch:
            items = list(_bijlagen(b))
            if code in items:
                al.append(b.kenmerk)
                continue
            if b.id in geteld:
                tel_opnieuw.append(b.id)
            _zet_bijlagen(s, b, [*items, code])
            audit(s, actor, AuditActie.WIJZIGEN, "beschikking", b.id, client_id=b.client_id,
                  details=f"bijlage+={code}")
            toegevoegd.append(b.kenmerk)
            if b.id in afgedrukt:
                opnieuw.append(b.kenmerk)
        s.flush()
        uitkomst = BijlageToegevoegd(rij.id, rij.titel, rij.paginas, tuple(toegevoegd), tuple(al), tuple(opnieuw))
    # The closing now names one enclosure more, which can start a page: a letter whose pages the list knew is
    # rendered again and counted (not stored), so the summary stays known. Letters never counted stay unknown:
    # the list itself never renders (issue 17).
    from consulent_app.services import documenten

    render = beschikking_render(ctx, actor)
    for bid in tel_opnieuw:
        try:
            pdf = render(bid)
        except ConsulentFout:
            log.info("brief van beschikking#%s niet opnieuw geteld", bid)  # its count stays unknown
            continue
        with transactie(ctx, actor) as s:
            documenten.onthoud_paginas(s, haal(s, m.Beschikking, bid, "Beschikking"), documenten.pagina_aantal(pdf))
    return uitkomst


def _bewaar_verzonden_bijlagen(s: Session, ctx: AppContext, actor: Actor, b: m.Beschikking) -> int:
    """On sending: every enclosure that went with the letter (the report aside, a document of its own) becomes a
    document of the dossier (soort bijlage), pointing at the stored bytes: the dossier keeps what was sent."""
    from consulent_app.documents import bundel

    n = 0
    for code in _bijlagen(b):
        if code == "verslag":
            continue
        if code in bundel.FOLDERS:
            pdf = bundel.folder_pdf(code, ctx.config.gemeente.naam)
            rij = _bewaar_bijlage(s, actor, pdf, BIJLAGEN[code], f"{code}.pdf", bundel.folder_paginas(
                code, ctx.config.gemeente.naam), folder=code)
        else:
            rij = haal(s, m.VerzendBijlage, _extra_id(code) or 0, "Bijlage")
        n += 1
        versie = int(s.scalar(select(func.max(m.Document.versie_nr)).where(
            m.Document.beschikking_id == b.id, m.Document.soort == DocumentSoort.BIJLAGE.value)) or 0) + 1
        d = m.Document(client_id=b.client_id, soort=DocumentSoort.BIJLAGE.value, beschikking_id=b.id, formaat="pdf",
                       versie_nr=versie, titel=f"Bijlage bij {b.kenmerk}: {rij.titel}"[:200],
                       bestandsnaam=f"bijlage-{b.kenmerk}-{versie}.pdf"[:200], inhoud=b"", sha256=rij.sha256,
                       paginas=rij.paginas, aangemaakt_door_id=actor.gebruiker_id, verzendbijlage_id=rij.id)
        s.add(d)
        s.flush()
        audit(s, actor, AuditActie.AANMAKEN, "document", d.id, client_id=b.client_id,
              details=f"soort=bijlage,verzendbijlage={rij.id}")
    return n


def _vereis_team(actor: Actor, team_id: int | None) -> None:
    """Administrative staff not bound to a team work for the whole municipality (central mail room)."""
    if actor.rol is Rol.ADMINISTRATIEF and not actor.teams:
        return
    vereis_team(actor, team_id)


def _team_van(s: Session, b: m.Beschikking) -> int | None:
    a = s.get(m.Aanvraag, b.aanvraag_id)
    if a is not None and a.team_id is not None:
        return a.team_id
    c = s.get(m.Client, b.client_id)
    return c.team_id if c else None


# --- the documents: stored letter first, generated otherwise ----------------------------------------------------


def _laatste_document(s: Session, *, soort: str, beschikking_id: int | None = None,
                      onderzoek_id: int | None = None) -> m.Document | None:
    q = select(m.Document).where(m.Document.soort == soort, m.Document.formaat == "pdf")
    if beschikking_id is not None:
        q = q.where(m.Document.beschikking_id == beschikking_id)
    if onderzoek_id is not None:
        q = q.where(m.Document.onderzoek_id == onderzoek_id)
    return s.scalars(q.order_by(m.Document.versie_nr.desc(), m.Document.id.desc()).limit(1)).first()


def beschikking_render(ctx: AppContext, actor: Actor, *, bewaar: bool = False) -> Render:
    """`render(beschikking_id) -> PDF bytes`: the latest stored letter, or a freshly generated one.

    With `bewaar` (production: printing and the print-street file) a freshly generated letter of an approved
    decision is first stored as the decision's new document version, dated on its sending date, and exactly those
    bytes are returned: what goes to the printer is what the dossier keeps (sha256 alike). For the mail room only;
    the use cases that call it audit what is read (voorbeeld, afschrift, printbestand).
    """
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vereis_actief(ctx, actor)

    def render(beschikking_id: int) -> bytes:
        from consulent_app.services import documenten

        with transactie(ctx, actor) as s:
            b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
            documenten.vereis_verzendbaar(actor, b)  # a concept is not the mail room's
            doc = _laatste_document(s, soort=DocumentSoort.BESCHIKKING.value, beschikking_id=beschikking_id)
            # Only a version made for (or after) the review is the approved letter; older ones are drafts. And the
            # letter carries its sending date (Awb 3:41): a version dated otherwise (on approval) is made again.
            datum = b.verzonden_op or b.briefdatum
            # Nor one made before the enclosures changed: the letter's closing names them.
            gewijzigd = _bijlagen_gewijzigd_op(b)
            if doc is not None and (b.ter_toetsing_op is None or doc.aangemaakt_op >= b.ter_toetsing_op) and (
                    datum is None or doc.briefdatum == datum) and (gewijzigd is None or doc.aangemaakt_op >= gewijzigd):
                return bytes(doc.inhoud)
        from consulent_app.services import documenten

        if bewaar and b.status == BeschikkingStatus.GOEDGEKEURD.value:
            return documenten.bewaar_verzendversie(ctx, actor, beschikking_id, briefdatum=datum)
        return documenten.beschikking_pdf(ctx, actor, beschikking_id, vandaag=datum)

    return render


def bijlage_render(ctx: AppContext, actor: Actor) -> Callable[[int, str], bytes]:
    """`bijlage(beschikking_id, soort) -> PDF bytes` for the enclosures of BIJLAGEN (mail room only)."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vereis_actief(ctx, actor)
    from consulent_app.documents import bundel

    gekozen: dict[int, bytes] = {}  # a chosen leaflet is read once for the whole batch

    def bijlage(beschikking_id: int, soort: str) -> bytes:
        if soort in bundel.FOLDERS:
            return bundel.folder_pdf(soort, ctx.config.gemeente.naam)
        extra = _extra_id(soort)
        if extra is not None:
            if extra not in gekozen:
                with transactie(ctx, actor) as s:
                    gekozen[extra] = bytes(haal(s, m.VerzendBijlage, extra, "Bijlage").inhoud)
            return gekozen[extra]
        if soort != "verslag":
            raise RegelFout(f"Onbekende bijlage '{soort}'.")
        from consulent_app.services import documenten

        with transactie(ctx, actor) as s:
            b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
            documenten.vereis_verzendbaar(actor, b)  # the report goes with an approved decision only
            a = s.get(m.Aanvraag, b.aanvraag_id)
            onderzoek_id = a.onderzoek_id if a else None
            kenmerk = b.kenmerk
            if onderzoek_id is not None:
                doc = _laatste_document(s, soort=DocumentSoort.VERSLAG.value, onderzoek_id=onderzoek_id)
                if doc is not None:
                    return bytes(doc.inhoud)
        if onderzoek_id is None:
            raise RegelFout(f"Bij beschikking {kenmerk} hoort geen onderzoek, dus ook geen gespreksverslag.")
        return documenten.bewaar_verslag_voor_verzending(ctx, actor, onderzoek_id)

    return bijlage


# --- producing: printer and print-street file -------------------------------------------------------------------


def registreer_productie(ctx: AppContext, actor: Actor, beschikking_ids: Sequence[int], *, hoe: str,
                         verzenddatum: dt.date | None = None, vandaag: dt.date | None = None) -> None:
    """Record that these letters were really produced (printed, or in a print file): needed before sending.

    An approved letter produced without a planned sending date (`dateer_voor_verzending`) is dated today."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    if hoe not in PRODUCTIE_DETAILS:
        raise ValidatieFout.veld("hoe", "Onbekende manier van afdrukken.")
    with transactie(ctx, actor) as s:
        for bid in beschikking_ids:
            b = haal(s, m.Beschikking, bid, "Beschikking")
            if b.status == BeschikkingStatus.GOEDGEKEURD.value and (verzenddatum is not None or b.briefdatum is None):
                b.briefdatum = verzenddatum or vandaag or dt.date.today()
            audit(s, actor, AuditActie.AFDRUKKEN, "beschikking", b.id, client_id=b.client_id, details=hoe)


def controleer_verzenddatum(verzenddatum: dt.date | None, vandaag: dt.date) -> dt.date:
    """The planned sending date printed on the letters: today or a later day, within a month."""
    if verzenddatum is None:
        return vandaag
    if verzenddatum < vandaag:
        raise ValidatieFout.veld("verzenddatum", f"Verzenddatum {datum_kort(verzenddatum)} ligt in het verleden. "
                                                 "De datum op de brief is de dag waarop hij de deur uit gaat.")
    if verzenddatum > vandaag + dt.timedelta(days=31):
        raise ValidatieFout.veld("verzenddatum", "Verzenddatum ligt meer dan een maand vooruit. Druk de brieven af "
                                                 "kort voordat ze de deur uit gaan.")
    return verzenddatum


def _dateer(s: Session, b: m.Beschikking, verzenddatum: dt.date) -> None:
    """Date an approved letter on its planned sending date before it is rendered for production (Awb 3:41)."""
    if b.status == BeschikkingStatus.GOEDGEKEURD.value and b.briefdatum != verzenddatum:
        b.briefdatum = verzenddatum


# Rendering letters and reports is the slow part (reportlab layout, ~0.1 s a mailing); with many letters that have
# no stored version it is spread over worker processes ("spawn": a fresh interpreter, safe beside Qt threads).
# Also in the frozen bundle: its entry point (consulent_app/__main__.py) calls multiprocessing.freeze_support(), so a
# worker started from the bundle runs the worker instead of the application.
PARALLEL_VANAF = 20
_werker_ctx: dict[str, Any] = {}


def _werker_start(config: Any, url: str, actor: Actor) -> None:
    from consulent_app.app import sqlcipher_sleutel
    from consulent_app.db.engine import make_engine

    ctx = AppContext(config=config, engine=make_engine(url, sqlcipher_key=sqlcipher_sleutel(config)))
    _werker_ctx.update(ctx=ctx, actor=actor)


def _werker_post(beschikking_id: int, bijlagen: tuple[str, ...]) -> tuple[bytes | None, list[bytes], str | None]:
    """In a worker process: the letter and its non-leaflet enclosures, or a Dutch message why not."""
    from consulent_app.documents import bundel

    ctx, actor = _werker_ctx["ctx"], _werker_ctx["actor"]
    try:
        brief = beschikking_render(ctx, actor, bewaar=True)(beschikking_id)
        bijlage = bijlage_render(ctx, actor)
        delen = [bijlage(beschikking_id, b) for b in bijlagen if not bundel.voor_iedereen(b)]
        return brief, delen, None
    except ConsulentFout as exc:
        return None, [], str(exc)
    except Exception:  # noqa: BLE001 - logged in the worker; the batch goes on
        import logging

        logging.getLogger(__name__).exception("brief %s niet gemaakt", beschikking_id)
        return None, [], "De brief kon niet worden gemaakt door een onverwachte fout (zie het logbestand)."


class _VoorraadBron:
    """Feeds maak_bundel in item order from worker processes, a few mailings ahead (memory stays bounded)."""

    VOORUIT = 8

    def __init__(self, ctx: AppContext, actor: Actor, items: Sequence[Any]) -> None:
        from collections import deque

        from consulent_app.documents import bundel
        from consulent_app.werkprocessen import Werkpool

        self.bundel = bundel
        self.ctx = ctx
        self.items = list(items)
        self.volgende = 0
        self.wachtrij: deque[Any] = deque()
        self.huidig: list[bytes] = []
        self.lokaal_render = beschikking_render(ctx, actor, bewaar=True)
        self.lokaal_bijlage = bijlage_render(ctx, actor)
        url = ctx.engine.url.render_as_string(hide_password=False)
        # A broken pool (a worker fell away, also while sending a letter back): this process renders the rest.
        self.pool = Werkpool(min(2, os.cpu_count() or 1), initializer=_werker_start, initargs=(ctx.config, url, actor))
        self._vul()

    @property
    def kapot(self) -> bool:
        return self.pool.kapot

    def _vul(self) -> None:
        while self.volgende < len(self.items) and len(self.wachtrij) < self.VOORUIT and not self.kapot:
            it = self.items[self.volgende]
            self.wachtrij.append(self.pool.submit(_werker_post, it.beschikking_id, it.bijlagen))
            self.volgende += 1

    def render(self, beschikking_id: int) -> bytes:
        from consulent_app.werkprocessen import WerkersWeg

        if not self.kapot:
            try:
                fut = self.wachtrij.popleft()
                self._vul()
                if fut is None:
                    raise WerkersWeg("de werkprocessen zijn opgegeven")
                brief, delen, fout = self.pool.resultaat(fut)
            except WerkersWeg:
                pass  # this process renders it, and the rest
            except Exception:  # noqa: BLE001 - an answer that cannot be read: as a broken pool, nothing is lost
                self.pool.geef_op()
            else:
                self.huidig = list(delen)
                if fout is not None or brief is None:
                    raise RegelFout(fout or "De brief kon niet worden gemaakt.")
                return brief
        return self.lokaal_render(beschikking_id)

    def bijlage(self, beschikking_id: int, soort: str) -> bytes:
        if self.bundel.voor_iedereen(soort):  # leaflets: made or read here, once, not per letter in the workers
            return self.lokaal_bijlage(beschikking_id, soort)
        if self.kapot:
            return self.lokaal_bijlage(beschikking_id, soort)
        return self.huidig.pop(0)

    def sluit(self) -> None:
        self.pool.sluit()


def _te_renderen(ctx: AppContext, actor: Actor, ids: Sequence[int]) -> int:
    """How many of these letters have no stored version (so would be rendered anew)."""
    with transactie(ctx, actor) as s:
        opgeslagen = set(s.scalars(
            select(m.Document.beschikking_id).where(
                m.Document.beschikking_id.in_(list(set(ids))), m.Document.soort == DocumentSoort.BESCHIKKING.value,
                m.Document.formaat == "pdf")).all())
    return sum(1 for i in ids if i not in opgeslagen)


@dataclass(frozen=True)
class PrintbestandResultaat:
    pad: Path | None
    paginas: int
    geproduceerd: tuple[int, ...]
    mislukt: tuple[tuple[int, str, str], ...]  # (beschikking_id, kenmerk, Dutch message)
    geannuleerd: bool
    bereiken: tuple[tuple[int, int, int], ...] = ()  # (beschikking_id, first page, last page), 1-based


def maak_printbestand(
    ctx: AppContext, actor: Actor, beschikking_ids: Sequence[int], uitvoer: Path, *, duplex: bool = True,
    render: Render | None = None, bijlage: Callable[[int, str], bytes] | None = None,
    progress: Callable[[int, int, str], None] | None = None, is_cancelled: Callable[[], bool] | None = None,
    registreer: bool = True, parallel: bool = True, verzenddatum: dt.date | None = None,
    vandaag: dt.date | None = None,
) -> PrintbestandResultaat:
    """One combined PDF of the selected approved decisions with their enclosures, for a print street.

    Every approved letter is dated on `verzenddatum` (default today), the day it will be sent: the date on a
    letter is its sending date and starts the objection term (Awb 3:41, 6:8); a copy of a sent one keeps its date.
    A decision that fails is reported and left out; the rest goes on. Only what is in the file is recorded as
    produced (so only that can be marked as sent). Runs fine in a worker thread.
    """
    from consulent_app.documents import bundel

    vereis_rol(actor, Rol.ADMINISTRATIEF)
    if not beschikking_ids:
        raise ValidatieFout.veld("beschikkingen", "Kies eerst één of meer beschikkingen.")
    verzenddatum = controleer_verzenddatum(verzenddatum, vandaag or dt.date.today())
    with transactie(ctx, actor) as s:
        items = []
        for bid in beschikking_ids:
            b = haal(s, m.Beschikking, bid, "Beschikking")
            _vereis_team(actor, _team_van(s, b))
            if b.status not in (BeschikkingStatus.GOEDGEKEURD.value, BeschikkingStatus.VERZONDEN.value):
                raise RegelFout(f"Beschikking {b.kenmerk} is nog niet goedgekeurd en kan niet worden afgedrukt.")
            _dateer(s, b, verzenddatum)
            items.append(bundel.BundelItem(b.id, b.kenmerk, _bijlagen(b)))
    bron: _VoorraadBron | None = None
    if (parallel and render is None and bijlage is None
            and (os.cpu_count() or 1) > 1 and _te_renderen(ctx, actor, [i.beschikking_id for i in items]) >= PARALLEL_VANAF):
        bron = _VoorraadBron(ctx, actor, items)
        render, bijlage = bron.render, bron.bijlage
    try:
        res = bundel.maak_bundel(
            items, uitvoer, render=render or beschikking_render(ctx, actor, bewaar=True),
            bijlage=bijlage or bijlage_render(ctx, actor), duplex=duplex, progress=progress,
            is_cancelled=is_cancelled,
        )
    finally:
        if bron is not None:
            bron.sluit()
    if registreer and res.geproduceerd:
        registreer_productie(ctx, actor, res.geproduceerd, hoe="pdf", verzenddatum=verzenddatum)
    return PrintbestandResultaat(
        pad=res.pad, paginas=res.paginas, geproduceerd=res.geproduceerd,
        mislukt=tuple((u.beschikking_id, u.label, u.fout or "") for u in res.uitkomsten if u.fout),
        geannuleerd=res.geannuleerd,
        bereiken=tuple((u.beschikking_id, u.eerste_pagina, u.laatste_pagina) for u in res.uitkomsten
                       if not u.fout and u.eerste_pagina),
    )


def voorbeeld_pdf(ctx: AppContext, actor: Actor, beschikking_id: int, *, render: Render | None = None) -> bytes:
    """The letter as it will be printed (sent ones stamped AFSCHRIFT); opening it is audited."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        if b.status not in (BeschikkingStatus.GOEDGEKEURD.value, BeschikkingStatus.VERZONDEN.value):
            raise RegelFout(f"Beschikking {b.kenmerk} is nog niet goedgekeurd.")
        verzonden = b.status == BeschikkingStatus.VERZONDEN.value
        audit(s, actor, AuditActie.LEZEN, "beschikking", b.id, client_id=b.client_id, details="voorbeeld")
    pdf = (render or beschikking_render(ctx, actor))(beschikking_id)
    if verzonden:
        from consulent_app.documents import bundel

        pdf = bundel.stempel_afschrift(pdf)
    return pdf


# --- marking as sent ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerzendUitkomst:
    beschikking_id: int
    kenmerk: str
    verzonden_op: dt.date
    bezwaartermijn_einde: dt.date
    geactiveerde_voorzieningen: tuple[int, ...]


def markeer_verzonden(
    ctx: AppContext, actor: Actor, beschikking_ids: Sequence[int], datum: dt.date | None, wijze: str, *,
    versies: dict[int, int] | None = None, vandaag: dt.date | None = None,
    voortgang: Callable[[int, int, str], None] | None = None, geannuleerd: Callable[[], bool] | None = None,
) -> list[VerzendUitkomst]:
    """Mark approved, produced decisions as sent on `datum` by `wijze`.

    Everything is checked first, in one transaction: when one decision is not ready, nothing is sent. Then each
    decision is marked in its own transaction (checked again: someone may have sent it meanwhile), calling
    `voortgang(gedaan, totaal, kenmerk)` after each; `geannuleerd()` is asked between decisions, so a long list
    can be stopped halfway with what was sent so far kept (issue 13). Each decision becomes immutable, gets its
    objection term, and its granted provisions become active and ready to be assigned to the provider (ZIN) or
    passed to the SVB (pgb).
    """
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vandaag = vandaag or dt.date.today()
    fouten: dict[str, str] = {}
    if not beschikking_ids:
        fouten["beschikkingen"] = "Kies eerst één of meer beschikkingen om als verzonden te markeren."
    if datum is None:
        fouten["datum"] = "Verzenddatum is verplicht."
    elif datum > vandaag:
        fouten["datum"] = (f"Verzenddatum {datum_kort(datum)} ligt in de toekomst. Vul de dag in waarop de "
                           "brieven echt zijn verstuurd.")
    if wijze not in VERZENDWIJZE_LABEL:
        fouten["wijze"] = "Kies hoe de beschikking is verstuurd: per post, per e-mail of via het portaal."
    if fouten:
        raise ValidatieFout(fouten)
    assert datum is not None
    if len(set(beschikking_ids)) != len(beschikking_ids):
        raise ValidatieFout.veld("beschikkingen", "Dezelfde beschikking staat twee keer in de keuze.")
    einde = termijnbewaking.bezwaartermijn_einde(ctx, datum)
    with transactie(ctx, actor) as s:
        _klaar_voor_verzending(s, ctx, actor, list(beschikking_ids), datum, versies)
    uitkomsten: list[VerzendUitkomst] = []
    for nr, bid in enumerate(beschikking_ids, start=1):
        if geannuleerd is not None and geannuleerd():
            break
        with transactie(ctx, actor) as s:
            [b] = _klaar_voor_verzending(s, ctx, actor, [bid], datum, versies)
            uitkomsten.append(_markeer_verzonden(s, ctx, actor, b, datum, wijze, einde))
        if voortgang is not None:
            voortgang(nr, len(beschikking_ids), uitkomsten[-1].kenmerk)
    return uitkomsten


def _klaar_voor_verzending(s: Session, ctx: AppContext, actor: Actor, beschikking_ids: list[int], datum: dt.date,
                           versies: dict[int, int] | None) -> list[m.Beschikking]:
    """Every check before sending; raises (naming every decision that is not ready) or returns them."""
    besch = []
    regel_fouten: list[str] = []
    te_vroeg: list[str] = []
    anders_gedateerd: list[str] = []
    afgedrukt = _afgedrukt(s, beschikking_ids)
    for bid in beschikking_ids:
        b = s.get(m.Beschikking, bid)
        if b is None:
            raise NietGevonden(f"Beschikking met nummer {bid} bestaat niet (meer).")
        _vereis_team(actor, _team_van(s, b))
        if versies and bid in versies:
            controleer_versie(b, versies[bid])
        if b.status == BeschikkingStatus.VERZONDEN.value:
            regel_fouten.append(f"{b.kenmerk} is al verzonden op {datum_kort(b.verzonden_op)}; "
                                "een tweede keer verzenden kan niet (maak zo nodig een afschrift)")
        elif b.status != BeschikkingStatus.GOEDGEKEURD.value or b.goedgekeurd_op is None:
            regel_fouten.append(f"{b.kenmerk} is nog niet goedgekeurd door een toetser "
                                f"(status: {BeschikkingStatus(b.status).label.lower()})")
        elif b.id not in afgedrukt:
            regel_fouten.append(f"{b.kenmerk} is nog niet afgedrukt of in een printbestand gezet")
        elif datum < b.goedgekeurd_op.date():
            te_vroeg.append(f"{b.kenmerk} (goedgekeurd op {datum_kort(b.goedgekeurd_op.date())})")
        elif b.briefdatum is not None and b.briefdatum != datum:
            anders_gedateerd.append(f"{b.kenmerk} draagt de datum {datum_kort(b.briefdatum)}")
        besch.append(b)
    if not regel_fouten:
        from consulent_app.services.beschikkingen import ingang_fouten

        # Sent today, would an ending or a lower scope take effect too early (art. 2.3.10 Wmo 2015)?
        for b in besch:
            for r in sorted(b.regels, key=lambda r: r.id):
                fout = ingang_fouten(s, ctx, r.voorziening, r.besluit, b.type, datum, einddatum=r.einddatum)
                if fout:
                    regel_fouten.append(f"{b.kenmerk}: " + " ".join(fout.values()).rstrip(".")
                                        + ". De consulent maakt een nieuwe beschikking met een latere datum")
    if regel_fouten:
        raise RegelFout("Niets is als verzonden gemarkeerd. " + "; ".join(regel_fouten) + ".")
    if te_vroeg:
        raise ValidatieFout.veld("datum", f"Verzenddatum {datum_kort(datum)} ligt vóór de goedkeuring van "
                                          + ", ".join(te_vroeg) + ". Een brief kan niet eerder weg.")
    if anders_gedateerd:
        # The objection term runs from the date on the letter the client holds (Awb 3:41, 6:8).
        raise ValidatieFout.veld("datum", "De datum op de brief is de verzenddatum. " + "; ".join(anders_gedateerd)
                                 + f", niet {datum_kort(datum)}. Vul die datum in, of druk de brief opnieuw af "
                                 f"met verzenddatum {datum_kort(datum)}.")
    return besch


def _markeer_verzonden(s: Session, ctx: AppContext, actor: Actor, b: m.Beschikking, datum: dt.date, wijze: str,
                       einde: dt.date) -> VerzendUitkomst:
    from consulent_app.services import berichten, periodiek

    b.status = BeschikkingStatus.VERZONDEN.value
    b.verzonden_op = datum
    b.verzendwijze = wijze
    b.verzonden_door_id = actor.gebruiker_id
    b.bezwaartermijn_einde = einde
    actief = _activeer_voorzieningen(s, b)
    s.flush()
    # What this decision ends or replaces (herziening, beëindiging) ends now, with its planned POs.
    periodiek.sluit_vervangen_af(s, b, verzonden_op=datum, actor=actor)
    # Every provider of a granted provision in kind gets its 301 (iWmo/iJw), checked before it is queued.
    berichten.na_verzending(s, ctx, b, vandaag=datum, actor=actor)
    aanvraag = s.get(m.Aanvraag, b.aanvraag_id)
    if aanvraag is not None and aanvraag.status == "open":
        aanvraag.status = "besloten"
    _bewaar_verzonden_bijlagen(s, ctx, actor, b)
    s.add(m.Verzending(beschikking_id=b.id, datum=datum, wijze=wijze, door_id=actor.gebruiker_id,
                       afschrift=False))
    audit(s, actor, AuditActie.VERZENDEN, "beschikking", b.id, client_id=b.client_id,
          details=f"wijze={wijze},bezwaartermijn_einde={einde.isoformat()}")
    s.flush()
    return VerzendUitkomst(b.id, b.kenmerk, datum, einde, actief)


def _activeer_voorzieningen(s: Session, b: m.Beschikking) -> tuple[int, ...]:
    """The provisions this request decided on: granted ones run (ready for the provider), refused ones are decided.

    Provisions of earlier requests named in the decision (an ending decision, or what a herziening replaces) are
    left to `periodiek.sluit_vervangen_af`, which ends them properly.
    """
    actief = []
    for regel in b.regels:
        vz = s.get(m.Voorziening, regel.voorziening_id)
        if vz is None or vz.aanvraag_id != b.aanvraag_id:
            continue
        if regel.besluit in TOEGEKEND:
            vz.status = VoorzieningStatus.ACTIEF.value
            vz.toegewezen_op = None  # ready for assignment to the provider / the SVB
            actief.append(vz.id)
            if vz.po_datum is not None and s.scalar(
                select(func.count()).select_from(m.PeriodiekOnderzoek)
                .where(m.PeriodiekOnderzoek.voorziening_id == vz.id)
            ) == 0:
                s.add(m.PeriodiekOnderzoek(voorziening_id=vz.id, client_id=vz.client_id, team_id=_team_van(s, b),
                                           geplande_datum=vz.po_datum, status="gepland"))
        elif regel.besluit == Besluit.AFGEWEZEN.value:
            vz.status = VoorzieningStatus.BESLOTEN.value
    return tuple(actief)


# --- a copy (afschrift) -----------------------------------------------------------------------------------------


def afschrift_pdf(ctx: AppContext, actor: Actor, beschikking_id: int, *, render: Render | None = None) -> bytes:
    """The sent letter again, every page stamped AFSCHRIFT. Produces only; record with `registreer_afschrift`."""
    from consulent_app.documents import bundel

    vereis_rol(actor, Rol.ADMINISTRATIEF)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        _vereis_team(actor, _team_van(s, b))
        if b.status != BeschikkingStatus.VERZONDEN.value:
            raise RegelFout(f"Beschikking {b.kenmerk} is nog niet verzonden; een afschrift kan pas daarna.")
        audit(s, actor, AuditActie.LEZEN, "beschikking", b.id, client_id=b.client_id, details="afschrift")
    return bundel.stempel_afschrift((render or beschikking_render(ctx, actor))(beschikking_id))


def registreer_afschrift(ctx: AppContext, actor: Actor, beschikking_id: int, *, wijze: str = "post",
                         datum: dt.date | None = None, vandaag: dt.date | None = None) -> int:
    """Record that a copy left the building. The original, its sending date and objection term stay as they are."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vandaag = vandaag or dt.date.today()
    datum = datum or vandaag
    if wijze not in VERZENDWIJZE_LABEL:
        raise ValidatieFout.veld("wijze", "Kies hoe het afschrift is verstuurd: per post, per e-mail of via het portaal.")
    if datum > vandaag:
        raise ValidatieFout.veld("datum", "De datum van het afschrift mag niet in de toekomst liggen.")
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        _vereis_team(actor, _team_van(s, b))
        if b.status != BeschikkingStatus.VERZONDEN.value:
            raise RegelFout(f"Beschikking {b.kenmerk} is nog niet verzonden; een afschrift kan pas daarna.")
        v = m.Verzending(beschikking_id=b.id, datum=datum, wijze=wijze, door_id=actor.gebruiker_id, afschrift=True)
        s.add(v)
        s.flush()
        audit(s, actor, AuditActie.AFDRUKKEN, "beschikking", b.id, client_id=b.client_id,
              details=f"afschrift,wijze={wijze}")
        return v.id


def afschrift(ctx: AppContext, actor: Actor, beschikking_id: int, *, wijze: str = "post",
              datum: dt.date | None = None, render: Render | None = None, vandaag: dt.date | None = None) -> bytes:
    """Produce a copy and record it (for e-mail or portal; the printer flow records after printing succeeded)."""
    pdf = afschrift_pdf(ctx, actor, beschikking_id, render=render)
    registreer_afschrift(ctx, actor, beschikking_id, wijze=wijze, datum=datum, vandaag=vandaag)
    return pdf


@dataclass(frozen=True)
class VerzendingView:
    datum: dt.date
    wijze: str
    door: str
    afschrift: bool


def verzendingen(ctx: AppContext, actor: Actor, beschikking_id: int) -> list[VerzendingView]:
    """Every time this decision left the building, oldest first."""
    vereis_rol(actor, Rol.ADMINISTRATIEF, Rol.CONSULENT, Rol.TOETSER, Rol.TEAMLEIDER)
    with transactie(ctx, actor) as s:
        b = haal(s, m.Beschikking, beschikking_id, "Beschikking")
        _vereis_team(actor, _team_van(s, b))
        rows = s.execute(
            select(m.Verzending, m.Gebruiker.naam).join(m.Gebruiker, m.Gebruiker.id == m.Verzending.door_id)
            .where(m.Verzending.beschikking_id == b.id).order_by(m.Verzending.tijdstip, m.Verzending.id)
        ).all()
        audit(s, actor, AuditActie.LEZEN, "beschikking", b.id, client_id=b.client_id, details="verzendingen")
        return [VerzendingView(v.datum, v.wijze, naam, v.afschrift) for v, naam in rows]


# --- toewijzingslijst and pgb-lijst ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ToewijzingRegel:
    voorziening_id: int
    versie: int
    aanbieder_id: int | None
    aanbieder: str
    agb_code: str | None
    client_id: int
    client_naam: str
    bsn: str
    geboortedatum: dt.date
    wet: str
    productcategorie: str
    productcategorie_naam: str
    productcode: str | None
    product: str
    omvang: str
    startdatum: dt.date
    einddatum: dt.date | None
    kenmerk: str
    verzonden_op: dt.date | None
    pgb_bedrag: Decimal | None = None
    pgb_periode: str | None = None  # what the budget is per: week / maand / jaar (none recorded: jaar)
    #: ZIN: the client's last 301 to this provider could not go (blocked by its checks, or rejected by the
    #: provider's retour): the status in words. None when no 301 carries this provision.
    bericht_301: str | None = None


def _klaar_voor_toewijzing(ctx: AppContext, actor: Actor, vorm: Leveringsvorm, aanbieder_id: int | None,
                           team_id: int | None) -> list[ToewijzingRegel]:
    vereis_rol(actor, Rol.ADMINISTRATIEF, Rol.TEAMLEIDER, Rol.PLANNER)
    team_kol = func.coalesce(m.Aanvraag.team_id, m.Client.team_id)
    q = (
        select(m.Voorziening, m.Client, m.Product, m.Aanbieder, m.Beschikking.kenmerk, m.Beschikking.verzonden_op)
        .join(m.Client, m.Client.id == m.Voorziening.client_id)
        .join(m.Aanvraag, m.Aanvraag.id == m.Voorziening.aanvraag_id)
        .join(m.Beschikking, m.Beschikking.aanvraag_id == m.Aanvraag.id)
        .outerjoin(m.Product, m.Product.id == m.Voorziening.product_id)
        .outerjoin(m.Aanbieder, m.Aanbieder.id == m.Voorziening.aanbieder_id)
        .where(m.Voorziening.status == VoorzieningStatus.ACTIEF.value,
               m.Voorziening.leveringsvorm == vorm.value,
               m.Voorziening.besluit.in_(TOEGEKEND),
               m.Voorziening.toegewezen_op.is_(None),
               m.Beschikking.status == BeschikkingStatus.VERZONDEN.value)
    )
    if aanbieder_id is not None:
        q = q.where(m.Voorziening.aanbieder_id == aanbieder_id)
    if team_id is not None:
        _vereis_team(actor, team_id)
        q = q.where(team_kol == team_id)
    elif not (actor.rol is Rol.ADMINISTRATIEF and not actor.teams):  # the central mail room serves every team
        q = q.where(team_kol.in_(sorted(actor.teams)))  # others their own teams; no teams, nothing (fail safe)
    q = q.order_by(m.Aanbieder.naam, m.Client.achternaam, m.Client.voornamen, m.Voorziening.startdatum)
    with transactie(ctx, actor) as s:
        rows = s.execute(q).all()
        if vorm is Leveringsvorm.ZIN:
            rows, bericht_301 = _zonder_verzonden_301(s, rows)
        else:
            bericht_301 = {}
        audit_lijst(s, actor, "toewijzingslijst" if vorm is Leveringsvorm.ZIN else "pgb_lijst",
                    [c.id for _vz, c, *_ in rows],
                    filter=";".join(f for f in (f"aanbieder={aanbieder_id}" if aanbieder_id is not None else "",
                                                f"team={team_id}" if team_id is not None else "") if f) or None)
        uit = []
        for vz, c, p, a, kenmerk, verzonden_op in rows:
            cats = codelists.productcategorieen(Wet(vz.wet))
            uit.append(ToewijzingRegel(
                voorziening_id=vz.id, versie=vz.versie, aanbieder_id=a.id if a else None,
                aanbieder=a.naam if a else ("SVB (pgb)" if vorm is Leveringsvorm.PGB else "geen aanbieder"),
                agb_code=a.agb_code if a else None, client_id=c.id, client_naam=_naam(c), bsn=c.bsn,
                geboortedatum=c.geboortedatum, wet=vz.wet, productcategorie=vz.productcategorie,
                productcategorie_naam=cats.get(vz.productcategorie, vz.productcategorie),
                productcode=p.code if p else None, product=p.naam if p else "-",
                omvang=omvang_van(vz), startdatum=vz.startdatum,
                einddatum=vz.einddatum, kenmerk=kenmerk, verzonden_op=verzonden_op, pgb_bedrag=vz.pgb_bedrag,
                pgb_periode=vz.pgb_periode or ("jaar" if vz.pgb_bedrag is not None else None),
                bericht_301=bericht_301.get(vz.id),
            ))
        return uit


#: The 301 statuses in which the provision did not reach the provider (shown on the list, to fix or pass on).
_301_NIET_AANGEKOMEN = (BerichtStatus.GEBLOKKEERD.value, BerichtStatus.AFGEKEURD.value)


def _zonder_verzonden_301(s: Session, rows: Sequence[Any]) -> tuple[list[Any], dict[int, str]]:
    """Leave out the provisions the message traffic assigns: a provision with an assignment (ToewijzingNummer)
    went out in the client's 301 to that provider (a 301 carries the complete current set). It stays on the list,
    marked, only while the last such 301 is blocked by its checks or rejected by the provider."""
    vids = [vz.id for vz, *_ in rows]
    if not vids:
        return list(rows), {}
    met_toewijzing: set[int] = set()
    for start in range(0, len(vids), 500):
        met_toewijzing.update(s.scalars(select(m.Toewijzing.voorziening_id).where(
            m.Toewijzing.voorziening_id.in_(vids[start:start + 500]))).all())
    if not met_toewijzing:
        return list(rows), {}
    clients = sorted({vz.client_id for vz, *_ in rows if vz.id in met_toewijzing})
    laatste: dict[tuple[int, int | None, str], str] = {}
    for start in range(0, len(clients), 500):
        for client_id, aanbieder_id, wet, status in s.execute(
                select(m.Bericht.client_id, m.Bericht.aanbieder_id, m.Bericht.wet, m.Bericht.status)
                .where(m.Bericht.richting == "uit", m.Bericht.nummer == 301,
                       m.Bericht.client_id.in_(clients[start:start + 500]))
                .order_by(m.Bericht.id)).all():
            if client_id is not None:
                laatste[(client_id, aanbieder_id, wet)] = status  # ordered by id: the last one wins
    uit, tekst = [], {}
    for row in rows:
        vz = row[0]
        if vz.id not in met_toewijzing:
            uit.append(row)
            continue
        laatst = laatste.get((vz.client_id, vz.aanbieder_id, vz.wet))
        if laatst is not None and laatst in _301_NIET_AANGEKOMEN:
            uit.append(row)
            tekst[vz.id] = f"Bericht 301: {BerichtStatus(laatst).label.lower()} (zie Berichtenverkeer)"
    return uit, tekst


def toewijzingslijst(ctx: AppContext, actor: Actor, *, aanbieder_id: int | None = None,
                     team_id: int | None = None) -> list[ToewijzingRegel]:
    """Granted in-kind (ZIN) provisions of sent decisions, not yet assigned, sorted per provider."""
    return _klaar_voor_toewijzing(ctx, actor, Leveringsvorm.ZIN, aanbieder_id, team_id)


def pgb_lijst(ctx: AppContext, actor: Actor, *, team_id: int | None = None) -> list[ToewijzingRegel]:
    """Granted personal budgets of sent decisions not yet passed to the SVB."""
    return _klaar_voor_toewijzing(ctx, actor, Leveringsvorm.PGB, None, team_id)


def markeer_toegewezen(ctx: AppContext, actor: Actor, voorziening_ids: Sequence[int], datum: dt.date | None, *,
                       vandaag: dt.date | None = None) -> int:
    """Record that these provisions were passed to the provider (iWmo/iJw 301) or the SVB; they leave the list."""
    vereis_rol(actor, Rol.ADMINISTRATIEF)
    vandaag = vandaag or dt.date.today()
    if not voorziening_ids:
        raise ValidatieFout.veld("voorzieningen", "Kies eerst één of meer voorzieningen.")
    if datum is None:
        raise ValidatieFout.veld("datum", "Datum van toewijzing is verplicht.")
    if datum > vandaag:
        raise ValidatieFout.veld("datum", "Datum van toewijzing mag niet in de toekomst liggen.")
    with transactie(ctx, actor) as s:
        for vid in voorziening_ids:
            vz = haal(s, m.Voorziening, vid, "Voorziening")
            a = s.get(m.Aanvraag, vz.aanvraag_id)
            _vereis_team(actor, a.team_id if a else None)
            if vz.status != VoorzieningStatus.ACTIEF.value or vz.besluit not in TOEGEKEND:
                raise RegelFout("Alleen een toegekende voorziening uit een verzonden beschikking kan worden "
                                "toegewezen.")
            if vz.toegewezen_op is not None:
                raise RegelFout(f"Deze voorziening is al toegewezen op {datum_kort(vz.toegewezen_op)}.")
            vz.toegewezen_op = datum
            audit(s, actor, AuditActie.WIJZIGEN, "voorziening", vz.id, client_id=vz.client_id, details="toegewezen_op")
        return len(voorziening_ids)


# --- export to CSV / Excel (consulent_app.export decides the cell types) --------------------------------------

_T, _D, _B = export.Type.TEKST, export.Type.DATUM, export.Type.BEDRAG

#: (column, value of a ToewijzingRegel) for the provider's intake.
TOEWIJZING_KOLOMMEN: tuple[tuple[export.Kolom, Callable[[ToewijzingRegel], Any]], ...] = (
    (export.Kolom("Aanbieder", _T, 30), lambda r: r.aanbieder),
    (export.Kolom("AGB-code", _T, 10), lambda r: r.agb_code),
    (export.Kolom("Cliënt", _T, 28), lambda r: r.client_naam),
    (export.Kolom("BSN", _T, 11), lambda r: r.bsn),
    (export.Kolom("Geboortedatum", _D), lambda r: r.geboortedatum),
    (export.Kolom("Wet", _T, 10), lambda r: Wet(r.wet).label),
    (export.Kolom("Productcategorie", _T, 36), lambda r: f"{r.productcategorie} {r.productcategorie_naam}"),
    (export.Kolom("Productcode", _T, 12), lambda r: r.productcode),
    (export.Kolom("Product", _T, 32), lambda r: r.product),
    (export.Kolom("Omvang", _T, 22), lambda r: r.omvang),
    (export.Kolom("Startdatum", _D), lambda r: r.startdatum),
    (export.Kolom("Einddatum", _D), lambda r: r.einddatum),
    (export.Kolom("Kenmerk beschikking", _T, 20), lambda r: r.kenmerk),
    (export.Kolom("Bericht 301", _T, 40), lambda r: r.bericht_301),
)

#: The same for the SVB, with the budget.
PGB_KOLOMMEN: tuple[tuple[export.Kolom, Callable[[ToewijzingRegel], Any]], ...] = (
    (export.Kolom("Cliënt", _T, 28), lambda r: r.client_naam),
    (export.Kolom("BSN", _T, 11), lambda r: r.bsn),
    (export.Kolom("Geboortedatum", _D), lambda r: r.geboortedatum),
    (export.Kolom("Wet", _T, 10), lambda r: Wet(r.wet).label),
    (export.Kolom("Productcategorie", _T, 36), lambda r: f"{r.productcategorie} {r.productcategorie_naam}"),
    (export.Kolom("Product", _T, 32), lambda r: r.product),
    (export.Kolom("Omvang", _T, 22), lambda r: r.omvang),
    (export.Kolom("Budget", _B), lambda r: r.pgb_bedrag),
    (export.Kolom("Budget per", _T, 10), lambda r: r.pgb_periode),
    (export.Kolom("Startdatum", _D), lambda r: r.startdatum),
    (export.Kolom("Einddatum", _D), lambda r: r.einddatum),
    (export.Kolom("Kenmerk beschikking", _T, 20), lambda r: r.kenmerk),
)


def exporteer_toewijzingslijst(ctx: AppContext, actor: Actor, pad: Path, *, pgb: bool = False,
                               aanbieder_id: int | None = None, team_id: int | None = None) -> int:
    """Write the toewijzingslijst (or the pgb-lijst for the SVB) to .xlsx or .csv; returns the number of rows."""
    vereis_rol(actor, Rol.ADMINISTRATIEF, Rol.TEAMLEIDER, Rol.PLANNER)
    if Path(pad).suffix.lower() not in (".csv", ".xlsx"):
        raise ValidatieFout.veld("bestand", "Kies een bestandsnaam die eindigt op .xlsx (Excel) of .csv.")
    regels = pgb_lijst(ctx, actor, team_id=team_id) if pgb else toewijzingslijst(
        ctx, actor, aanbieder_id=aanbieder_id, team_id=team_id)
    kolommen = PGB_KOLOMMEN if pgb else TOEWIJZING_KOLOMMEN
    titel = "Pgb-lijst SVB" if pgb else "Toewijzingslijst"
    export.schrijf(Path(pad), titel, [k for k, _ in kolommen], [[f(r) for _, f in kolommen] for r in regels],
                   ondertitel=f"{titel}, {ctx.config.gemeente.naam}, gemaakt op {datum_kort(dt.date.today())}")
    with transactie(ctx, actor) as s:
        audit(s, actor, AuditActie.EXPORTEREN, "pgb_lijst" if pgb else "toewijzingslijst", None,
              details=f"aantal={len(regels)},formaat={Path(pad).suffix.lower().lstrip('.')}")
    return len(regels)
