"""The provider register's contracts: which provider delivers which of the municipality's products, per law.

Step 7 of the investigation offers the providers contracted for the chosen product (and, when the product has no
contract yet, those contracted for the law), the one preselected when there is one (issue 16). The functional
administrator keeps this register up to date in Beheer; every change is audited. No personal data here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from consulent_app.db import models as m
from consulent_app.domain import AuditActie, Rol, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.services.base import Actor, AppContext, audit, haal, transactie, vereis_rol


@dataclass(frozen=True)
class ContractAanbieder:
    id: int
    naam: str
    plaats: str | None
    agb_code: str | None
    actief: bool
    producten: tuple[int, ...]  # contracted products of the law asked for


@dataclass(frozen=True)
class ContractProduct:
    id: int
    code: str
    naam: str
    productcategorie: str


@dataclass(frozen=True)
class Contracten:
    wet: str
    aanbieders: tuple[ContractAanbieder, ...]
    producten: tuple[ContractProduct, ...]  # the law's active products


def _wet(wet: str) -> Wet:
    try:
        return Wet(wet)
    except ValueError as exc:
        raise ValidatieFout.veld("wet", "Kies de wet: Wmo 2015 of Jeugdwet.") from exc


def contracten(ctx: AppContext, actor: Actor, wet: str) -> Contracten:
    """Every provider (inactive ones marked) with the products of `wet` it is contracted for."""
    vereis_rol(actor, Rol.BEHEERDER)
    w = _wet(wet)
    with transactie(ctx, actor) as s:
        producten = s.scalars(select(m.Product).where(m.Product.wet == w.value, m.Product.actief)
                              .order_by(m.Product.productcategorie, m.Product.naam)).all()
        ids = [p.id for p in producten]
        per_aanbieder: dict[int, list[int]] = {}
        if ids:
            for aid, pid in s.execute(select(m.aanbieder_product.c.aanbieder_id, m.aanbieder_product.c.product_id)
                                      .where(m.aanbieder_product.c.product_id.in_(ids))):
                per_aanbieder.setdefault(int(aid), []).append(int(pid))
        aanbieders = s.scalars(select(m.Aanbieder).order_by(m.Aanbieder.actief.desc(), m.Aanbieder.naam)).all()
        return Contracten(
            wet=w.value,
            aanbieders=tuple(ContractAanbieder(a.id, a.naam, a.plaats, a.agb_code, bool(a.actief),
                                               tuple(sorted(per_aanbieder.get(a.id, ())))) for a in aanbieders),
            producten=tuple(ContractProduct(p.id, p.code, p.naam, p.productcategorie) for p in producten),
        )


@dataclass(frozen=True)
class ContractWijziging:
    aanbieder: str
    wet: str
    toegevoegd: tuple[str, ...]  # product names now contracted
    vervallen: tuple[str, ...]  # product names no longer contracted
    aantal: int  # products of the law contracted after the change


def zet_contracten(ctx: AppContext, actor: Actor, aanbieder_id: int, wet: str,
                   product_ids: Sequence[int]) -> ContractWijziging:
    """The products of `wet` this provider is contracted for, exactly `product_ids` from now on (other laws stay)."""
    vereis_rol(actor, Rol.BEHEERDER)
    w = _wet(wet)
    gewenst = set(product_ids)
    with transactie(ctx, actor) as s:
        a = haal(s, m.Aanbieder, aanbieder_id, "Aanbieder")
        van_wet = {p.id: p for p in s.scalars(select(m.Product).where(m.Product.wet == w.value))}
        vreemd = gewenst - set(van_wet)
        if vreemd:
            raise ValidatieFout.veld("producten", f"Een of meer gekozen producten horen niet bij de {w.label}; "
                                                  "kies alleen producten van deze wet.")
        huidig = set(s.scalars(select(m.aanbieder_product.c.product_id).where(
            m.aanbieder_product.c.aanbieder_id == a.id,
            m.aanbieder_product.c.product_id.in_(list(van_wet) or [-1]))).all())
        erbij, eraf = sorted(gewenst - huidig), sorted(huidig - gewenst)
        if erbij:
            s.execute(insert(m.aanbieder_product), [{"aanbieder_id": a.id, "product_id": p} for p in erbij])
        if eraf:
            s.execute(delete(m.aanbieder_product).where(m.aanbieder_product.c.aanbieder_id == a.id,
                                                        m.aanbieder_product.c.product_id.in_(eraf)))
        if erbij or eraf:
            audit(s, actor, AuditActie.WIJZIGEN, "aanbieder", a.id,
                  details=";".join(d for d in (
                      ("contract+=" + ",".join(sorted(van_wet[p].code for p in erbij))) if erbij else "",
                      ("contract-=" + ",".join(sorted(van_wet[p].code for p in eraf))) if eraf else "") if d))
        return ContractWijziging(a.naam, w.value, tuple(van_wet[p].naam for p in erbij),
                                 tuple(van_wet[p].naam for p in eraf), len(gewenst))
