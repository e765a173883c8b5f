"""Rules for one custom provision (maatwerkvoorziening / individuele voorziening): scope, duration, delivery, cost.

Pure: the service passes in the product catalogue, the providers and the configured PO maximum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from consulent_app import codelists
from consulent_app.domain import Besluit, Leveringsvorm, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.rules import aanbiederplan, duur
from consulent_app.rules import validatie as v
from consulent_app.rules.kosten import PGB_PERIODEN

MAX_VOLUME = Decimal("100000")


@dataclass(frozen=True)
class ProductInfo:
    id: int
    code: str
    naam: str
    wet: str
    productcategorie: str
    niveau: str | None
    tarief: Decimal
    eenheid: str
    actief: bool = True
    plan_nodig: bool = False


@dataclass(frozen=True)
class VoorzieningInvoer:
    """What the consultant enters in step 7. Numbers may come as typed text ('2,5')."""

    productcategorie: str | None
    product_id: int | None
    volume: Decimal | str | None
    frequentie: str | None
    startdatum: dt.date | None
    einddatum: dt.date | None
    po_datum: dt.date | None
    leveringsvorm: str | None
    aanbieder_id: int | None = None
    pgb_bedrag: Decimal | str | None = None
    pgb_periode: str | None = None  # week / maand / jaar (rules.kosten.PGB_PERIODEN)
    beoogd_resultaat: str | None = None
    motivering: str | None = None
    behoefte_ids: tuple[int, ...] = ()
    resultaat_ids: tuple[int, ...] = ()
    besluit: str = Besluit.TOEGEKEND.value
    plan_verwacht: bool | None = None  # provider's plan expected; None: as the product says (rules/aanbiederplan)
    plan_verwacht_op: dt.date | None = None


@dataclass(frozen=True)
class GeldigeVoorziening:
    productcategorie: str
    product: ProductInfo
    volume: Decimal
    eenheid: str
    frequentie: str
    startdatum: dt.date
    einddatum: dt.date | None
    po_datum: dt.date | None
    leveringsvorm: str
    aanbieder_id: int | None
    pgb_bedrag: Decimal | None
    beoogd_resultaat: str
    motivering: str
    besluit: str
    pgb_periode: str | None = None
    plan_verwacht: bool = False
    plan_verwacht_op: dt.date | None = None


def volume(waarde: Decimal | str | None, veld: str = "volume", label: str = "Omvang") -> Decimal:
    """A scope: a positive number (Dutch comma allowed), at most two decimals."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        raise ValidatieFout.veld(veld, f"{label} is verplicht.")
    try:
        d = waarde if isinstance(waarde, Decimal) else Decimal(str(waarde).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidatieFout.veld(veld, f"{label} is geen getal.") from exc
    if not d.is_finite():
        raise ValidatieFout.veld(veld, f"{label} is geen getal.")
    if d <= 0:
        raise ValidatieFout.veld(veld, f"{label} moet groter dan nul zijn.")
    if d > MAX_VOLUME:
        raise ValidatieFout.veld(veld, f"{label} is onwaarschijnlijk groot.")
    if d != d.quantize(Decimal("0.01")):
        raise ValidatieFout.veld(veld, f"{label} mag hooguit twee cijfers achter de komma hebben.")
    return d.quantize(Decimal("0.01"))


def valideer_voorziening(invoer: VoorzieningInvoer, *, wet: Wet, producten: Mapping[int, ProductInfo],
                         actieve_aanbieders: set[int] | frozenset[int], po_maximum_maanden: int,
                         jeugd_maximum_maanden: int = duur.JEUGD_MAXIMUM_MAANDEN,
                         plan_termijn_dagen: int = aanbiederplan.PLAN_TERMIJN_DAGEN) -> GeldigeVoorziening:
    """All field errors at once (ValidatieFout keyed by field); the rules of domain brief section 4 and 7."""
    f = v.Fouten()
    categorieen = codelists.productcategorieen(wet)
    cat = invoer.productcategorie
    if not cat or cat not in categorieen:
        f.add("productcategorie", "Kies een productcategorie uit de lijst.")
    product = producten.get(invoer.product_id) if invoer.product_id is not None else None
    if invoer.product_id is None:
        f.add("product", "Kies een product.")
    elif product is None or not product.actief:
        f.add("product", "Dit product is onbekend of niet meer in gebruik. Kies een product uit de lijst.")
    elif product.wet != wet.value:
        f.add("product", f"'{product.naam}' is een product van de {Wet(product.wet).label}, niet van de {wet.label}.")
    elif cat and cat in categorieen and product.productcategorie != cat:
        f.add("product", f"'{product.naam}' hoort niet bij de categorie '{categorieen[cat]}'.")
    vol: Decimal | None = None
    try:
        vol = volume(invoer.volume)
    except ValidatieFout as exc:
        f.add("volume", exc.bericht)
    freq = invoer.frequentie
    if not freq or freq not in codelists.frequenties():
        f.add("frequentie", "Kies een frequentie uit de lijst.")
    start = invoer.startdatum
    if start is None:
        f.add("startdatum", "Startdatum is verplicht.")
    eind, po = invoer.einddatum, invoer.po_datum
    toegekend = invoer.besluit != Besluit.AFGEWEZEN.value
    for veld, bericht in duur.duur_fouten(
            wet=wet, besluit=Besluit.TOEGEKEND.value if toegekend else Besluit.AFGEWEZEN.value, startdatum=start,
            einddatum=eind, po_datum=po,
            grenzen=duur.Duurgrenzen(po_maximum_maanden, jeugd_maximum_maanden)).items():
        f.add(veld, bericht)
    try:
        besluit = v.keuze(invoer.besluit, Besluit, "besluit", "Besluit")
    except ValidatieFout as exc:
        f.add("besluit", exc.bericht)
        besluit = Besluit.TOEGEKEND.value
    lv = invoer.leveringsvorm
    pgb: Decimal | None = None
    if lv not in (Leveringsvorm.ZIN.value, Leveringsvorm.PGB.value):
        f.add("leveringsvorm", "Kies zorg in natura of een persoonsgebonden budget (pgb).")
    elif lv == Leveringsvorm.ZIN.value:
        if invoer.aanbieder_id is None:
            f.add("aanbieder", "Bij zorg in natura hoort een aanbieder. Kies de aanbieder.")
        elif invoer.aanbieder_id not in actieve_aanbieders:
            f.add("aanbieder", "Deze aanbieder is onbekend of niet meer actief.")
    else:
        if invoer.pgb_bedrag is None or (isinstance(invoer.pgb_bedrag, str) and not invoer.pgb_bedrag.strip()):
            f.add("pgb_bedrag", "Bij een pgb hoort een bedrag. Vul het pgb-bedrag in.")
        else:
            try:
                pgb = v.bedrag(invoer.pgb_bedrag, "pgb_bedrag", "Het pgb-bedrag")
            except ValidatieFout as exc:
                f.add("pgb_bedrag", exc.bericht)
        if invoer.pgb_periode not in PGB_PERIODEN:
            # The client must be able to check the amount (Awb 3:46): per week, per month or per year.
            f.add("pgb_periode", "Bij een pgb hoort een periode: kies of het bedrag per week, per maand of per "
                                 "jaar is.")
    plan = aanbiederplan.PlanKeuze(False, None)
    try:
        plan = aanbiederplan.bepaal_plan(
            wet=wet, plan_nodig=bool(product and product.plan_nodig), toegekend=toegekend,
            verwacht=invoer.plan_verwacht, verwacht_op=invoer.plan_verwacht_op, startdatum=start,
            dagen=plan_termijn_dagen)
    except ValidatieFout as exc:
        f.add("plan_verwacht_op", exc.bericht)
    teksten: dict[str, str | None] = {}
    for veld, label, waarde in (("beoogd_resultaat", "Beoogd resultaat", invoer.beoogd_resultaat),
                                ("motivering", "Motivering", invoer.motivering)):
        try:
            teksten[veld] = v.verplichte_tekst(waarde, veld, label, max_lengte=4000, meerdere_regels=True)
        except ValidatieFout as exc:
            f.add(veld, exc.bericht)
    f.check()
    assert product is not None and vol is not None and start is not None and cat and freq and lv
    return GeldigeVoorziening(
        productcategorie=cat, product=product, volume=vol, eenheid=product.eenheid, frequentie=freq,
        startdatum=start, einddatum=eind, po_datum=po, leveringsvorm=lv,
        aanbieder_id=invoer.aanbieder_id if lv == Leveringsvorm.ZIN.value else None, pgb_bedrag=pgb,
        pgb_periode=invoer.pgb_periode if lv == Leveringsvorm.PGB.value else None,
        beoogd_resultaat=teksten["beoogd_resultaat"] or "", motivering=teksten["motivering"] or "", besluit=besluit,
        plan_verwacht=plan.verwacht, plan_verwacht_op=plan.verwacht_op,
    )
