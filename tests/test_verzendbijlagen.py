"""Verzendlijst: one enclosure (a leaflet PDF) added to every chosen letter at once, counted, printed with each
letter and kept in the dossier as what was sent (issue 16)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, DocumentSoort
from consulent_app.errors import RegelFout, ValidatieFout
from consulent_app.services import documenten as ds
from consulent_app.services import verzending as vz
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking
from tests.test_bundel import pdf_met
from tests.test_verzending import VANDAAG, afgedrukt, render

FOLDER = pdf_met("Folder Wmo-vervoer", 3)


def test_een_folder_gaat_in_een_keer_bij_alle_gekozen_brieven_en_wordt_een_keer_bewaard(basis: Basis) -> None:
    a = goedgekeurde_beschikking(basis, achternaam="Aerts")
    b = goedgekeurde_beschikking(basis, achternaam="Bakker")
    c = goedgekeurde_beschikking(basis, achternaam="Claes")
    admin = basis["administratie"]
    uit = vz.voeg_bijlage_toe(basis.ctx, admin, [a, b], pdf=FOLDER, titel="  Folder  Wmo-vervoer ",
                              bestandsnaam="/home/x/folder-vervoer.pdf")
    assert uit.titel == "Folder Wmo-vervoer" and uit.paginas == 3 and len(uit.toegevoegd) == 2 and not uit.al_erbij
    lijst = {r.beschikking_id: r for r in vz.verzendlijst(basis.ctx, admin)}
    assert lijst[a].bijlage_namen == ("Folder Wmo-vervoer",) and lijst[a].bijlage_paginas == 3
    assert lijst[b].bijlagen == (f"extra:{uit.bijlage_id}",)
    assert lijst[c].bijlage_namen == () and lijst[c].bijlage_paginas == 0
    # The same file again, for all three: stored once, only the third gets it now.
    weer = vz.voeg_bijlage_toe(basis.ctx, admin, [a, b, c], pdf=FOLDER, titel="Andere naam")
    assert weer.bijlage_id == uit.bijlage_id and weer.toegevoegd == (lijst[c].kenmerk,)
    assert set(weer.al_erbij) == {lijst[a].kenmerk, lijst[b].kenmerk}
    with transactie(basis.ctx) as s:
        assert s.scalar(select(func.count()).select_from(m.VerzendBijlage)) == 1
        details = s.scalars(select(m.AuditEvent.details).where(
            m.AuditEvent.actie == AuditActie.WIJZIGEN.value, m.AuditEvent.object_type == "beschikking")).all()
    assert details.count(f"bijlage+=extra:{uit.bijlage_id}") == 3
    # Chosen before: it is offered again, and adding it by id does the same without the file.
    [eerder] = vz.verzendbijlagen(basis.ctx, admin)
    assert (eerder.id, eerder.titel, eerder.bestandsnaam, eerder.paginas) == (uit.bijlage_id, "Folder Wmo-vervoer",
                                                                            "folder-vervoer.pdf", 3)


def test_de_folder_komt_bij_elke_brief_in_het_printbestand_en_de_paginas_tellen_mee(basis: Basis,
                                                                                  tmp_path: Path) -> None:
    ids = [goedgekeurde_beschikking(basis, achternaam=n) for n in ("Aerts", "Bakker")]
    admin = basis["administratie"]
    vz.voeg_bijlage_toe(basis.ctx, admin, ids, pdf=FOLDER, titel="Folder Wmo-vervoer")
    res = vz.maak_printbestand(basis.ctx, admin, ids, tmp_path / "p.pdf", render=render, duplex=False,
                               verzenddatum=VANDAAG, vandaag=VANDAAG)
    assert res.paginas == 2 * (2 + 3)  # each letter (2 pages) with the leaflet (3)
    teksten = [p.extract_text() for p in PdfReader(tmp_path / "p.pdf").pages]
    assert sum("Folder Wmo-vervoer" in t for t in teksten) == 6
    assert "Folder Wmo-vervoer" in teksten[2] and "Folder Wmo-vervoer" in teksten[9]


def test_verzonden_folder_staat_in_het_dossier_als_wat_er_is_verstuurd(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis, bijlagen=("folder_bezwaar",))
    admin = basis["administratie"]
    uit = vz.voeg_bijlage_toe(basis.ctx, admin, [bid], pdf=FOLDER, titel="Folder Wmo-vervoer")
    afgedrukt(basis, bid)
    vz.markeer_verzonden(basis.ctx, admin, [bid], VANDAAG, "post", vandaag=VANDAAG)
    [verzonden] = vz.verzendlijst(basis.ctx, admin, verzonden=True)  # the list of sent ones names it too
    assert verzonden.bijlage_namen == ("folder bezwaar", "Folder Wmo-vervoer")
    with transactie(basis.ctx) as s:
        client_id = s.get(m.Beschikking, bid).client_id  # type: ignore[union-attr]
    docs = [d for d in ds.lijst_documenten(basis.ctx, basis["consulent"], client_id)
            if d.soort == DocumentSoort.BIJLAGE.value]
    assert sorted(d.titel.split(": ", 1)[1] for d in docs) == [
        "Folder 'Bent u het niet eens met het besluit?'", "Folder Wmo-vervoer"]
    assert all(d.beschikking_id == bid and d.grootte > 0 for d in docs)
    leaflet = next(d for d in docs if d.titel.endswith("Wmo-vervoer"))
    bestand = ds.haal_document(basis.ctx, basis["consulent"], leaflet.id)
    assert bestand.inhoud == FOLDER and bestand.info.paginas == 3  # the very bytes that were sent
    assert hashlib.sha256(bestand.inhoud).hexdigest() == bestand.info.sha256
    assert ds.haal_document(basis.ctx, admin, leaflet.id).inhoud == FOLDER  # the mail room may open it too
    with transactie(basis.ctx) as s:  # the leaflet's bytes are not copied per letter
        assert s.scalar(select(func.count()).select_from(m.VerzendBijlage)) == 2  # the chosen one and the folder
        assert uit.bijlage_id in s.scalars(select(m.Document.verzendbijlage_id)).all()
    # Sent: nothing can be added any more, and the refusal changes nothing.
    with pytest.raises(RegelFout, match="niets veranderd"):
        vz.voeg_bijlage_toe(basis.ctx, admin, [bid], bijlage_id=uit.bijlage_id)


def test_een_bijlage_bij_een_afgedrukte_brief_vraagt_om_opnieuw_afdrukken(basis: Basis) -> None:
    a = goedgekeurde_beschikking(basis, achternaam="Aerts")
    b = goedgekeurde_beschikking(basis, achternaam="Bakker")
    afgedrukt(basis, a)
    uit = vz.voeg_bijlage_toe(basis.ctx, basis["administratie"], [a, b], pdf=FOLDER, titel="Folder")
    kenmerk_a = next(r.kenmerk for r in vz.verzendlijst(basis.ctx, basis["administratie"]) if r.beschikking_id == a)
    assert uit.opnieuw_afdrukken == (kenmerk_a,)


def test_geen_pdf_geen_naam_of_al_verzonden_geeft_een_melding_en_niets_verandert(basis: Basis) -> None:
    a = goedgekeurde_beschikking(basis, achternaam="Aerts")
    verzonden = goedgekeurde_beschikking(basis, achternaam="Verzonden")
    admin = basis["administratie"]
    afgedrukt(basis, verzonden)
    vz.markeer_verzonden(basis.ctx, admin, [verzonden], VANDAAG, "post", vandaag=VANDAAG)
    with pytest.raises(ValidatieFout) as exc:
        vz.voeg_bijlage_toe(basis.ctx, admin, [a], pdf=b"geen pdf", titel="")
    assert "geen PDF" in exc.value.fouten["bestand"] and "naam" in exc.value.fouten["titel"]
    with pytest.raises(ValidatieFout) as exc:
        vz.voeg_bijlage_toe(basis.ctx, admin, [], pdf=FOLDER, titel="Folder")
    assert "beschikkingen" in exc.value.fouten
    with pytest.raises(ValidatieFout) as exc:
        vz.voeg_bijlage_toe(basis.ctx, admin, [a], pdf=b"%PDF" + b"0" * (vz.MAX_BIJLAGE_BYTES + 1), titel="Groot")
    assert "hoogstens 10 MB" in exc.value.fouten["bestand"]
    with pytest.raises(RegelFout) as regel:
        vz.voeg_bijlage_toe(basis.ctx, admin, [a, verzonden], pdf=FOLDER, titel="Folder")
    assert "verzonden" in str(regel.value)
    with transactie(basis.ctx) as s:
        assert s.scalar(select(func.count()).select_from(m.VerzendBijlage)) == 0  # all or nothing
    [regel_a] = [r for r in vz.verzendlijst(basis.ctx, admin) if r.beschikking_id == a]
    assert regel_a.bijlagen == ()


def test_een_gekozen_bijlage_kan_bij_een_brief_weer_weg(basis: Basis) -> None:
    a = goedgekeurde_beschikking(basis, achternaam="Aerts", bijlagen=("folder_bezwaar",))
    admin = basis["administratie"]
    uit = vz.voeg_bijlage_toe(basis.ctx, admin, [a], pdf=FOLDER, titel="Folder Wmo-vervoer")
    [r] = vz.verzendlijst(basis.ctx, admin)
    assert r.bijlagen == ("folder_bezwaar", f"extra:{uit.bijlage_id}")
    vz.wijzig_bijlagen(basis.ctx, admin, a, ["folder_bezwaar"])
    [r] = vz.verzendlijst(basis.ctx, admin)
    assert r.bijlagen == ("folder_bezwaar",) and r.bijlage_namen == ("folder bezwaar",)
    with pytest.raises(Exception, match="Bijlage"):
        vz.wijzig_bijlagen(basis.ctx, admin, a, ["extra:99999"])


def test_alleen_de_administratie_voegt_bijlagen_toe(basis: Basis) -> None:
    a = goedgekeurde_beschikking(basis)
    from consulent_app.errors import GeenToegang

    with pytest.raises(GeenToegang):
        vz.voeg_bijlage_toe(basis.ctx, basis["consulent"], [a], pdf=FOLDER, titel="Folder")
    with pytest.raises(GeenToegang):
        vz.verzendbijlagen(basis.ctx, basis["toetser"])



def test_de_brief_noemt_de_gekozen_bijlage_en_een_eerder_gemaakte_brief_wordt_opnieuw_gemaakt(basis: Basis) -> None:
    from consulent_app.documents.pdf_basis import pagina_aantal
    from consulent_app.domain import BeschikkingStatus
    from tests.factories_zaak import maak_zaak

    bid = maak_zaak(basis, beschikking=BeschikkingStatus.GOEDGEKEURD.value).beschikking_id
    assert bid is not None
    admin = basis["administratie"]
    eerst = vz.beschikking_render(basis.ctx, admin, bewaar=True)(bid)  # produced once: stored as sent version
    assert "Folder Wmo-vervoer" not in "".join(p.extract_text() for p in PdfReader(_io(eerst)).pages)
    [voor] = vz.verzendlijst(basis.ctx, admin)
    vz.voeg_bijlage_toe(basis.ctx, admin, [bid], pdf=FOLDER, titel="Folder Wmo-vervoer")
    [na] = vz.verzendlijst(basis.ctx, admin)
    assert na.paginas == voor.paginas == pagina_aantal(eerst)  # the count stays known for the summary
    assert na.bijlage_namen == ("verslag", "Folder Wmo-vervoer")
    assert na.bijlage_paginas is None  # the report has not been stored, so not counted: the summary says so
    opnieuw = vz.beschikking_render(basis.ctx, admin, bewaar=True)(bid)
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(_io(opnieuw)).pages).split())
    assert "verwijst ernaar. Folder Wmo-vervoer." in tekst  # the closing's list of enclosures names it
    with transactie(basis.ctx) as s:
        versies = s.scalars(select(m.Document.versie_nr).where(
            m.Document.beschikking_id == bid, m.Document.soort == DocumentSoort.BESCHIKKING.value)).all()
    assert sorted(versies) == [1, 2]  # the first stays; the one produced now names the leaflet
    # Producing the enclosures stores the report as sent; from then on its pages count too.
    verslag = vz.bijlage_render(basis.ctx, admin)(bid, "verslag")
    [daarna] = vz.verzendlijst(basis.ctx, admin)
    assert daarna.bijlage_paginas == pagina_aantal(verslag) + 3


def _io(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)


def test_een_geteld_brief_wordt_na_de_folder_opnieuw_geteld_een_nooit_getelde_niet(basis: Basis) -> None:
    """Issue 16/17: the closing names the new leaflet, so the old count is not the new letter's; a letter whose pages
    the Verzendlijst knew is counted again when the leaflet is added (the summary stays known), one never rendered
    stays unknown (the list itself never renders)."""
    from tests.test_paginas import goedgekeurd, regel

    geteld, nooit = goedgekeurd(basis, "Geteld"), goedgekeurd(basis, "Nooit")
    vz.voorbeeld_pdf(basis.ctx, basis["administratie"], geteld)
    assert regel(basis, geteld).paginas and regel(basis, nooit).paginas is None
    versie = regel(basis, geteld).versie
    vz.voeg_bijlage_toe(basis.ctx, basis["administratie"], [geteld, nooit], pdf=FOLDER, titel="Folder")
    na = regel(basis, geteld)
    assert na.versie > versie and na.paginas is not None and "Folder" in na.bijlage_namen
    with transactie(basis.ctx) as s:
        rij = s.get(m.BriefPaginas, geteld)
        assert rij is not None and rij.beschikking_versie == na.versie
    assert regel(basis, nooit).paginas is None
