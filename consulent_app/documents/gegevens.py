"""The data the document renderers take: plain frozen dataclasses, built from the database in one place.

Renderers never see ORM objects or the session; everything is already formatted the Dutch way
("22 november 2026", "€ 1.572,00", "3 uur per week"), so the PDF and the Word file say exactly the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from consulent_app import codelists, paths, termijnen
from consulent_app.config import Config, Gemeente
from consulent_app.db import models as m
from consulent_app.documents.gegevenstypen import (  # noqa: F401 - re-exported: the names of this module
    BEEINDIGD,
    BehoefteRegel,
    BeschikkingGegevens,
    CriteriumRegel,
    DekkingRegel,
    GemeenteGegevens,
    ProbleemRegel,
    StapGegevens,
    VerslagGegevens,
    VoorzieningRegel,
)
from consulent_app.domain import (
    BeschikkingStatus,
    BeschikkingType,
    Besluit,
    DekkingBron,
    Kanaal,
    RelatieSoort,
    Wet,
)
from consulent_app.errors import ConfiguratieFout, NietGevonden
from consulent_app.formatting import bedrag, datum, getal, opsomming
from consulent_app.rules import kosten as kostenregel
from consulent_app.rules import weigeringsgronden
from consulent_app.rules.eigen_bijdrage import eigen_bijdrage_van_toepassing
from consulent_app.rules.geadresseerde import Aan, adressering, leeftijd
from consulent_app.rules.grondslag import wettelijke_grondslag
from consulent_app.rules.omvang import STUKS, TOTAAL, voorziening_omvang
from consulent_app.rules.stappenplan import bruto_netto


def gemeente_gegevens(g: Gemeente) -> GemeenteGegevens:
    return GemeenteGegevens(
        naam=g.naam, afdeling=g.afdeling, postadres=g.postadres, postcode_plaats=g.postcode_plaats,
        bezoekadres=g.bezoekadres, telefoon=g.telefoon, website=g.website, logo=logo_pad(g),
        ondertekenaar_naam=g.ondertekenaar_naam, ondertekenaar_functie=g.ondertekenaar_functie,
        mandaat_tekst=g.mandaat_tekst, bezwaar_adres=g.bezwaar_adres,
    )


def logo_pad(g: Gemeente) -> Path | None:
    """The configured logo; empty configuration uses resources/logo.png when the installation ships one."""
    if g.logo:
        p = Path(g.logo).expanduser()
        if not p.is_file():
            raise ConfiguratieFout(f"Het logo {p} uit de configuratie ([gemeente] logo) bestaat niet.")
        return p
    standaard = paths.resources_dir() / "logo.png"
    return standaard if standaard.is_file() else None


# --------------------------------------------------------------------------------------------------- helpers

def client_naam(c: m.Client) -> str:
    return " ".join(p for p in (c.voornamen, c.tussenvoegsel, c.achternaam) if p)


def _aanhef(c: m.Client) -> str:
    achternaam = " ".join(p for p in (c.tussenvoegsel, c.achternaam) if p)
    achternaam = achternaam[:1].upper() + achternaam[1:]
    if c.geslacht == "V":
        return f"mevrouw {achternaam}"
    if c.geslacht == "M":
        return f"heer {achternaam}"
    return f"{c.voornamen.split()[0] if c.voornamen else ''} {achternaam}".strip()


def _adres(c: m.Client, boven: str | None = None) -> tuple[str, ...]:
    regels = [boven] if boven else []
    regels.append(client_naam(c))
    straat = " ".join(p for p in (c.straat, c.huisnummer) if p)
    if straat:
        regels.append(straat)
    pc = " ".join(p for p in ((c.postcode or "").upper(), (c.woonplaats or "").upper()) if p)
    if pc:
        regels.append(pc)
    return tuple(regels)


def _bruto_netto(b: m.Behoefte) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """bruto, covered in step 5, covered in step 6, netto: the heart of the report (rules.stappenplan)."""
    saldo = bruto_netto([b])[0]
    stap5 = sum((v for bron, v in saldo.gedekt_per_bron.items() if _bron(bron).stap == 5), Decimal(0))
    return saldo.bruto, stap5, saldo.gedekt - stap5, saldo.netto


def _bron(code: str) -> DekkingBron:
    try:
        return DekkingBron(code)
    except ValueError:
        return DekkingBron.ANDERE_WET


def _leefgebied_namen(wet: Wet) -> dict[str, str]:
    try:
        from consulent_app.formulieren import laad_formulier

        return {lg.code: lg.naam for lg in laad_formulier(wet).leefgebieden}
    except (ImportError, ConfiguratieFout):
        return {}


def behoefte_regel(b: m.Behoefte, leefgebieden: dict[str, str], product: m.Product | None = None) -> BehoefteRegel:
    """A need in the table; counted in pieces, it is named by the product of the provision that answers it."""
    bruto, s5, s6, netto = _bruto_netto(b)

    def om(x: Decimal) -> str:
        return voorziening_omvang(x, b.eenheid, b.frequentie, product if product and product.eenheid == b.eenheid
                                  else None)

    return BehoefteRegel(
        id=b.id, omschrijving=b.omschrijving,
        leefgebied=leefgebieden.get(b.leefgebied or "", b.leefgebied or ""),
        bruto=om(bruto), gedekt_stap5=om(s5) if s5 else "-", gedekt_stap6=om(s6) if s6 else "-",
        netto=om(netto), netto_getal=netto,
        dekkingen=tuple(
            DekkingRegel(_bron(d.bron).label, _bron(d.bron).stap, om(d.volume), d.toelichting or "")
            for d in sorted(b.dekkingen, key=lambda d: (_bron(d.bron).stap, d.id))
        ),
    )


def _product(vz: m.Voorziening) -> tuple[str, str, str]:
    wet = Wet(vz.wet)
    cat = codelists.productcategorieen(wet).get(vz.productcategorie, vz.productcategorie)
    if vz.product is not None:
        return vz.product.naam, vz.product.code, vz.product.niveau or ""
    return cat, "", ""


def voorziening_regel(vz: m.Voorziening, nummer: int, besluit: str, motivering: str | None,
                      leefgebieden: dict[str, str], *, vorige: m.Voorziening | None = None,
                      regel: m.BeschikkingRegel | None = None, config: Config | None = None,
                      beschikking_type: str = BeschikkingType.AANVRAAG.value,
                      geboortedatum: dt.date | None = None) -> VoorzieningRegel:
    wet = Wet(vz.wet)
    naam, code, niveau = _product(vz)
    if besluit == BEEINDIGD:
        label = "Beëindigd"
    else:
        try:
            label = Besluit(besluit).label
        except ValueError:
            label = besluit
    grond = (regel.weigeringsgrond or "") if regel is not None and besluit == Besluit.AFGEWEZEN.value else ""
    netto = weigeringsgronden.netto_van(vz.behoeften, vz.eenheid, vz.frequentie)
    return VoorzieningRegel(
        nummer=nummer, besluit=besluit, besluit_label=label, product=naam, product_code=code, niveau=niveau,
        categorie_code=vz.productcategorie,
        categorie=codelists.productcategorieen(wet).get(vz.productcategorie, vz.productcategorie),
        omvang=voorziening_omvang(vz.volume, vz.eenheid, vz.frequentie, vz.product),
        leveringsvorm=vz.leveringsvorm,
        aanbieder=vz.aanbieder.naam if vz.aanbieder else "",
        pgb_bedrag=bedrag(vz.pgb_bedrag) if vz.pgb_bedrag is not None else "",
        beoogd_resultaat=vz.beoogd_resultaat or "",
        startdatum=datum(vz.startdatum), po_datum=datum(vz.po_datum),
        # An ending states the last day the decision sets; the provision takes it only once the letter is sent.
        einddatum=datum((regel.einddatum if regel is not None and besluit == BEEINDIGD else None) or vz.einddatum),
        motivering=(motivering or vz.motivering or "").strip(),
        behoeften=tuple(behoefte_regel(b, leefgebieden, vz.product)
                        for b in sorted(vz.behoeften, key=lambda b: b.volgorde)),
        resultaten=tuple(r.omschrijving for r in sorted(vz.resultaten, key=lambda r: r.volgorde)),
        vorige_omvang=(voorziening_omvang(vorige.volume, vorige.eenheid, vorige.frequentie, vorige.product)
                       if vorige is not None else ""),
        # The CAK contribution only where the law and the configured exemptions allow it (rules.eigen_bijdrage).
        eigen_bijdrage=config is not None and geboortedatum is not None and eigen_bijdrage_van_toepassing(
            wet=wet, besluit=besluit, beschikking_type=beschikking_type, productcategorie=vz.productcategorie,
            productcode=vz.product.code if vz.product else None, geboortedatum=geboortedatum,
            startdatum=vz.startdatum, besluiten=config.besluiten),
        plan_nodig=bool(vz.product and vz.product.plan_nodig),
        plan_verwacht_op=datum(vz.plan_verwacht_op), plan_ontvangen_op=datum(vz.plan_ontvangen_op),
        weigeringsgrond=grond, weigeringsgrond_artikel=weigeringsgronden.artikel(grond, wet) if grond else "",
        reden_boven_netto=((regel.reden_boven_netto or "") if regel is not None else "").strip(),
        reden_wijziging=((regel.reden_wijziging or "") if regel is not None else "").strip(),
        netto=voorziening_omvang(netto, vz.eenheid, vz.frequentie, vz.product) if netto is not None else "",
        netto_nul=netto is not None and netto <= 0,
        gevraagd=_gevraagd(vz),
        stuk=vz.eenheid in STUKS and vz.frequentie == TOTAAL and Decimal(vz.volume) == 1,
        **_pgb(vz),
    )


def _gevraagd(vz: m.Voorziening) -> str:
    saldi = [x for x in bruto_netto(list(vz.behoeften)) if x.eenheid == vz.eenheid and x.frequentie == vz.frequentie]
    return voorziening_omvang(sum((x.bruto for x in saldi), Decimal(0)), vz.eenheid, vz.frequentie,
                              vz.product) if saldi else ""


def _pgb(vz: m.Voorziening) -> dict[str, str]:
    """The pgb so the client can check it: amount per period, its basis (tariff x scope), the total for the
    duration (rules.kosten); a pgb without a recorded period is a yearly amount."""
    if vz.leveringsvorm != "pgb" or vz.pgb_bedrag is None:
        return {}
    periode = vz.pgb_periode or "jaar"
    uit = {"pgb_periode": kostenregel.PGB_PERIODE_LABELS.get(periode, "per jaar")}
    per_jaar = kostenregel.pgb_per_jaar(vz.pgb_bedrag, periode)
    eenheden = kostenregel.volume_per_jaar(Decimal(vz.volume), vz.frequentie)
    if vz.frequentie != kostenregel.TOTAAL and eenheden > 0:
        tarief = per_jaar / eenheden
        uit["pgb_basis"] = (f"{bedrag(tarief)} per {codelists.eenheid_woord(vz.eenheid, meervoud=False)} × "
                            f"{voorziening_omvang(vz.volume, vz.eenheid, vz.frequentie, vz.product)}")
    eind = vz.einddatum or vz.po_datum
    if eind is not None:
        uit["pgb_totaal"] = bedrag(kostenregel.pgb_kosten(vz.pgb_bedrag, periode, vz.startdatum, vz.einddatum,
                                                           vz.po_datum))
        uit["pgb_looptijd"] = f"{datum(vz.startdatum)} tot en met {datum(eind)}"
    return uit


def _vorige_voorziening(s: Session, aanvraag: m.Aanvraag, vz: m.Voorziening) -> m.Voorziening | None:
    """For a herziening: the provision this line replaces (the re-examined one, else the latest of that product)."""
    if aanvraag.aanleiding_po_id is not None:
        po = s.get(m.PeriodiekOnderzoek, aanvraag.aanleiding_po_id)
        oud = s.get(m.Voorziening, po.voorziening_id) if po is not None and po.voorziening_id != vz.id else None
        if oud is not None and oud.productcategorie == vz.productcategorie and oud.product_id == vz.product_id:
            return oud
    return s.scalars(
        select(m.Voorziening).where(
            m.Voorziening.client_id == vz.client_id, m.Voorziening.aanvraag_id != aanvraag.id,
            m.Voorziening.productcategorie == vz.productcategorie, m.Voorziening.product_id == vz.product_id,
            m.Voorziening.besluit.in_((Besluit.TOEGEKEND.value, Besluit.GEDEELTELIJK.value)),
            m.Voorziening.startdatum <= vz.startdatum,
        ).order_by(m.Voorziening.startdatum.desc(), m.Voorziening.id.desc()).limit(1)
    ).first()


# --------------------------------------------------------------------------------------------------- builders

def is_concept(b: m.Beschikking) -> bool:
    return b.status not in (BeschikkingStatus.GOEDGEKEURD.value, BeschikkingStatus.VERZONDEN.value)


def brief_datum(b: m.Beschikking, vandaag: dt.date | None = None) -> dt.date:
    """The date on the letter is the day it is sent (Awb 3:41; the objection term runs from it, Awb 6:8): the
    sending date once sent, else the planned sending date set at production, else today (concept, preview)."""
    return b.verzonden_op or b.briefdatum or vandaag or dt.date.today()


def bezwaar_einde(b: m.Beschikking, config: Config, vandaag: dt.date | None = None) -> dt.date | None:
    """Last day of the objection term the letter names: Awb 6:7/6:8 with the Atw, from the letter's date."""
    if b.bezwaartermijn_einde is not None and b.verzonden_op is not None:
        return b.bezwaartermijn_einde
    if is_concept(b):
        return None
    return termijnen.bezwaartermijn_einde(brief_datum(b, vandaag),
                                          extra_feestdagen=config.termijnen.gelijkgestelde_dagen)


def lees_beschikkingen(session: Session, beschikking_ids: Sequence[int]) -> list[object]:
    """Everything the letters of `beschikking_ids` show and check, read in a few IN queries (a batch: a dozen queries
    for a slice of letters instead of nineteen a letter); `beschikking_gegevens` and the checks then read the
    decisions from the session without asking the database again. Returns the objects read: the caller keeps them
    while it works with the session (the session holds what it read only weakly)."""
    ids = list(dict.fromkeys(beschikking_ids))
    if not ids:
        return []
    voorziening = selectinload(m.Beschikking.regels).selectinload(m.BeschikkingRegel.voorziening)
    beschikkingen = list(session.scalars(
        select(m.Beschikking).where(m.Beschikking.id.in_(ids)).options(
            selectinload(m.Beschikking.aanvraag).selectinload(m.Aanvraag.onderzoek),
            voorziening.selectinload(m.Voorziening.product),
            voorziening.selectinload(m.Voorziening.aanbieder),
            voorziening.selectinload(m.Voorziening.behoeften).selectinload(m.Behoefte.dekkingen),
            voorziening.selectinload(m.Voorziening.resultaten),
        )))
    clients = list(session.scalars(
        select(m.Client).where(m.Client.id.in_({b.client_id for b in beschikkingen}))
        .options(selectinload(m.Client.relaties))))
    gebruiker_ids = {b.aanvraag.consulent_id or b.auteur_id for b in beschikkingen}
    gebruikers = list(session.scalars(select(m.Gebruiker).where(m.Gebruiker.id.in_(gebruiker_ids))))
    po_ids = {b.aanvraag.aanleiding_po_id for b in beschikkingen} - {None}
    pos = list(session.scalars(select(m.PeriodiekOnderzoek).where(m.PeriodiekOnderzoek.id.in_(po_ids)))) \
        if po_ids else []
    return [*beschikkingen, *clients, *gebruikers, *pos]


def beschikking_gegevens(session: Session, beschikking_id: int, config: Config, *,
                         vandaag: dt.date | None = None) -> BeschikkingGegevens:
    b = session.get(
        m.Beschikking, beschikking_id,
        options=[selectinload(m.Beschikking.regels).selectinload(m.BeschikkingRegel.voorziening)],
    )
    if b is None:
        raise NietGevonden(f"Beschikking met nummer {beschikking_id} bestaat niet (meer).")
    a = b.aanvraag
    c = session.get(m.Client, b.client_id)
    assert c is not None
    wet = Wet(a.wet)
    onderzoek = a.onderzoek
    leefgebieden = _leefgebied_namen(wet)
    consulent = session.get(m.Gebruiker, a.consulent_id or b.auteur_id)
    regels = []
    for i, r in enumerate(sorted(b.regels, key=lambda r: r.id), start=1):
        vz = r.voorziening
        vorige = _vorige_voorziening(session, a, vz) if b.type == BeschikkingType.HERZIENING.value else None
        regels.append(voorziening_regel(vz, i, r.besluit, r.motivering, leefgebieden, vorige=vorige, regel=r,
                                        config=config, beschikking_type=b.type, geboortedatum=c.geboortedatum))
    # The addressee fits the client (rules.geadresseerde): a young person of 16 or older, an adult; the parents
    # with authority; a minor's legal representative. The letter goes to the client's address.
    ad = adressering(
        wet=wet, geboortedatum=c.geboortedatum, op=brief_datum(b, vandaag),
        ouders_met_gezag=tuple(r.naam for r in c.relaties if r.soort == RelatieSoort.OUDER.value and r.gezag),
        vertegenwoordigers=tuple(r.naam for r in c.relaties if r.soort == RelatieSoort.VERTEGENWOORDIGER.value))
    if ad.aan is Aan.CLIENT:
        adres = _adres(c)
    elif ad.aan is Aan.VERTEGENWOORDIGER:
        adres = _adres(c, f"Aan {opsomming(ad.namen)}, wettelijk vertegenwoordiger van")
    elif ad.namen:
        adres = _adres(c, f"Aan {opsomming(ad.namen)}, {'ouders' if len(ad.namen) > 1 else 'ouder'} met gezag van")
    else:
        adres = _adres(c, "Aan de ouder(s) of verzorger(s) van")
    verslag_datum = a.verslag_uitgereikt_op or (onderzoek.afgerond_op.date() if onderzoek and onderzoek.afgerond_op
                                                else None)
    po = session.get(m.PeriodiekOnderzoek, a.aanleiding_po_id) if a.aanleiding_po_id is not None else None
    po_datum = po.afgerond_op if po is not None else None
    afgerond = onderzoek is not None and onderzoek.status == "afgerond"
    return BeschikkingGegevens(
        beschikking_id=b.id, client_id=c.id, gemeente=gemeente_gegevens(config.gemeente), wet=wet.value,
        type=b.type, status=b.status, kenmerk=b.kenmerk,
        datum=datum(brief_datum(b, vandaag)), concept=is_concept(b),
        verzonden_op="" if is_concept(b) else datum(brief_datum(b, vandaag)),
        bezwaar_einde=datum(bezwaar_einde(b, config, vandaag)),
        adres=adres, aanhef_naam=_aanhef(c) if ad.persoonlijk else opsomming(ad.namen), client_naam=client_naam(c),
        aanvraag_datum=datum(a.datum),
        gesprek_datum=datum(onderzoek.gesprek_datum if onderzoek and onderzoek.gesprek_datum else po_datum),
        verslag_datum=datum(verslag_datum), consulent_naam=consulent.naam if consulent else "",
        regels=tuple(regels),
        bijlage_verslag=afgerond and "verslag" in (b.bijlagen or {}).get("items", ["verslag"]),
        met_gespreksverslag=onderzoek is not None, po_datum=datum(po_datum),
        zonder_onderzoek=bool(a.zonder_onderzoek) and not afgerond,
        grondslag=opsomming(wettelijke_grondslag(wet, b.type, config.besluiten)),
        aan=ad.aan.value, aan_namen=opsomming(ad.namen), afschrift_aan=opsomming(ad.afschrift_aan),
        client_gehoord=onderzoek.client_gehoord if onderzoek else None,
        jeugdige_gehoord=onderzoek.jeugdige_gehoord if onderzoek else None,
        ouders_gehoord=onderzoek.vertegenwoordiger_gehoord if onderzoek else None,
        reden_niet_gehoord=(onderzoek.reden_niet_gehoord or "").strip() if onderzoek else "",
        folders=tuple(f for f in ("folder_bezwaar", "folder_eigen_bijdrage")
                      if f in ((b.bijlagen or {}).get("items", []) if isinstance(b.bijlagen, dict) else [])),
        gekozen_bijlagen=_gekozen_bijlagen(session, b),
    )


def _gekozen_bijlagen(session: Session, b: m.Beschikking) -> tuple[str, ...]:
    """The titles of the enclosure files chosen for this letter ("extra:<id>" in its bijlagen), in that order."""
    items = (b.bijlagen or {}).get("items", []) if isinstance(b.bijlagen, dict) else []
    ids = [int(i[6:]) for i in items if isinstance(i, str) and i.startswith("extra:") and i[6:].isdigit()]
    if not ids:
        return ()
    titels = {i: titel for i, titel in session.execute(
        select(m.VerzendBijlage.id, m.VerzendBijlage.titel).where(m.VerzendBijlage.id.in_(ids)))}
    return tuple(titels[i] for i in ids if i in titels)


def _stap_titels(wet: Wet) -> tuple[dict[int, tuple[str, str]], dict[int, dict[str, str]]]:
    """Step titles/legal basis and field labels from forms/<wet>.toml; empty when it cannot be read."""
    try:
        from consulent_app.formulieren import laad_formulier

        f = laad_formulier(wet)
    except (ImportError, ConfiguratieFout):
        return {}, {}
    return ({s.nummer: (s.titel, s.grondslag) for s in f.stappen},
            {s.nummer: {v.key: v.label for v in s.velden} for s in f.stappen})


def _veld_waarde(waarde: object) -> str:
    if isinstance(waarde, bool):
        return "Ja" if waarde else "Nee"
    if isinstance(waarde, dt.date):
        return datum(waarde)
    if isinstance(waarde, str):
        try:
            return datum(dt.date.fromisoformat(waarde)) if len(waarde) == 10 and waarde[4] == "-" else waarde
        except ValueError:
            return waarde
    if isinstance(waarde, int | float | Decimal):
        return getal(waarde)
    return "" if waarde is None else str(waarde)


def verslag_gegevens(session: Session, onderzoek_id: int, config: Config, *,
                     standaard_titels: dict[str, str] | None = None) -> VerslagGegevens:
    o = session.get(
        m.Onderzoek, onderzoek_id,
        options=[selectinload(m.Onderzoek.stappen), selectinload(m.Onderzoek.problemen),
                 selectinload(m.Onderzoek.resultaten),
                 selectinload(m.Onderzoek.behoeften).selectinload(m.Behoefte.dekkingen)],
    )
    if o is None:
        raise NietGevonden(f"Onderzoek met nummer {onderzoek_id} bestaat niet (meer).")
    wet = Wet(o.wet)
    c = session.get(m.Client, o.client_id)
    assert c is not None
    melding = o.melding
    leefgebieden = _leefgebied_namen(wet)
    titels, labels = _stap_titels(wet)
    standaard_titels = standaard_titels or {}
    stappen_db = {s.nummer: s for s in o.stappen}
    stappen = []
    client_woorden = ""
    for nr in range(1, 8):
        st = stappen_db.get(nr)
        titel, grondslag = titels.get(nr, (standaard_titels.get(f"s{nr}", f"Stap {nr}"), ""))
        velden: list[tuple[str, str]] = []
        if st is not None:
            veld_labels = labels.get(nr, {})
            volgorde = list(veld_labels) + [k for k in st.velden if k not in veld_labels]
            for key in volgorde:
                if key not in st.velden:
                    continue
                waarde = _veld_waarde(st.velden[key])
                # Steps 5 and 6: a summary left empty is answered by the per-need rows (rules/stappenplan), which the
                # report lists once under the step, each with who covers it; repeating them here said it twice.
                if nr == 1 and key == "client_woorden":
                    client_woorden = waarde
                if waarde:
                    velden.append((veld_labels.get(key, key.replace("_", " ").capitalize()), waarde))
        stappen.append(StapGegevens(nr, titel, grondslag, st.status if st else "open",
                                    (st.nvt_reden or "") if st else "", tuple(velden)))
    gebruiker = session.get(m.Gebruiker, o.consulent_id) if o.consulent_id else None
    aanvraag = o.aanvraag
    vzs: list[VoorzieningRegel] = []
    product_van: dict[int, m.Product] = {}
    if aanvraag is not None:
        for i, vz in enumerate(sorted(aanvraag.voorzieningen, key=lambda v: v.id), start=1):
            vzs.append(voorziening_regel(vz, i, vz.besluit, vz.motivering, leefgebieden))
            for b in vz.behoeften:
                if vz.product is not None:
                    product_van.setdefault(b.id, vz.product)
    vertegenwoordigers = tuple(r.naam for r in c.relaties if r.soort == RelatieSoort.VERTEGENWOORDIGER.value)
    ouders = tuple(r.naam + (" (met gezag)" if r.gezag else "") for r in c.relaties
                   if r.soort == RelatieSoort.OUDER.value)
    try:
        kanaal = Kanaal(melding.kanaal).label
    except ValueError:
        kanaal = melding.kanaal
    adres = ", ".join(p for p in (" ".join(x for x in (c.straat, c.huisnummer) if x),
                                  " ".join(x for x in (c.postcode, c.woonplaats) if x)) if p)
    behoeften = tuple(behoefte_regel(b, leefgebieden, product_van.get(b.id)) for b in o.behoeften)
    g = VerslagGegevens(
        onderzoek_id=o.id, client_id=c.id, gemeente=gemeente_gegevens(config.gemeente), wet=wet.value,
        client_naam=client_naam(c), geboortedatum=datum(c.geboortedatum), adres=adres,
        vertegenwoordigers=vertegenwoordigers, ouders=ouders,
        gesprek_datum=datum(o.gesprek_datum), gesprek_plaats=o.gesprek_plaats or "",
        consulent_naam=gebruiker.naam if gebruiker else "", melding_datum=datum(melding.datum),
        melding_kanaal=kanaal + (f" ({melding.verwijzer})" if melding.verwijzer else ""),
        client_gehoord=o.client_gehoord, jeugdige_gehoord=o.jeugdige_gehoord,
        vertegenwoordiger_gehoord=o.vertegenwoordiger_gehoord, reden_niet_gehoord=o.reden_niet_gehoord or "",
        derden=o.derden_geraadpleegd or "", persoonlijk_plan=o.persoonlijk_plan or "",
        clientondersteuning_gewezen=melding.clientondersteuning_gewezen,
        clientondersteuning_gewezen_op=datum(melding.clientondersteuning_gewezen_op),
        eerdere_hulp=o.eerdere_hulp_evaluatie or "", client_woorden=client_woorden,
        stappen=tuple(stappen),
        problemen=tuple(ProbleemRegel(leefgebieden.get(p.leefgebied, p.leefgebied), p.beschrijving, p.ernst or "")
                        for p in sorted(o.problemen, key=lambda p: p.id)),
        resultaten=tuple(r.omschrijving for r in o.resultaten),
        behoeften=behoeften, voorzieningen=tuple(vzs),
        reactie_datum=datum(aanvraag.reactie_datum) if aanvraag else "",
        reactie_opmerkingen=(aanvraag.reactie_opmerkingen or "") if aanvraag else "",
        verslag_uitgereikt_op=datum(aanvraag.verslag_uitgereikt_op) if aanvraag else "",
        verslag_getekend=aanvraag.verslag_getekend if aanvraag else None,
        afgerond=o.status == "afgerond",
        ouders_met_gezag=tuple(r.naam for r in c.relaties if r.soort == RelatieSoort.OUDER.value and r.gezag),
        leeftijd=leeftijd(c.geboortedatum, o.gesprek_datum or o.startdatum),
    )
    return _met_criteria(g)


def _met_criteria(g: VerslagGegevens) -> VerslagGegevens:
    """Where in this report each of the 13 review criteria can be checked, and whether it is recorded."""
    from dataclasses import replace

    st = {s.nummer: s for s in g.stappen}

    def gedaan(nr: int) -> bool:
        s = st.get(nr)
        return s is not None and (bool(s.velden) or s.status == "nvt")

    dekking5 = any(d.stap == 5 for b in g.behoeften for d in b.dekkingen) or gedaan(5)
    dekking6 = any(d.stap == 6 for b in g.behoeften for d in b.dekkingen) or gedaan(6)
    toegekend = [v for v in g.voorzieningen if v.besluit in ("toegekend", "gedeeltelijk")]
    plan_nodig = [v for v in toegekend if v.plan_nodig]
    gehoord = g.client_gehoord is True or (g.wet == "jeugdwet" and g.jeugdige_gehoord is True)
    ja, nee, nvt = "ja", "nee", "nvt"
    c = [
        CriteriumRegel(1, "Stap 1; hoofdstuk 5 (eigen woorden)", ja if g.client_woorden or gedaan(1) else nee),
        CriteriumRegel(2, "Stap 2 (problemen per leefgebied)", ja if g.problemen or gedaan(2) else nee),
        CriteriumRegel(3, "Hoofdstuk 1 (eerdere hulp)", ja if g.eerdere_hulp else nee),
        CriteriumRegel(4, "Stap 3 (gewenste resultaten)", ja if g.resultaten or gedaan(3) else nee),
        CriteriumRegel(5, "Stap 4; hoofdstuk 3 (bruto)", ja if g.behoeften else nee),
        CriteriumRegel(6, "Stap 5; hoofdstuk 3 (gedekt stap 5)", ja if dekking5 else nee),
        CriteriumRegel(7, "Stap 5; hoofdstuk 3 (gedekt stap 5)", ja if dekking5 else nee),
        CriteriumRegel(8, "Stap 6; hoofdstuk 3 (gedekt stap 6)", ja if dekking6 else nee),
        CriteriumRegel(9, "Stap 7; hoofdstuk 3 (netto); hoofdstuk 4",
                       ja if g.voorzieningen and all(v.motivering for v in g.voorzieningen) else
                       (nvt if not g.voorzieningen else nee)),
        CriteriumRegel(10, "Hoofdstuk 4 (omvang, duur, motivering)",
                       ja if g.voorzieningen and all(v.omvang and v.startdatum for v in g.voorzieningen) else
                       (nvt if not g.voorzieningen else nee)),
        CriteriumRegel(11, "Hoofdstuk 1 (gehoord, derden)", ja if gehoord else nee),
        CriteriumRegel(12, "Hoofdstuk 7 (reactie en ondertekening)",
                       ja if g.verslag_getekend else (nee if g.verslag_uitgereikt_op else nvt)),
        CriteriumRegel(13, "Hoofdstuk 4 (plan van aanpak / gezinsplan)",
                       nvt if not plan_nodig else (ja if all(v.plan_ontvangen_op for v in plan_nodig) else nee)),
    ]
    return replace(g, criteria=tuple(c))



__all__ = [
    "BEEINDIGD", "BehoefteRegel", "BeschikkingGegevens", "CriteriumRegel", "DekkingRegel", "GemeenteGegevens",
    "ProbleemRegel", "StapGegevens", "VerslagGegevens", "VoorzieningRegel",
    "beschikking_gegevens", "verslag_gegevens",
]
