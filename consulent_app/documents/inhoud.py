"""What the decision and the report say, as neutral blocks: texts from the templates, data from gegevens."""

from __future__ import annotations

from consulent_app.documents import blokken as bl
from consulent_app.documents.gegevenstypen import (
    BEEINDIGD,
    BehoefteRegel,
    BeschikkingGegevens,
    VerslagGegevens,
    VoorzieningRegel,
)
from consulent_app.documents.teksten import Teksten
from consulent_app.domain import BeschikkingType, Besluit, Wet
from consulent_app.formatting import in_zin, opsomming

TOEGEKEND = (Besluit.TOEGEKEND.value, Besluit.GEDEELTELIJK.value)


# ------------------------------------------------------------------------------------------------ beschikking

def _wet(t: Teksten, g: BeschikkingGegevens | VerslagGegevens, sleutel: str, **kw: object) -> str:
    return t.t(f"wet.{g.wet}.{sleutel}", **kw)


def _product(t: Teksten, r: VoorzieningRegel) -> str:
    if not r.product_code:
        return r.product
    niveau = t.t("waarden.niveau", niveau=r.niveau) if r.niveau else ""
    return t.t("waarden.product", naam=r.product, code=r.product_code, niveau=niveau)


def _leveringsvorm(t: Teksten, r: VoorzieningRegel) -> str:
    if r.leveringsvorm == "pgb":
        delen = [t.t("waarden.pgb", bedrag=r.pgb_bedrag or "-", periode=r.pgb_periode)]
        if r.pgb_basis:
            delen.append(t.t("waarden.pgb_basis", basis=r.pgb_basis))
        if r.pgb_totaal:
            # Without an end date the total runs to the planned re-examination, and the letter says so.
            delen.append(t.t("waarden.pgb_totaal" if r.einddatum else "waarden.pgb_totaal_po", totaal=r.pgb_totaal,
                             looptijd=r.pgb_looptijd))
        return " ".join(delen)
    if r.aanbieder:
        return t.t("waarden.zin", aanbieder=r.aanbieder)
    return t.t("waarden.zin_zonder_aanbieder")


def _stap_voor_stap(t: Teksten, g: BeschikkingGegevens, r: VoorzieningRegel) -> list[bl.Blok]:
    """Why a provision is refused or smaller than asked: steps 4, 5, 6 and the netto, per need; a refusal on
    another legal ground explains that ground instead of a netto need "waarvoor wij een voorziening moeten geven"."""
    afgewezen = r.besluit == Besluit.AFGEWEZEN.value
    if afgewezen and r.weigeringsgrond:
        tekst = t.t(f"weigeringsgrond.{r.weigeringsgrond}", artikel=r.weigeringsgrond_artikel,
                    voorziening=_wet(t, g, "voorziening"))
        return [bl.Alinea(t.t("afwijzing.kop_grond"), "vet"), bl.Alinea(tekst)]
    kop = t.t("afwijzing.kop_afgewezen" if afgewezen else "afwijzing.kop_gedeeltelijk")
    if not r.behoeften:
        return [bl.Samen((bl.Alinea(kop, "vet"), bl.Alinea(t.t("afwijzing.geen_behoeften"))))]
    lijsten: list[bl.Blok] = [bl.Opsomming(tuple(_stappen_behoefte(t, b, afgewezen, _wet(t, g, "voorziening"))),
                                           genummerd=False) for b in r.behoeften]
    # The heading never stands alone at the foot of a page: it keeps the first list with it.
    return [bl.Samen((bl.Alinea(kop, "vet"), lijsten[0])), *lijsten[1:]]


def _stappen_behoefte(t: Teksten, b: BehoefteRegel, afgewezen: bool = False, voorziening: str = "") -> list[str]:
    def dekkingen(stap: int) -> str:
        delen = [t.t("afwijzing.dekking", bron=d.bron.lower(), volume=d.volume,
                     toelichting=f" ({d.toelichting})" if d.toelichting else "")
                 for d in b.dekkingen if d.stap == stap]
        return "; ".join(delen)

    s5, s6 = dekkingen(5), dekkingen(6)
    return [
        t.t("afwijzing.stap4", behoefte=b.omschrijving, bruto=b.bruto),
        t.t("afwijzing.stap5", dekking=s5) if s5 else t.t("afwijzing.stap5_geen"),
        t.t("afwijzing.stap6", dekking=s6) if s6 else t.t("afwijzing.stap6_geen"),
        (t.t("afwijzing.stap7_niets", voorziening=voorziening) if b.netto_getal <= 0 else
         t.t("afwijzing.stap7_afgewezen", netto=b.netto)) if afgewezen else t.t("afwijzing.stap7", netto=b.netto),
    ]


def _persoonlijk(g: BeschikkingGegevens) -> bool:
    """Is the client the one the letter speaks to as "u" (rules.geadresseerde)?"""
    return g.aan == "client"


def _gehoord(t: Teksten, g: BeschikkingGegevens) -> str:
    """Who was heard, as the investigation recorded it (never "met u en X" when X was not heard)."""
    d = g.gesprek_datum or g.aanvraag_datum
    reden = f" ({g.reden_niet_gehoord})" if g.reden_niet_gehoord else ""
    if g.wet != Wet.JEUGDWET.value:
        if g.client_gehoord is False:
            return t.t("gehoord.wmo_niet", datum=d, reden=reden)
        return t.t("gehoord.wmo", datum=d)
    # The young person counts as heard only when recorded so; the parents (who asked) unless recorded as not heard.
    jong, ouders = g.jeugdige_gehoord is True, g.ouders_gehoord is not False
    if _persoonlijk(g):
        sleutel = "persoonlijk_met_ouders" if jong and g.ouders_gehoord else "persoonlijk" if jong else \
            "persoonlijk_niet"
    else:
        sleutel = ("ouders_en_jeugdige" if jong and ouders else "jeugdige" if jong else "ouders" if ouders
                   else "niemand")
    return t.t(f"gehoord.jeugd_{sleutel}", datum=d, jeugdige=g.client_naam, reden=reden)


def _product_in_zin(r: VoorzieningRegel, *, bepaald: bool) -> str:
    naam = in_zin(r.product)
    return (("de " if bepaald else "een ") + naam) if r.stuk else naam


def _regel_blokken(t: Teksten, g: BeschikkingGegevens, r: VoorzieningRegel) -> list[bl.Blok]:
    voor_wie_kort = "u" if _persoonlijk(g) else g.client_naam
    out: list[bl.Blok] = [bl.Kop(t.t("besluit.kop", nummer=r.nummer, product=r.product))]
    herziening = g.type == BeschikkingType.HERZIENING.value
    beeindiging = g.type == BeschikkingType.BEEINDIGING.value or r.besluit == BEEINDIGD
    # One aid reads with an article: "Wij kennen u een rolstoel toe", "Wij stoppen de traplift".
    product_kort = _product_in_zin(r, bepaald=herziening or beeindiging)
    if beeindiging:
        out.append(bl.Alinea(t.t("besluit.beeindiging", product=product_kort, einddatum=r.einddatum)))
    elif herziening and r.besluit in TOEGEKEND:
        sleutel = "besluit.herziening_gelijk" if r.vorige_omvang == r.omvang else "besluit.herziening"
        out.append(bl.Alinea(t.t(sleutel, product=product_kort, startdatum=r.startdatum)))
        if r.besluit == Besluit.GEDEELTELIJK.value:
            out.append(bl.Alinea(t.t("besluit.gedeeltelijk", voor_wie_kort=voor_wie_kort, product=product_kort)))
    else:
        out.append(bl.Alinea(t.t(f"besluit.{r.besluit}", voor_wie_kort=voor_wie_kort, product=product_kort)))

    waarde_besluit = t.t("waarden.besluit_beeindigd") if beeindiging else (
        t.t("waarden.besluit_herzien") if herziening and r.besluit == Besluit.TOEGEKEND.value
        else t.t(f"waarden.besluit_{r.besluit}"))
    rijen: list[tuple[str, str]] = [
        (t.t("labels.besluit"), waarde_besluit),
        (t.t("labels.product"), _product(t, r)),
        (t.t("labels.categorie"), t.t("waarden.categorie", omschrijving=r.categorie, code=r.categorie_code)),
        (t.t("labels.soort"), _wet(t, g, "voorziening")),
    ]
    if beeindiging:
        rijen.append((t.t("labels.omvang"), r.omvang))
        rijen.append((t.t("labels.laatste_dag"), r.einddatum or "-"))
    elif r.besluit in TOEGEKEND:
        if herziening and r.vorige_omvang and r.vorige_omvang != r.omvang:
            rijen.append((t.t("labels.omvang_was"), r.vorige_omvang))
            rijen.append((t.t("labels.omvang_wordt", startdatum=r.startdatum), r.omvang))
        elif r.besluit == Besluit.GEDEELTELIJK.value and r.gevraagd:
            # A partial grant states what was asked and what is granted.
            rijen.append((t.t("labels.gevraagd"), r.gevraagd))
            rijen.append((t.t("labels.toegekend"), r.omvang))
        else:
            rijen.append((t.t("labels.omvang"), r.omvang))
        rijen += [
            (t.t("labels.leveringsvorm"), _leveringsvorm(t, r)),
            (t.t("labels.beoogd_resultaat"), r.beoogd_resultaat or "-"),
            (t.t("labels.startdatum"), r.startdatum),
            (t.t("labels.einddatum"), r.einddatum or t.t("waarden.einddatum_open")),
        ]
        if r.po_datum:
            rijen.append((t.t("labels.po_datum"), t.t("waarden.po_datum", po_datum=r.po_datum)))
    else:
        # A refusal grants nothing: it states what was asked, never a "Hoeveel".
        rijen.append((t.t("labels.gevraagd"), r.gevraagd or r.omvang))
    verwijzing = t.t("waarden.motivering_verwijzing" if g.met_gespreksverslag else "waarden.motivering_verwijzing_po")
    if "verslag" in (r.motivering or "").lower() or g.zonder_onderzoek:
        verwijzing = ""  # the reasons already refer to the report (no doubled sentence), or there is none yet
    motivering = " ".join(x for x in (r.motivering, verwijzing) if x)
    rijen.append((t.t("labels.motivering"), motivering))
    if r.reden_boven_netto and r.besluit in TOEGEKEND and not beeindiging:
        rijen.append((t.t("labels.boven_netto", netto=r.netto), r.reden_boven_netto))
    if herziening and r.reden_wijziging and r.besluit in TOEGEKEND:
        # A herziening states its own reasons, beside old and new scope and the date of change.
        rijen.insert(len(rijen) - 1, (t.t("labels.reden_wijziging", startdatum=r.startdatum), r.reden_wijziging))
    out.append(bl.Feiten(tuple(rijen)))
    out = [bl.Samen(tuple(out))]  # a provision's heading, decision and table never part over two pages
    if r.besluit in (Besluit.AFGEWEZEN.value, Besluit.GEDEELTELIJK.value) and not beeindiging:
        out += _stap_voor_stap(t, g, r)
    if r.leveringsvorm == "pgb" and r.besluit in TOEGEKEND and not beeindiging:
        out.append(bl.Alinea(t.t("pgb.voorwaarden")))
    return out


def beschikking_inhoud(g: BeschikkingGegevens, t: Teksten) -> bl.Inhoud:
    typ = g.type if g.type in {x.value for x in BeschikkingType} else BeschikkingType.AANVRAAG.value
    wet_kort = _wet(t, g, "kort")
    onderwerp = t.t(f"document.onderwerp_{typ}", wet_kort=wet_kort)
    voor_wie = "die u krijgt" if _persoonlijk(g) else f"voor {g.client_naam}"
    blokken: list[bl.Blok] = []
    if g.concept:
        blokken.append(bl.Alinea(t.t("document.concept"), "concept"))
    if _persoonlijk(g):
        aanhef = t.t("aanhef.persoonlijk", naam=g.aanhef_naam)
    elif g.aanhef_naam:
        aanhef = t.t("aanhef.namen", namen=g.aanhef_naam)
    else:
        aanhef = _wet(t, g, "aanhef", naam=g.aanhef_naam, jeugdige=g.client_naam)
    blokken.append(bl.Alinea(aanhef))
    aantal = len(g.regels)
    aantal_tekst = t.t("inleiding.een_voorziening") if aantal == 1 else t.t("inleiding.meer_voorzieningen",
                                                                             aantal=aantal)
    if typ == BeschikkingType.AANVRAAG.value and g.zonder_onderzoek:
        sleutel = "inleiding.aanvraag_wmo_zonder_onderzoek"  # art. 2.3.5 lid 2 Wmo: decided before the report
    elif typ == BeschikkingType.AANVRAAG.value:
        sleutel = f"inleiding.aanvraag_{g.wet}" + ("_persoonlijk" if g.wet == Wet.JEUGDWET.value and _persoonlijk(g)
                                                  else "")
    else:
        sleutel = f"inleiding.{typ}"
    for a in t.alineas(sleutel, aanvraag_datum=g.aanvraag_datum, wet_lang=_wet(t, g, "lang"),
                       gesprek_datum=g.gesprek_datum or g.aanvraag_datum, aantal_voorzieningen=aantal_tekst,
                       jeugdige=g.client_naam, voor_wie=voor_wie,
                       gehoord=_gehoord(t, g) if g.gesprek_datum or not g.zonder_onderzoek else "",
                       verslag_zin=t.t("inleiding.verslag_bijlage" if g.bijlage_verslag else "inleiding.verslag_po")):
        blokken.append(bl.Alinea(a))
    for r in g.regels:
        blokken += _regel_blokken(t, g, r)
    eigen_bijdrage = [r for r in g.regels if r.eigen_bijdrage]
    if eigen_bijdrage and g.wet == Wet.WMO.value and typ != BeschikkingType.BEEINDIGING.value:
        producten = opsomming(_product_in_zin(r, bepaald=True) for r in eigen_bijdrage)
        blokken.append(bl.Kop(t.t("eigen_bijdrage.kop")))
        blokken += [bl.Alinea(a) for a in t.alineas("eigen_bijdrage.tekst", producten=producten)]
    blokken.append(bl.Kop(t.t("grondslag.kop")))
    blokken.append(bl.Alinea(t.t("grondslag.tekst", grondslag=g.grondslag)))
    blokken.append(bl.Kop(t.t("bezwaar.kop")))
    termijn = (t.t("bezwaar.termijn_bekend", verzonden_op=g.verzonden_op, bezwaar_einde=g.bezwaar_einde)
               if g.verzonden_op and g.bezwaar_einde else t.t("bezwaar.termijn_onbekend"))
    bezwaar = [bl.Alinea(a) for a in t.alineas("bezwaar.tekst", termijn=termijn,
                                               bezwaar_adres=g.gemeente.bezwaar_adres, kenmerk=g.kenmerk)]
    blokken += bezwaar[:-1]
    slot: list[bl.Blok] = [*bezwaar[-1:], bl.Ruimte(2)]
    if g.afschrift_aan:
        slot.append(bl.Alinea(t.t("slot.afschrift", namen=g.afschrift_aan)))
    # A phone number never breaks over two lines.
    slot.append(bl.Alinea(t.t("slot.vragen", consulent=g.consulent_naam or "-",
                              telefoon=g.gemeente.telefoon.replace(" ", "\u00a0"), kenmerk=g.kenmerk)))
    # The enclosure line names every enclosure that goes in the envelope.
    delen = []
    if g.bijlage_verslag:
        delen.append(t.t("slot.bijlage", verslag_datum=g.verslag_datum) if g.verslag_datum
                     else t.t("slot.bijlage_zonder_datum"))
    delen += [t.t(f"slot.bijlage_{f}") for f in g.folders if t.heeft(f"slot.bijlage_{f}")]
    delen += [t.t("slot.bijlage_gekozen", titel=titel.rstrip(".")) for titel in g.gekozen_bijlagen]
    bijlage = " ".join(delen)
    # The closing and signature never stand alone on a last page: the last paragraph goes with them.
    slot.append(bl.Ondertekening(
        regels_boven=(t.t("slot.groet"), t.t("slot.mandaat", mandaat_tekst=g.gemeente.mandaat_tekst)),
        naam=t.t("slot.ondertekenaar", naam=g.gemeente.ondertekenaar_naam),
        functie=t.t("slot.functie", functie=g.gemeente.ondertekenaar_functie),
        bijlage_kop=t.t("document.label_bijlagen" if len(delen) > 1 else "document.label_bijlage") if bijlage
        else "",
        bijlage=bijlage,
    ))
    blokken.append(bl.Samen(tuple(slot)))
    return bl.Inhoud(
        titel=f"{t.t(f'document.titel_{typ}')} {g.kenmerk}",
        onderwerp=onderwerp,
        blokken=tuple(blokken),
        voettekst=t.t("document.voettekst", gemeente=g.gemeente.naam, kenmerk=g.kenmerk),
        kop_feiten=(
            (t.t("document.label_datum"), g.datum),
            (t.t("document.label_kenmerk"), g.kenmerk),
            (t.t("document.label_onderwerp"), onderwerp),
            (t.t("document.label_consulent"), g.consulent_naam or "-"),
        ),
    )


# ------------------------------------------------------------------------------------------------ verslag

def _janee(t: Teksten, x: bool | None) -> str:
    return t.t("gegevens.onbekend") if x is None else t.t("gegevens.ja" if x else "gegevens.nee")


def verslag_inhoud(g: VerslagGegevens, t: Teksten) -> bl.Inhoud:
    jeugd = g.wet == Wet.JEUGDWET.value
    wet_lang = "de Jeugdwet" if jeugd else "de Wet maatschappelijke ondersteuning 2015 (Wmo 2015)"
    bl_: list[bl.Blok] = [bl.Alinea(t.t("document.ondertitel", wet_lang=wet_lang), "ondertitel")]
    bl_ += [bl.Alinea(a) for a in (t.alineas("document.inleiding_jeugdwet", jeugdige=g.client_naam) if jeugd
                                   else t.alineas("document.inleiding"))]

    # 1. Gegevens
    bl_.append(bl.Kop(t.t("gegevens.kop")))
    geen = t.t("gegevens.geen")
    rijen = [
        (t.t("gegevens.jeugdige" if jeugd else "gegevens.client"), g.client_naam),
        (t.t("gegevens.geboortedatum"), g.geboortedatum),
        (t.t("gegevens.adres"), g.adres or "-"),
    ]
    if jeugd:
        rijen.append((t.t("gegevens.ouders"), ", ".join(g.ouders) or geen))
    rijen += [
        (t.t("gegevens.vertegenwoordiger"), ", ".join(g.vertegenwoordigers) or geen),
        (t.t("gegevens.melding"), t.t("gegevens.melding_waarde", datum=g.melding_datum, kanaal=g.melding_kanaal)),
        (t.t("gegevens.gesprek_datum"), g.gesprek_datum or "-"),
        (t.t("gegevens.gesprek_plaats"), g.gesprek_plaats or "-"),
        (t.t("gegevens.consulent"), g.consulent_naam or "-"),
    ]
    # Jeugdwet: the client is the young person; who was heard is the young person and the parents.
    rijen.append((t.t("gegevens.jeugdige_gehoord"), _janee(t, g.jeugdige_gehoord)) if jeugd
                 else (t.t("gegevens.client_gehoord"), _janee(t, g.client_gehoord)))
    # Only about a representative (or the parents) who exist: no "Vertegenwoordiger gehoord: Niet vastgelegd".
    if jeugd or g.vertegenwoordigers:
        rijen.append((t.t("gegevens.ouders_gehoord" if jeugd else "gegevens.vertegenwoordiger_gehoord"),
                      _janee(t, g.vertegenwoordiger_gehoord)))
    if g.reden_niet_gehoord:
        rijen.append((t.t("gegevens.reden_niet_gehoord"), g.reden_niet_gehoord))
    rijen += [
        (t.t("gegevens.derden"), g.derden or geen),
    ]
    if not jeugd:  # the personal plan is a Wmo right (art. 2.3.2 lid 2)
        rijen.append((t.t("gegevens.persoonlijk_plan"), g.persoonlijk_plan or geen))
        steun = _janee(t, g.clientondersteuning_gewezen)
        if g.clientondersteuning_gewezen and g.clientondersteuning_gewezen_op:
            steun = t.t("gegevens.clientondersteuning_op", datum=g.clientondersteuning_gewezen_op)
        rijen.append((t.t("gegevens.clientondersteuning"), steun))
    rijen.append((t.t("gegevens.eerdere_hulp"), g.eerdere_hulp or geen))
    bl_.append(bl.Feiten(tuple(rijen)))

    # 2. The seven steps
    bl_.append(bl.Kop(t.t("stappen.kop")))
    for s in g.stappen:
        # The client's report is plain Dutch: the review framework's "Grondslag ... criterium N" lines and the
        # 13-criteria checklist belong to the reviewer's screen (services.toetsing.toets_dossier), not here.
        bl_.append(bl.Kop(t.t("stappen.stap_kop", nummer=s.nummer, titel=s.titel), 2))
        if s.status == "nvt":
            bl_.append(bl.Alinea(t.t("stappen.nvt", reden=s.nvt_reden or "-")))
        elif s.velden:
            bl_.append(bl.Feiten(s.velden))
        if s.nummer == 2 and g.problemen:
            bl_.append(bl.Raster((t.t("stappen.probleem_leefgebied"), t.t("stappen.probleem_beschrijving"),
                                  t.t("stappen.probleem_ernst")),
                                 tuple((p.leefgebied, p.beschrijving, p.ernst or "-") for p in g.problemen),
                                 (0.25, 0.6, 0.15)))
        if s.nummer == 3 and g.resultaten:
            bl_.append(bl.Opsomming(g.resultaten, genummerd=True))
        if s.nummer == 4 and g.behoeften:
            bl_.append(bl.Raster((t.t("tabel.behoefte"), t.t("tabel.leefgebied"), t.t("tabel.bruto")),
                                 tuple((b.omschrijving, b.leefgebied or "-", b.bruto) for b in g.behoeften),
                                 (0.55, 0.22, 0.23)))
        if s.nummer in (5, 6) and g.behoeften:
            regels = []
            for b in g.behoeften:
                for d in b.dekkingen:
                    if d.stap == s.nummer:
                        regels.append(f"{b.omschrijving}: {d.bron.lower()}, {d.volume}"
                                      + (f" ({d.toelichting})" if d.toelichting else ""))
            if regels:
                bl_.append(bl.Opsomming(tuple(regels)))
        if s.status != "nvt" and not s.velden and not (
                (s.nummer == 2 and g.problemen) or (s.nummer == 3 and g.resultaten)
                or (s.nummer in (4, 5, 6) and g.behoeften)):
            bl_.append(bl.Alinea(t.t("stappen.niet_ingevuld"), "klein"))

    # 3. bruto / gedekt / netto
    bl_.append(bl.Kop(t.t("tabel.kop")))
    bl_.append(bl.Alinea(t.t("tabel.uitleg")))
    if g.behoeften:
        bl_.append(bl.Raster(
            (t.t("tabel.behoefte"), t.t("tabel.bruto"), t.t("tabel.gedekt_stap5"), t.t("tabel.gedekt_stap6"),
             t.t("tabel.netto")),
            tuple((b.omschrijving, b.bruto, b.gedekt_stap5, b.gedekt_stap6, b.netto) for b in g.behoeften),
            (0.32, 0.17, 0.17, 0.17, 0.17)))
    else:
        bl_.append(bl.Alinea(t.t("tabel.geen")))

    # 4. Proposed provisions
    bl_.append(bl.Kop(t.t("voorzieningen.kop")))
    if not g.voorzieningen:
        bl_.append(bl.Alinea(t.t("voorzieningen.geen")))
    for v in g.voorzieningen:
        bl_.append(bl.Kop(t.t("voorzieningen.kop_item", nummer=v.nummer, product=v.product), 2))
        if v.einddatum:
            duur = t.t("voorzieningen.duur_waarde", start=v.startdatum, eind=v.einddatum)
        elif v.po_datum:
            duur = t.t("voorzieningen.duur_open", start=v.startdatum, po=v.po_datum)
        else:
            duur = t.t("voorzieningen.duur_open_zonder_po", start=v.startdatum)
        if v.leveringsvorm == "pgb":
            lv = t.t("voorzieningen.pgb", bedrag=v.pgb_bedrag or "-", periode=v.pgb_periode)
        elif v.aanbieder:
            lv = t.t("voorzieningen.zin", aanbieder=v.aanbieder)
        else:
            lv = t.t("voorzieningen.zin_zonder_aanbieder")
        rijen_v = [
            (t.t("voorzieningen.advies"), v.besluit_label),
            (t.t("voorzieningen.soort"), "individuele voorziening (jeugdhulp)" if jeugd else "maatwerkvoorziening"),
            (t.t("voorzieningen.categorie"), v.categorie),  # no internal category code in the client's report
            (t.t("voorzieningen.omvang"), v.omvang),
            (t.t("voorzieningen.duur"), duur),
            (t.t("voorzieningen.leveringsvorm"), lv),
            (t.t("voorzieningen.beoogd_resultaat"), v.beoogd_resultaat or "-"),
        ]
        if v.behoeften:
            rijen_v.append((t.t("voorzieningen.voor_behoeften"),
                            "; ".join(f"{b.omschrijving} (netto {b.netto})" for b in v.behoeften)))
        if v.resultaten:
            rijen_v.append((t.t("voorzieningen.voor_resultaten"), "; ".join(v.resultaten)))
        rijen_v.append((t.t("voorzieningen.motivering"), v.motivering or "-"))
        plan_label = t.t("voorzieningen.gezinsplan" if jeugd else "voorzieningen.plan")
        if not v.plan_nodig or v.besluit not in TOEGEKEND:
            plan = t.t("voorzieningen.plan_niet_nodig")
        elif v.plan_ontvangen_op:
            plan = t.t("voorzieningen.plan_ontvangen", datum=v.plan_ontvangen_op)
        elif v.plan_verwacht_op:
            plan = t.t("voorzieningen.plan_verwacht", datum=v.plan_verwacht_op)
        else:
            plan = "-"
        rijen_v.append((plan_label, plan))
        bl_.append(bl.Feiten(tuple(rijen_v)))

    # 5. Own words
    bl_.append(bl.Kop(t.t("eigen_woorden.kop")))
    if g.client_woorden:
        bl_.append(bl.Alinea(t.t("eigen_woorden.uitleg")))
        bl_.append(bl.Alinea(f"“{g.client_woorden}”", "citaat"))
    else:
        bl_.append(bl.Alinea(t.t("eigen_woorden.leeg")))

    # 6. Reaction (the reviewers' checklist is not in the client's report: it is on the review screen): a page of its own, so the client can sign and hand it back
    bl_.append(bl.NieuwePagina())
    bl_.append(bl.Kop(t.t("reactie.kop")))
    bl_.append(bl.Alinea(t.t("reactie.uitleg")))
    if g.verslag_uitgereikt_op:
        bl_.append(bl.Alinea(t.t("reactie.uitgereikt", datum=g.verslag_uitgereikt_op)))
    bl_.append(bl.Kop(t.t("reactie.opmerkingen"), 2))
    if g.reactie_opmerkingen:
        if g.reactie_datum:
            bl_.append(bl.Alinea(t.t("reactie.opmerkingen_ontvangen", datum=g.reactie_datum)))
        bl_.append(bl.Alinea(g.reactie_opmerkingen, "citaat"))
    else:
        bl_.append(bl.Schrijfruimte(5))
    bl_.append(bl.Alinea(t.t("reactie.eens_vraag"), "vet"))
    bl_.append(bl.Aankruis((t.t("reactie.eens"), t.t("reactie.deels"), t.t("reactie.oneens"),
                            t.t("reactie.aanvraag"))))
    if g.verslag_getekend:
        bl_.append(bl.Alinea(t.t("reactie.getekend")))
    # Jeugd: the parents with authority sign, and the young person too from 12 (WGBO, BW 7:450); never a child
    # alone. Wmo: the client (or the representative).
    if jeugd:
        tekenaars = tuple((t.t("reactie.handtekening_ouder"), naam) for naam in g.ouders_met_gezag) or (
            (t.t("reactie.handtekening_ouder"), ""),)
        if g.leeftijd is None or g.leeftijd >= 12:
            tekenaars += ((t.t("reactie.handtekening_jeugdige"), g.client_naam),)
    else:
        tekenaars = ((t.t("reactie.handtekening_client"), g.client_naam),)
    bl_.append(bl.Handtekeningen(
        (*tekenaars, (t.t("reactie.handtekening_consulent"), g.consulent_naam)),
        naam_label=t.t("reactie.naam"), datum_label=t.t("reactie.datum")))
    return bl.Inhoud(
        titel=f"{t.t('document.titel')} {g.client_naam}",
        onderwerp=t.t("document.titel"),
        blokken=tuple(bl_),
        voettekst=t.t("document.voettekst", gemeente=g.gemeente.naam, client=g.client_naam),
    )
