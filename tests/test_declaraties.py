"""Providers' invoices (iWmo/iJw 323) checked against the assignment: each iStandaarden rule gives its retour code,
nothing is booked half, approved amounts count as realised cost, the work list says why in Dutch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from consulent_app.db import models as m
from consulent_app.errors import GeenToegang
from consulent_app.rules import declaratie as regels
from consulent_app.rules.declaratie import Eerder, PrestatieInvoer, Toewijzing
from consulent_app.services import declaraties, financien
from consulent_app.services.base import transactie
from consulent_app.services.declaraties import DeclaratieKop
from tests.factories import Basis
from tests.overzicht_data import Bouwer

D = dt.date
MEI = (D(2026, 5, 1), D(2026, 5, 31))
AGB = "75000001"


@pytest.fixture
def zaak(basis: Basis) -> dict[str, object]:
    with transactie(basis.ctx) as s:
        b = Bouwer(basis, s)
        c = b.client("Aerts")
        a = b.aanvraag(c, datum=D(2025, 12, 1), status="besloten")
        hh = b.voorziening(a, "HH", "3", start=D(2026, 1, 1), eind=D(2026, 12, 31))
        bg = b.voorziening(a, "BG", "2", start=D(2026, 1, 1), eind=D(2026, 12, 31), beeindigd_op=D(2026, 3, 31),
                           status="beeindigd")
        pgb = b.voorziening(a, "HH", "3", start=D(2026, 1, 1), eind=D(2026, 12, 31), pgb=True)
        totaal = b.voorziening(a, "HH", "10", frequentie="6", start=D(2026, 1, 1), eind=D(2026, 12, 31))
        b.beschikking(a, datum=D(2025, 12, 10), verzonden_op=D(2025, 12, 12))
        bsn = s.get(m.Client, c).bsn
        nummers = {}
        for naam, vid, code, stop in (("hh", hh, "01A01", None), ("bg", bg, "02A01", D(2026, 3, 31)),
                                      ("totaal", totaal, "01A01", None)):
            v = s.get(m.Voorziening, vid)
            nummers[naam] = 5000 + len(nummers)
            s.add(m.Toewijzing(wet="wmo", nummer=nummers[naam], voorziening_id=vid, client_id=c,
                               aanbieder_id=v.aanbieder_id, productcategorie=v.productcategorie, productcode=code,
                               ingangsdatum=v.startdatum, einddatum=v.einddatum, volume=int(v.volume),
                               eenheid=v.eenheid, frequentie=v.frequentie, toegewezen_op=dt.datetime(2025, 12, 12),
                               zorg_stop=stop, status="actueel"))
    return {"hh": str(nummers["hh"]), "bg": str(nummers["bg"]), "pgb": str(pgb), "totaal": str(nummers["totaal"]),
            "bsn": bsn, "client": c, "hh_id": hh}


def regel(z: dict[str, object], ref: str, **kw: object) -> PrestatieInvoer:
    basis: dict[str, object] = dict(referentie=ref, toewijzing_nummer=z["hh"], bsn=z["bsn"], productcategorie="01",
                                    productcode="01A01", periode_van=MEI[0], periode_tot=MEI[1], volume=Decimal(13),
                                    eenheid="04", tarief=Decimal("32.50"), bedrag=Decimal("422.50"))
    basis.update(kw)
    return PrestatieInvoer(**basis)  # type: ignore[arg-type]


def kop(nummer: str = "D2026050001", agb: str = AGB) -> DeclaratieKop:
    return DeclaratieKop(agb_code=agb, wet="wmo", nummer=nummer, periode_van=MEI[0], periode_tot=MEI[1],
                         dagtekening=D(2026, 6, 3))


def verwerk(basis: Basis, k: DeclaratieKop, regels_: list[PrestatieInvoer], *, ontvangen: dt.date = D(2026, 6, 4),
            ) -> tuple[declaraties.DeclaratieUitkomst, dict[str, declaraties.PrestatieOordeel]]:
    uit: dict[str, declaraties.PrestatieOordeel] = {}
    r = declaraties.verwerk_declaratie(basis.ctx, basis["administratie"], k, regels_, ontvangen_op=ontvangen,
                                       bij_oordeel=lambda o: uit.setdefault(o.referentie, o))
    return r, uit


def test_every_rule_gives_its_retour_code(basis: Basis, zaak: dict[str, object]) -> None:
    """iWmo 3.2 technische regels TR338, TR304, TR314, TR308, TR321, TR346, TR418 (0611), TR323, TR389, TR340,
    TR319 and TR307: each failing prestatie is rejected with that rule's WJ001 code; the good one is approved."""
    z = zaak
    lijst = [
        regel(z, "R1"),
        regel(z, "R2", volume=Decimal(14), bedrag=Decimal("455.00")),
        regel(z, "R3", toewijzing_nummer="999999"),
        regel(z, "R4", bsn="123456782"),
        regel(z, "R1"),  # duplicate reference
        regel(z, "R6", toewijzing_nummer=z["bg"], productcategorie="02", productcode="02A01", tarief=Decimal("66.40"),
              volume=Decimal(8), bedrag=Decimal("531.20")),
        regel(z, "R7", bedrag=Decimal("430.00")),
        regel(z, "R8", tarief=Decimal("35.00"), bedrag=Decimal("455.00")),
        regel(z, "R9", debet_credit="C", vorige_referentie="ONBEKEND"),
        regel(z, "R10"),  # the same period again, new reference, no credit in between
        regel(z, "R11", productcode="01A02"),
        regel(z, "R12", periode_van=D(2026, 4, 20), periode_tot=D(2026, 4, 30), volume=Decimal(4),
              bedrag=Decimal("130.00")),
        regel(z, "R13", toewijzing_nummer=z["pgb"]),  # a pgb goes to the SVB, never a provider's invoice
    ]
    r, o = verwerk(basis, kop(), lijst)
    codes = {ref: x.retourcodes for ref, x in o.items()}
    assert codes["R1"] == ("0200",) and o["R1"].toegekend == Decimal("422.50")
    verwacht = {"R2": "9321", "R3": "9338", "R4": "8187", "R6": "9308", "R7": "9346", "R8": "0611", "R9": "8017",
                "R10": "9389", "R11": "9340", "R12": "9319", "R13": "9338"}
    for ref, code in verwacht.items():
        assert code in codes[ref], (ref, codes[ref])
        assert "0200" not in codes[ref]
    # a line that breaks one rule only gets that rule's code
    assert codes["R3"] == ("9338",) and codes["R12"] == ("9319",) and codes["R9"] == ("8017",)
    assert r.aantal == 13 and r.afgekeurd == 12
    assert r.totaal_toegekend == Decimal("422.50")
    # the duplicate reference got its own answer too (stored), with 8021
    rijen = declaraties.oordelen(basis.ctx, basis["administratie"], r.declaratie_id)
    assert [x.retourcodes for x in rijen if x.referentie == "R1"] == [("0200",), ("8021", "9389")]


def test_credit_cancels_an_approved_debit_once_and_the_period_can_be_invoiced_again(
        basis: Basis, zaak: dict[str, object]) -> None:
    """TR323 (8017), TR390 (9390), TR389 (9389): a credit needs an approved debit; a second credit of the same
    debit is refused; after the credit the period may be invoiced anew."""
    z = zaak
    verwerk(basis, kop("D1"), [regel(z, "A1")])
    r, o = verwerk(basis, kop("D2"), [regel(z, "C1", debet_credit="C", vorige_referentie="A1"),
                                      regel(z, "C2", debet_credit="C", vorige_referentie="A1"),
                                      regel(z, "A2", volume=Decimal(12), bedrag=Decimal("390.00"))])
    assert o["C1"].goedgekeurd and o["C1"].toegekend == Decimal("-422.50")
    assert o["C2"].retourcodes == ("9390",)
    assert o["A2"].goedgekeurd
    assert r.totaal_toegekend == Decimal("-32.50")


def test_unknown_provider_and_duplicate_declaration_number(basis: Basis, zaak: dict[str, object]) -> None:
    """An unknown sender has no assignments (9338); a declaration number used before is refused whole (TR333)."""
    _, o = verwerk(basis, kop("X1", agb="99999999"), [regel(zaak, "U1")])
    assert o["U1"].retourcodes == ("9338",)
    verwerk(basis, kop("D7"), [regel(zaak, "B1")])
    r, o = verwerk(basis, kop("D7"), [regel(zaak, "B2", periode_van=D(2026, 5, 1))])
    assert r.kop_retourcodes == ("9333",) and o["B2"].retourcodes == ("9333",)


def test_volume_summed_over_all_invoices_fits_the_assigned_total(basis: Basis, zaak: dict[str, object]) -> None:
    """TR322 (9322): the sum of delivered volume on an assignment, over every invoice, stays within the assigned
    total (here 10 hours in total within the period)."""
    k = replace(kop("T1"), periode_van=D(2026, 1, 1), periode_tot=D(2026, 12, 31))
    t = zaak["totaal"]
    _, o = verwerk(basis, k, [regel(zaak, "T-a", toewijzing_nummer=t, periode_van=D(2026, 3, 1),
                                    periode_tot=D(2026, 3, 31), volume=Decimal(6), bedrag=Decimal("195.00"))])
    assert o["T-a"].goedgekeurd
    _, o = verwerk(basis, replace(k, nummer="T2"), [
        regel(zaak, "T-b", toewijzing_nummer=t, periode_van=D(2026, 4, 1), periode_tot=D(2026, 4, 30),
              volume=Decimal(5), bedrag=Decimal("162.50")),
        regel(zaak, "T-c", toewijzing_nummer=t, periode_van=D(2026, 5, 1), periode_tot=D(2026, 5, 31),
              volume=Decimal(4), bedrag=Decimal("130.00")),
        regel(zaak, "T-d", toewijzing_nummer=t, periode_van=D(2026, 6, 1), periode_tot=D(2026, 6, 30),
              volume=Decimal("0.5"), bedrag=Decimal("16.25"))])
    assert o["T-b"].retourcodes == ("9322",)  # 6 + 5 > 10
    assert o["T-c"].goedgekeurd  # 6 + 4 = 10
    assert o["T-d"].retourcodes == ("9322",)  # 10 + 0.5 > 10, counted within the same message too


def test_late_invoice_is_approved_but_on_the_work_list_with_the_reason(basis: Basis, zaak: dict[str, object]) -> None:
    _, o = verwerk(basis, kop("L1"), [regel(zaak, "LAAT"), regel(zaak, "FOUT", volume=Decimal(99),
                                                                 bedrag=Decimal("3217.50"))],
                   ontvangen=D(2027, 1, 15))
    assert o["LAAT"].goedgekeurd
    lijst = {r.referentie: r for r in declaraties.werklijst(basis.ctx, basis["administratie"])}
    assert lijst["LAAT"].redenen == ("Te laat gedeclareerd: na de declaratietermijn.",)
    assert lijst["FOUT"].redenen == ("Het volume is hoger dan toegewezen voor deze periode.",
                                     "Samen met eerdere declaraties is het volume hoger dan toegewezen.") or \
        "Het volume is hoger dan toegewezen voor deze periode." in lijst["FOUT"].redenen
    assert lijst["FOUT"].client.endswith("Aerts")
    assert declaraties.handel_af(basis.ctx, basis["administratie"], [lijst["LAAT"].prestatie_id]) == 1
    assert "LAAT" not in {r.referentie for r in declaraties.werklijst(basis.ctx, basis["administratie"])}
    # team leaders see the work list of their own teams' clients
    assert "FOUT" in {r.referentie for r in declaraties.werklijst(basis.ctx, basis["teamleider"])}


def test_approved_amounts_count_as_realised_on_the_financial_overview(basis: Basis, zaak: dict[str, object]) -> None:
    verwerk(basis, kop("R1"), [regel(zaak, "G1"), regel(zaak, "F1", toewijzing_nummer="999999")])
    ov = financien.overzicht(basis.ctx, basis["teamleider"], 2026, "wet", peildatum=D(2026, 7, 1))
    wmo = next(r for r in ov.regels if r.sleutel == "wmo")
    assert wmo.gedeclareerd == Decimal("422.50")
    zaken = financien.zaken(basis.ctx, basis["teamleider"], 2026, "wet", "wmo", peildatum=D(2026, 7, 1))
    assert next(x for x in zaken if x.voorziening_id == zaak["hh_id"]).gedeclareerd == Decimal("422.50")


def test_only_administrative_staff_process_invoices(basis: Basis, zaak: dict[str, object]) -> None:
    with pytest.raises(GeenToegang):
        declaraties.verwerk_declaratie(basis.ctx, basis["consulent"], kop(), [regel(zaak, "Z")])


# --- the rule, without a database ---------------------------------------------------------------------------


def _t(**kw: object) -> Toewijzing:
    b: dict[str, object] = dict(voorziening_id=1, client_id=1, bsn="123456782", productcategorie="01",
                                productcode="HH1", eenheid="04", ingangsdatum=D(2026, 5, 10), einddatum=None,
                                volume=Decimal(3), frequentie="2", contracttarief=Decimal("32.50"))
    b.update(kw)
    return Toewijzing(**b)  # type: ignore[arg-type]


def _p(**kw: object) -> PrestatieInvoer:
    b: dict[str, object] = dict(referentie="X", toewijzing_nummer="1", bsn="123456782", productcategorie="01",
                                productcode="HH1", periode_van=D(2026, 5, 10), periode_tot=D(2026, 5, 31),
                                volume=Decimal(9), eenheid="04", tarief=Decimal("32.50"), bedrag=Decimal("292.50"))
    b.update(kw)
    return PrestatieInvoer(**b)  # type: ignore[arg-type]


def _oordeel(p: PrestatieInvoer, t: Toewijzing | None) -> tuple[str, ...]:
    return regels.controleer(p, t, Eerder(), declaratie_van=MEI[0], declaratie_tot=MEI[1], ontvangen_op=D(2026, 6, 5),
                             termijn_maanden=6).retourcodes


def test_tr307_period_starts_before_the_assignment() -> None:
    """TR307 (9307): Begindatum ProductPeriode >= Ingangsdatum ToegewezenProduct."""
    assert _oordeel(_p(periode_van=D(2026, 5, 9)), _t()) == ("9307",)
    assert _oordeel(_p(), _t()) == ("0200",)


def test_tr321_volume_per_period_follows_the_frequency() -> None:
    """TR321 (9321): 3 h a week over 10-31 May (22 days) allows 9.43 h; per month a full month allows the volume."""
    assert _oordeel(_p(volume=Decimal("9.43"), bedrag=Decimal("306.48")), _t()) == ("0200",)
    assert _oordeel(_p(volume=Decimal("9.44"), bedrag=Decimal("306.80")), _t()) == ("9321",)
    maand = _t(frequentie="4", volume=Decimal(12), ingangsdatum=D(2026, 1, 1))
    feb = _p(periode_van=D(2026, 2, 1), periode_tot=D(2026, 2, 28), volume=Decimal(12), bedrag=Decimal("390.00"))
    assert regels.controleer(feb, maand, Eerder(), declaratie_van=D(2026, 2, 1), declaratie_tot=D(2026, 2, 28),
                             ontvangen_op=D(2026, 3, 5), termijn_maanden=6).goedgekeurd


def test_tr339_tr341_category_and_unit_of_the_assignment() -> None:
    """TR339 (9339) product category and TR341 (9341) unit must be the assignment's."""
    assert _oordeel(_p(productcategorie="02"), _t()) == ("9339",)
    assert _oordeel(_p(eenheid="01"), _t()) == ("9341",)


def test_tr384_removed_assignment() -> None:
    """TR384 (9384): no invoice on an assignment removed with RedenWijziging 13."""
    assert _oordeel(_p(), _t(verwijderd=True)) == ("9384",)


def test_tr346_amount_is_volume_times_tariff_except_in_euros() -> None:
    """TR346 (9346): IngediendBedrag = GeleverdVolume x ProductTarief unless the unit is 83 (euros)."""
    assert _oordeel(_p(bedrag=Decimal("292.49")), _t()) == ("9346",)
    assert regels.bedrag_klopt(_p(eenheid="83", bedrag=Decimal(1)))


def test_tr369_budget_of_the_assignment() -> None:
    """TR369 (9369): with a budget on the assignment the sum of delivered volume stays within it."""
    t = _t(eenheid="83", frequentie="6", volume=Decimal(1000), budget=Decimal(1000), volume_eerder=Decimal(900),
           contracttarief=None)
    p = _p(eenheid="83", volume=Decimal(150), tarief=Decimal(1), bedrag=Decimal(150))
    assert "9369" in _oordeel(p, t)


# --- through the message traffic: 323 in, 325 out ------------------------------------------------------------


def test_a_323_is_read_checked_and_answered_with_a_325(basis: Basis, zaak: dict[str, object]) -> None:
    """iWmo 3.2: the provider's WMO323 comes in through the GGk import; every prestatie gets its RetourCodes in
    the WMO325 (valid against its XSD, in the same outbox as the other messages); approved amounts are realised."""
    from lxml import etree

    from consulent_app.berichten import soorten, xsd
    from consulent_app.domain import Wet
    from consulent_app.services import berichten
    from tests.berichten_maker import Aanbieder, declaratie_323

    z = zaak
    goed = dict(referentie="P-1", nummer=z["hh"], categorie="01", code="01A01", van=MEI[0], tot=MEI[1], volume=13,
                tarief_cent=3250, bedrag_cent=42250)
    fout = dict(goed, referentie="P-2", volume=20, bedrag_cent=65000)
    data = declaratie_323(Wet.WMO, nummer="DEC1", periode=MEI, clienten={str(z["bsn"]): [goed, fout]},
                          dagtekening=D(2026, 6, 3), aanbieder=Aanbieder(agb=AGB))
    assert not xsd.fouten(soorten.soort(Wet.WMO, 323), data)
    [uit] = berichten.importeer(basis.ctx, basis["administratie"], [("dec.xml", data)], vandaag=D(2026, 6, 4))
    assert uit.soort == "WMO323" and uit.retour_id is not None, uit.melding
    with transactie(basis.ctx) as s:
        retour = s.get(m.Bericht, uit.retour_id)
        assert retour.soort == "WMO325" and retour.status == "klaar", retour.fouttekst
        root = etree.fromstring(retour.inhoud)
    ns = {"w": soorten.soort(Wet.WMO, 325).namespace, "b": soorten.soort(Wet.WMO, 325).basis_ns}
    codes = {p.findtext("w:ProductReferentie/b:ReferentieNummer", namespaces=ns):
             [c.text for c in p.findall("w:RetourCodes/w:RetourCode", ns)]
             for p in root.iterfind(".//w:Prestatie", ns)}
    assert codes["P-1"] == ["0200"]
    assert "9321" in codes["P-2"] and "0200" not in codes["P-2"]  # volume above the assignment
    assert root.findtext("w:DeclaratieAntwoord/w:TotaalToegekendBedrag/b:TotaalBedrag", namespaces=ns) == "42250"
    ov = financien.overzicht(basis.ctx, basis["teamleider"], 2026, "wet", peildatum=D(2026, 7, 1))
    assert next(r for r in ov.regels if r.sleutel == "wmo").gedeclareerd == Decimal("422.50")


def test_bad_input_in_a_323_is_answered_per_line_with_its_retour_code_and_nothing_is_booked_half(
        basis: Basis, zaak: dict[str, object]) -> None:
    """Issue 18, "Bad input", through the message traffic: an unknown client (8187) or assignment (9338), a period
    outside the assignment (9308), a volume above it (9321), a credit without its debit (8017) and a reference used
    twice (8021) each get their own code in the 325, no traceback; only the good line is booked and counted."""
    from lxml import etree

    from consulent_app.berichten import soorten
    from consulent_app.domain import Wet
    from consulent_app.services import berichten
    from tests.berichten_maker import Aanbieder, declaratie_323

    z = zaak
    goed = dict(referentie="P-1", nummer=z["hh"], categorie="01", code="01A01", van=MEI[0], tot=MEI[1], volume=13,
                tarief_cent=3250, bedrag_cent=42250)
    regels_ = [goed, dict(goed, referentie="P-3", nummer="999999"),
               dict(goed, referentie="P-4", nummer=z["bg"], categorie="02", code="02A01", volume=8, tarief_cent=6640,
                    bedrag_cent=53120),
               dict(goed, referentie="P-5", volume=20, bedrag_cent=65000),
               dict(goed, referentie="P-6", dc="C", vorige="ONBEKEND"),
               dict(goed)]  # P-1 again
    data = declaratie_323(Wet.WMO, nummer="SLECHT1", periode=MEI,
                          clienten={str(z["bsn"]): regels_, "123456782": [dict(goed, referentie="P-2")]},
                          dagtekening=D(2026, 6, 3), aanbieder=Aanbieder(agb=AGB))
    [uit] = berichten.importeer(basis.ctx, basis["administratie"], [("slecht.xml", data)], vandaag=D(2026, 6, 4))
    assert uit.retour_id is not None, uit.melding
    with transactie(basis.ctx) as s:
        retour = s.get(m.Bericht, uit.retour_id)
        assert retour.soort == "WMO325" and retour.status == "klaar", retour.fouttekst
        root = etree.fromstring(retour.inhoud)
        from sqlalchemy import func, select

        goedgekeurd = s.execute(select(func.count(), func.sum(m.Prestatie.toegekend))
                                .where(m.Prestatie.goedgekeurd.is_(True))).one()
        alle = s.scalar(select(func.count()).select_from(m.Prestatie))
    ns = {"w": soorten.soort(Wet.WMO, 325).namespace, "b": soorten.soort(Wet.WMO, 325).basis_ns}
    codes = [(p.findtext("w:ProductReferentie/b:ReferentieNummer", namespaces=ns),
              [c.text for c in p.findall("w:RetourCodes/w:RetourCode", ns)]) for p in root.iterfind(".//w:Prestatie", ns)]
    per_ref: dict[str, list[list[str]]] = {}
    for ref, c in codes:
        per_ref.setdefault(str(ref), []).append(c)
    assert per_ref["P-1"][0] == ["0200"]
    assert "8021" in per_ref["P-1"][1]  # the same reference again
    for ref, code in {"P-2": "8187", "P-3": "9338", "P-4": "9308", "P-5": "9321", "P-6": "8017"}.items():
        assert code in per_ref[ref][0] and "0200" not in per_ref[ref][0], (ref, per_ref[ref])
    assert alle == 7 and goedgekeurd == (1, Decimal("422.50"))
    ov = financien.overzicht(basis.ctx, basis["teamleider"], 2026, "wet", peildatum=D(2026, 6, 4))
    assert next(r for r in ov.regels if r.sleutel == "wmo").gedeclareerd == Decimal("422.50")


def test_a_large_323_in_an_envelope_is_read_as_a_stream_through_the_command_line(
        basis: Basis, zaak: dict[str, object], tmp_path: Any, capsys: Any) -> None:
    """A month of a provider's invoice lines can be tens of MB: a 323 over the 20 MB limit of other messages is
    not refused but read as a stream (iterparse, XSD per block of clients), every prestatie checked and answered
    in the 325, the stored copies compressed; through `consulent-app berichten importeer`."""
    import gzip

    from lxml import etree

    from consulent_app import cli
    from consulent_app.berichten import lees, soorten
    from consulent_app.domain import Wet
    from tests.berichten_maker import Aanbieder, groot_323

    if basis.ctx.engine.dialect.name != "sqlite":
        pytest.skip("the stream is the same on both; the invoice check on PostgreSQL is covered by the tests above")
    z = zaak
    p = dict(referentie="P-1", nummer=z["hh"], categorie="01", code="01A01", van=MEI[0], tot=MEI[1], volume=13,
             tarief_cent=3250, bedrag_cent=42250)
    pad = tmp_path / "groot-323.xml"
    n = groot_323(pad, Wet.WMO, nummer="GROOT1", periode=MEI, bsn=str(z["bsn"]), prestatie=p,
                  doel_bytes=19 * 1024 * 1024, dagtekening=D(2026, 6, 3), aanbieder=Aanbieder(agb=AGB),
                  in_envelop=True)
    assert pad.stat().st_size > lees.MAX_BYTES  # base64 makes the envelope a third larger than the message
    rc = cli.main(["--database", basis.ctx.config.database_url, "berichten", "importeer", str(pad)])
    out = capsys.readouterr()
    assert rc == 0, out.err
    assert "1 berichten ingelezen" in out.out
    with transactie(basis.ctx) as s:
        from sqlalchemy import func, select

        assert s.scalar(select(func.count()).select_from(m.Prestatie)) == n
        # the first line is approved, the next ones invoice the same period again (TR389) or too much (TR322)
        assert s.scalar(select(func.count()).select_from(m.Prestatie).where(m.Prestatie.goedgekeurd.is_(True))) == 1
        ontvangen = s.scalars(select(m.Bericht).where(m.Bericht.soort == "WMO323")).one()
        retour = s.scalars(select(m.Bericht).where(m.Bericht.soort == "WMO325")).one()
        assert retour.status == "klaar", retour.fouttekst
        assert len(ontvangen.inhoud) < pad.stat().st_size / 10  # stored compressed
        xml = gzip.decompress(retour.inhoud)
    ns = {"w": soorten.soort(Wet.WMO, 325).namespace, "b": soorten.soort(Wet.WMO, 325).basis_ns}
    codes = [[c.text for c in p_.findall("w:RetourCodes/w:RetourCode", ns)]
             for _e, p_ in etree.iterparse(__import__("io").BytesIO(xml), tag=f"{{{ns['w']}}}Prestatie")]
    assert len(codes) == n and codes[0] == ["0200"] and all("0200" not in c for c in codes[1:])
    root = etree.fromstring(xml, parser=etree.XMLParser(huge_tree=True))
    assert root.findtext("w:DeclaratieAntwoord/w:TotaalToegekendBedrag/b:TotaalBedrag", namespaces=ns) == "42250"
    # the 325 leaves through the same outbox, unpacked into its envelope
    assert cli.main(["--database", basis.ctx.config.database_url, "berichten", "exporteer", str(tmp_path / "uit")]) == 0
    [bestand] = list((tmp_path / "uit").glob("*325*")) or list((tmp_path / "uit").iterdir())
    from consulent_app.berichten import envelop

    env = envelop.lees(etree.parse(str(bestand), parser=etree.XMLParser(huge_tree=True)).getroot())
    assert env.functie == "WMO325" and env.payload == xml


def _325_opgeslagen_als_groot(basis: Basis, zaak: dict[str, object], clienten: int) -> tuple[int, bytes]:
    """A 325 answered through the message traffic, then stored gzip-compressed as the answer to a large 323 is."""
    import gzip

    from consulent_app.domain import Wet
    from consulent_app.services import berichten
    from tests.berichten_maker import Aanbieder, declaratie_323

    z = zaak
    p = dict(referentie="P-1", nummer=z["hh"], categorie="01", code="01A01", van=MEI[0], tot=MEI[1], volume=13,
             tarief_cent=3250, bedrag_cent=42250)
    regels_ = [dict(p, referentie=f"P-{i}") for i in range(clienten)]
    data = declaratie_323(Wet.WMO, nummer="DECG", periode=MEI, clienten={str(z["bsn"]): regels_},
                          dagtekening=D(2026, 6, 3), aanbieder=Aanbieder(agb=AGB))
    [uit] = berichten.importeer(basis.ctx, basis["administratie"], [("dec.xml", data)], vandaag=D(2026, 6, 4))
    with transactie(basis.ctx) as s:
        retour = s.get(m.Bericht, uit.retour_id)
        xml = bytes(retour.inhoud)
        retour.inhoud = gzip.compress(xml)
    return int(uit.retour_id), xml


def test_a_large_325_leaves_as_a_stream_in_the_same_envelope_checked_against_its_xsd(
        basis: Basis, zaak: dict[str, object], tmp_path: Any) -> None:
    """The 325 on a large 323 is stored compressed and written into its GGk envelope piece by piece
    (declaratie_stroom.schrijf_envelop): the file is byte for byte the envelope the small-message builder makes,
    and the message was checked against the 325's XSD on the way out."""
    from lxml import etree

    from consulent_app.berichten import envelop
    from consulent_app.services import berichten

    rid, xml = _325_opgeslagen_als_groot(basis, zaak, 600)  # more than one block of clients' prestaties
    with transactie(basis.ctx) as s:
        b = s.get(m.Bericht, rid)
        heen = s.get(m.Bericht, b.heen_id)
        verwacht = berichten._envelop_van(basis.ctx, b, heen)
    assert etree.fromstring(verwacht) is not None and not envelop.fouten(verwacht)
    res = berichten.exporteer(basis.ctx, basis["beheerder"], tmp_path / "uit")
    [pad] = [p for p in res.bestanden if "325" in p.name]
    assert pad.read_bytes() == verwacht
    assert envelop.lees(etree.fromstring(pad.read_bytes())).payload == xml
    with transactie(basis.ctx) as s:
        assert s.get(m.Bericht, rid).status == "verzonden"


def test_a_large_325_that_fails_its_xsd_stays_behind_blocked_and_no_file_is_left(
        basis: Basis, zaak: dict[str, object], tmp_path: Any) -> None:
    """Checked as it leaves, as every message: a stored 325 that does not match its XSD is not written (not even
    half: the stream goes to a temporary file) and waits, blocked, with the reason."""
    import gzip

    from consulent_app.services import berichten

    rid, xml = _325_opgeslagen_als_groot(basis, zaak, 3)
    with transactie(basis.ctx) as s:
        kapot = xml.replace(b"<RetourCode>0200</RetourCode>", b"<RetourCode>02000</RetourCode>", 1)
        assert kapot != xml
        s.get(m.Bericht, rid).inhoud = gzip.compress(kapot)
    res = berichten.exporteer(basis.ctx, basis["beheerder"], tmp_path / "uit")
    assert not [p for p in res.bestanden if "325" in p.name]
    assert not [p for p in (tmp_path / "uit").iterdir() if "325" in p.name]  # no temporary file left either
    with transactie(basis.ctx) as s:
        b = s.get(m.Bericht, rid)
        assert b.status == "geblokkeerd"
        assert "XSD van WMO325" in (b.fouttekst or "")
