"""Sending decisions: the verzendlijst, marking as sent (Awb 6:7/6:8), immutability, copies, assignment lists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus, VoorzieningStatus
from consulent_app.errors import GeenToegang, RegelFout, ValidatieFout
from consulent_app.services import verzending as vz
from consulent_app.services.base import transactie
from tests.factories import Basis
from tests.factories_verzending import goedgekeurde_beschikking, meer_bsns
from tests.test_bundel import pdf_met

VANDAAG = dt.date(2026, 11, 25)
GOED = dt.date(2026, 11, 20)


def render(bid: int) -> bytes:
    return pdf_met(f"Beschikking {bid}", 2)


def bijlage(bid: int, soort: str) -> bytes:
    return pdf_met(f"{soort} {bid}", 1)


def afgedrukt(basis: Basis, *ids: int, op: dt.date = VANDAAG) -> None:
    """Produce the letters (print file) dated on sending day `op`, as staff would before marking them sent."""
    uit = Path(tempfile.mkdtemp()) / "print.pdf"
    res = vz.maak_printbestand(basis.ctx, basis["administratie"], list(ids), uit, render=render, bijlage=bijlage,
                               verzenddatum=op, vandaag=op)
    assert set(res.geproduceerd) == set(ids)


def beschikking(basis: Basis, bid: int) -> m.Beschikking:
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        s.expunge(b)
        return b


def voorzieningen(basis: Basis, bid: int) -> list[m.Voorziening]:
    with transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        rows = s.scalars(select(m.Voorziening).where(m.Voorziening.aanvraag_id == b.aanvraag_id)
                         .order_by(m.Voorziening.id)).all()
        for r in rows:
            s.expunge(r)
        return list(rows)


# --- verzendlijst -----------------------------------------------------------------------------------------------


def test_verzendlijst_shows_only_approved_decisions_with_what_staff_need(basis: Basis) -> None:
    a = goedgekeurde_beschikking(basis, achternaam="Bemelmans")
    goedgekeurde_beschikking(basis, achternaam="Concept", status=BeschikkingStatus.TER_TOETSING)
    lijst = vz.verzendlijst(basis.ctx, basis["administratie"])
    assert [r.beschikking_id for r in lijst] == [a]
    r = lijst[0]
    assert r.client_naam == "Maria Bemelmans"
    assert r.kenmerk.startswith("TST-2026-")
    assert r.wet_label == "Wmo 2015"
    assert r.consulent == "Consulent"
    assert r.goedgekeurd_op == GOED
    assert r.team == "Gebiedsteam Centrum"
    assert r.afgedrukt is False


def test_verzendlijst_filters_by_team_and_approval_date(basis: Basis) -> None:
    a = goedgekeurde_beschikking(basis, achternaam="Aerts", team="a", goedgekeurd_op=dt.date(2026, 11, 18))
    b = goedgekeurde_beschikking(basis, achternaam="Bours", team="b", goedgekeurd_op=dt.date(2026, 11, 20))
    admin = basis["administratie"]
    assert [r.beschikking_id for r in vz.verzendlijst(basis.ctx, admin, team_id=basis.team_b)] == [b]
    assert [r.beschikking_id for r in vz.verzendlijst(basis.ctx, admin, van=dt.date(2026, 11, 19))] == [b]
    assert [r.beschikking_id for r in vz.verzendlijst(basis.ctx, admin, tot=dt.date(2026, 11, 18))] == [a]
    with pytest.raises(ValidatieFout) as exc:
        vz.verzendlijst(basis.ctx, admin, van=dt.date(2026, 11, 20), tot=dt.date(2026, 11, 1))
    assert "tot" in exc.value.fouten


def test_only_administrative_staff_send(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis)
    with pytest.raises(GeenToegang):
        vz.verzendlijst(basis.ctx, basis["consulent"])
    with pytest.raises(GeenToegang):
        vz.markeer_verzonden(basis.ctx, basis["toetser"], [bid], VANDAAG, "post", vandaag=VANDAAG)


# --- marking as sent --------------------------------------------------------------------------------------------


def test_objection_term_is_six_weeks_from_the_day_after_sending_moved_by_atw(basis: Basis) -> None:
    """Awb 6:7 en 6:8, Atw art. 1: 6 weeks after Friday 20-11-2026 is New Year's Day, then a weekend: 4-1-2027."""
    bid = goedgekeurde_beschikking(basis, goedgekeurd_op=dt.date(2026, 11, 19))
    afgedrukt(basis, bid, op=dt.date(2026, 11, 20))
    [uit] = vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date(2026, 11, 20), "post",
                                 vandaag=VANDAAG)
    assert uit.bezwaartermijn_einde == dt.date(2027, 1, 4)
    b = beschikking(basis, bid)
    assert b.status == BeschikkingStatus.VERZONDEN.value
    assert b.verzonden_op == dt.date(2026, 11, 20)
    assert b.bezwaartermijn_einde == dt.date(2027, 1, 4)
    assert b.verzendwijze == "post"
    assert b.verzonden_door_id == basis["administratie"].gebruiker_id


def test_objection_term_respects_configured_equated_days(basis: Basis) -> None:
    """Atw art. 3 lid 3: a day equated with a holiday by royal decree (from configuration) moves the end too."""
    basis.ctx.config = replace(basis.ctx.config, termijnen=replace(
        basis.ctx.config.termijnen, gelijkgestelde_dagen=(dt.date(2027, 1, 6),)))
    bid = goedgekeurde_beschikking(basis)
    afgedrukt(basis, bid)
    [uit] = vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], VANDAAG, "email", vandaag=VANDAAG)
    assert uit.bezwaartermijn_einde == dt.date(2027, 1, 7)


def test_sending_activates_granted_provisions_and_records_who_when_how(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis, voorzieningen=(("HH", "zin", "toegekend"), ("BG", "pgb", "gedeeltelijk"),
                                                          ("BG", "zin", "afgewezen")))
    afgedrukt(basis, bid)
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], VANDAAG, "portaal", vandaag=VANDAAG)
    statussen = [v.status for v in voorzieningen(basis, bid)]
    assert statussen == [VoorzieningStatus.ACTIEF.value, VoorzieningStatus.ACTIEF.value,
                         VoorzieningStatus.BESLOTEN.value]
    with transactie(basis.ctx) as s:
        [v] = s.scalars(select(m.Verzending).where(m.Verzending.beschikking_id == bid)).all()
        assert (v.datum, v.wijze, v.door_id, v.afschrift) == (VANDAAG, "portaal",
                                                              basis["administratie"].gebruiker_id, False)
        pos = s.scalars(select(m.PeriodiekOnderzoek.geplande_datum)).all()
        assert len(pos) == 2  # one planned re-examination per granted Wmo provision with a PO date
        events = s.scalars(select(m.AuditEvent).where(m.AuditEvent.actie == "verzenden")).all()
        assert [e.object_id for e in events] == [bid]
        assert "Maria" not in (events[0].details or "")


@pytest.mark.parametrize(
    ("status", "woord"),
    [(BeschikkingStatus.CONCEPT, "nog niet goedgekeurd"), (BeschikkingStatus.TER_TOETSING, "nog niet goedgekeurd")],
)
def test_a_decision_that_was_not_approved_cannot_be_sent(basis: Basis, status: BeschikkingStatus,
                                                         woord: str) -> None:
    bid = goedgekeurde_beschikking(basis, status=status)
    with pytest.raises(RegelFout) as exc:
        vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], VANDAAG, "post", vandaag=VANDAAG)
    assert woord in str(exc.value)
    assert beschikking(basis, bid).status == status.value


def test_a_decision_cannot_be_sent_twice(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis)
    afgedrukt(basis, bid, op=dt.date(2026, 11, 23))
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date(2026, 11, 23), "post", vandaag=VANDAAG)
    with pytest.raises(RegelFout) as exc:
        vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], VANDAAG, "post", vandaag=VANDAAG)
    assert "al verzonden op 23-11-2026" in str(exc.value)
    assert beschikking(basis, bid).verzonden_op == dt.date(2026, 11, 23)


def test_sending_date_not_before_approval_and_not_in_the_future(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis, goedgekeurd_op=dt.date(2026, 11, 20))
    afgedrukt(basis, bid)
    admin = basis["administratie"]
    with pytest.raises(ValidatieFout) as exc:
        vz.markeer_verzonden(basis.ctx, admin, [bid], dt.date(2026, 11, 19), "post", vandaag=VANDAAG)
    assert "vóór de goedkeuring" in exc.value.fouten["datum"]
    with pytest.raises(ValidatieFout) as exc:
        vz.markeer_verzonden(basis.ctx, admin, [bid], VANDAAG + dt.timedelta(days=1), "post", vandaag=VANDAAG)
    assert "toekomst" in exc.value.fouten["datum"]
    with pytest.raises(ValidatieFout) as exc:
        vz.markeer_verzonden(basis.ctx, admin, [bid], None, "duif", vandaag=VANDAAG)
    assert set(exc.value.fouten) == {"datum", "wijze"}
    assert beschikking(basis, bid).status == BeschikkingStatus.GOEDGEKEURD.value


def test_nothing_is_marked_sent_that_was_not_produced(basis: Basis) -> None:
    geprint = goedgekeurde_beschikking(basis, achternaam="Geprint")
    niet = goedgekeurde_beschikking(basis, achternaam="Niet")
    afgedrukt(basis, geprint)
    with pytest.raises(RegelFout) as exc:
        vz.markeer_verzonden(basis.ctx, basis["administratie"], [geprint, niet], VANDAAG, "post", vandaag=VANDAAG)
    assert "nog niet afgedrukt" in str(exc.value)
    # all or nothing: the printed one was not sent either
    assert beschikking(basis, geprint).status == BeschikkingStatus.GOEDGEKEURD.value


def test_a_failed_letter_in_the_print_file_is_not_recorded_as_produced(basis: Basis, tmp_path: Path) -> None:
    goed = goedgekeurde_beschikking(basis, achternaam="Goed")
    fout = goedgekeurde_beschikking(basis, achternaam="Fout")

    def kapot(bid: int) -> bytes:
        if bid == fout:
            raise RegelFout("Brief kon niet worden gemaakt.")
        return render(bid)

    res = vz.maak_printbestand(basis.ctx, basis["administratie"], [goed, fout], tmp_path / "p.pdf", render=kapot)
    assert res.geproduceerd == (goed,)
    assert res.mislukt[0][0] == fout and "niet worden gemaakt" in res.mislukt[0][2]
    lijst = {r.beschikking_id: r.afgedrukt for r in vz.verzendlijst(basis.ctx, basis["administratie"])}
    assert lijst == {goed: True, fout: False}
    with pytest.raises(RegelFout):
        vz.markeer_verzonden(basis.ctx, basis["administratie"], [fout], VANDAAG, "post", vandaag=VANDAAG)


def test_a_sent_decision_is_immutable_in_the_core(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis)
    afgedrukt(basis, bid)
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], VANDAAG, "post", vandaag=VANDAAG)
    with pytest.raises(RegelFout) as exc, transactie(basis.ctx) as s:
        b = s.get(m.Beschikking, bid)
        assert b is not None
        b.verzonden_op = dt.date(2026, 11, 1)
    assert "al verzonden" in str(exc.value)
    with pytest.raises(RegelFout), transactie(basis.ctx) as s:
        regel = s.scalars(select(m.BeschikkingRegel).where(m.BeschikkingRegel.beschikking_id == bid)).first()
        assert regel is not None
        regel.besluit = "afgewezen"
    with pytest.raises(RegelFout):
        vz.wijzig_bijlagen(basis.ctx, basis["administratie"], bid, ["folder_bezwaar"])
    assert beschikking(basis, bid).verzonden_op == VANDAAG


# --- afschrift --------------------------------------------------------------------------------------------------


def test_afschrift_is_stamped_recorded_and_leaves_the_original_alone(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis)
    afgedrukt(basis, bid, op=dt.date(2026, 11, 23))
    vz.markeer_verzonden(basis.ctx, basis["administratie"], [bid], dt.date(2026, 11, 23), "post", vandaag=VANDAAG)
    voor = beschikking(basis, bid)
    pdf = vz.afschrift(basis.ctx, basis["administratie"], bid, wijze="email", render=render, vandaag=VANDAAG)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert all("AFSCHRIFT" in p.extract_text() for p in pages)
    na = beschikking(basis, bid)
    assert (na.verzonden_op, na.bezwaartermijn_einde, na.verzendwijze, na.versie) == (
        voor.verzonden_op, voor.bezwaartermijn_einde, voor.verzendwijze, voor.versie)
    hist = vz.verzendingen(basis.ctx, basis["administratie"], bid)
    assert [(h.afschrift, h.wijze, h.datum) for h in hist] == [(False, "post", dt.date(2026, 11, 23)),
                                                             (True, "email", VANDAAG)]


def test_no_afschrift_of_a_decision_not_sent(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis)
    with pytest.raises(RegelFout) as exc:
        vz.afschrift(basis.ctx, basis["administratie"], bid, render=render, vandaag=VANDAAG)
    assert "nog niet verzonden" in str(exc.value)


# --- toewijzingslijst / pgb-lijst ---------------------------------------------------------------------------------


def _verstuur(basis: Basis, *ids: int) -> None:
    afgedrukt(basis, *ids)
    vz.markeer_verzonden(basis.ctx, basis["administratie"], list(ids), VANDAAG, "post", vandaag=VANDAAG)


def test_toewijzingslijst_lists_granted_zin_per_provider_ready_to_assign(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis, achternaam="Bessems",
                                   voorzieningen=(("HH", "zin", "toegekend"), ("BG", "zin", "toegekend"),
                                                  ("BG", "pgb", "toegekend"), ("HH", "zin", "afgewezen")))
    goedgekeurde_beschikking(basis, achternaam="Wachtend")  # approved, not sent: not on the list
    _verstuur(basis, bid)
    admin = basis["administratie"]
    lijst = vz.toewijzingslijst(basis.ctx, admin)
    assert [(r.aanbieder, r.product, r.omvang) for r in lijst] == [
        ("Thuiszorg Mosa", "Begeleiding individueel", "3 uur per week"),
        ("Zorggroep Maasland", "Hulp bij het huishouden", "3 uur per week"),
    ]
    assert {r.client_naam for r in lijst} == {"Maria Bessems"}
    assert lijst[0].startdatum == GOED + dt.timedelta(days=14) and lijst[0].einddatum is None
    pgb = vz.pgb_lijst(basis.ctx, admin)
    assert [(r.product, str(r.pgb_bedrag)) for r in pgb] == [("Begeleiding individueel", "4500.00")]
    # once assigned, a provision leaves the list
    vz.markeer_toegewezen(basis.ctx, admin, [lijst[0].voorziening_id], VANDAAG, vandaag=VANDAAG)
    assert [r.aanbieder for r in vz.toewijzingslijst(basis.ctx, admin)] == ["Zorggroep Maasland"]
    with pytest.raises(RegelFout):
        vz.markeer_toegewezen(basis.ctx, admin, [lijst[0].voorziening_id], VANDAAG, vandaag=VANDAAG)


def test_toewijzingslijst_exports_to_csv_and_excel(basis: Basis, tmp_path: Path) -> None:
    bid = goedgekeurde_beschikking(basis, achternaam="Op de Kamp", voorzieningen=(("HH", "zin", "toegekend"),
                                                                                 ("BG", "pgb", "toegekend")))
    _verstuur(basis, bid)
    admin = basis["administratie"]
    assert vz.exporteer_toewijzingslijst(basis.ctx, admin, tmp_path / "zin.csv") == 1
    with (tmp_path / "zin.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][:4] == ["Aanbieder", "AGB-code", "Cliënt", "BSN"]
    assert rows[1][0] == "Zorggroep Maasland" and rows[1][2] == "Maria Op de Kamp"
    assert "3 uur per week" in rows[1]
    assert (GOED + dt.timedelta(days=14)).strftime("%d-%m-%Y") in rows[1]
    assert vz.exporteer_toewijzingslijst(basis.ctx, admin, tmp_path / "svb.xlsx", pgb=True) == 1
    ws = load_workbook(tmp_path / "svb.xlsx").active
    assert ws is not None
    kop = [c.value for c in ws[3]]  # row 1: title line, row 3: headings
    assert "Budget" in kop and "BSN" in kop
    assert ws.cell(row=4, column=kop.index("Budget") + 1).value == 4500.0
    assert ws.cell(row=4, column=kop.index("Startdatum") + 1).value.date() == GOED + dt.timedelta(days=14)
    with pytest.raises(ValidatieFout):
        vz.exporteer_toewijzingslijst(basis.ctx, admin, tmp_path / "lijst.txt")


def test_many_letters_rendered_in_worker_processes_report_like_one_by_one(basis: Basis, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters without a stored version are rendered in worker processes; failures read the same as in-process."""
    bronnen: list[bool] = []
    origineel = vz._VoorraadBron.sluit

    def sluit(self: vz._VoorraadBron) -> None:
        bronnen.append(self.kapot)
        origineel(self)

    monkeypatch.setattr(vz._VoorraadBron, "sluit", sluit)
    meer_bsns(basis, vz.PARALLEL_VANAF)
    ids = [goedgekeurde_beschikking(basis, achternaam=f"Naam{i}") for i in range(vz.PARALLEL_VANAF)]
    admin = basis["administratie"]
    los = vz.maak_printbestand(basis.ctx, admin, ids, tmp_path / "a.pdf", parallel=False)
    samen = vz.maak_printbestand(basis.ctx, admin, ids, tmp_path / "b.pdf", parallel=True)
    assert los.mislukt == samen.mislukt
    assert len(samen.mislukt) == len(ids)  # the factory's decisions lack an investigation: every letter refused
    assert samen.pad is None
    assert bronnen == [False]  # the worker processes did the work, no fallback


def test_mail_room_chooses_leaflets_but_not_the_report_the_reviewer_approved(basis: Basis) -> None:
    bid = goedgekeurde_beschikking(basis, bijlagen=("verslag",))
    admin = basis["administratie"]
    vz.wijzig_bijlagen(basis.ctx, admin, bid, ["verslag", "folder_eigen_bijdrage", "folder_bezwaar"])
    [regel] = vz.verzendlijst(basis.ctx, admin)
    assert regel.bijlagen == ("verslag", "folder_bezwaar", "folder_eigen_bijdrage")  # envelope order
    with pytest.raises(RegelFout) as exc:
        vz.wijzig_bijlagen(basis.ctx, admin, bid, ["folder_bezwaar"])
    assert "toetser" in str(exc.value)
    with pytest.raises(ValidatieFout):
        vz.wijzig_bijlagen(basis.ctx, admin, bid, ["folder_onbekend"])
