"""Demo and benchmark data: Maastricht's area teams, staff, providers, a product catalogue and clients in every state.

`vul_demo(ctx)` makes a few hundred dossiers for trying the program; `vul_demo(ctx, schaal=70)` makes the
benchmark scale (20,000+ clients, 60,000+ provisions, 150+ users). Deterministic: the same seed gives the
same data. Rows go in with bulk inserts, so the benchmark scale builds in about a minute.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import insert

from consulent_app import termijnen
from consulent_app.db import models as m
from consulent_app.domain import (
    BeschikkingStatus,
    Besluit,
    Kanaal,
    Leveringsvorm,
    MeldingSoort,
    MeldingStatus,
    Rol,
    StapStatus,
    VoorzieningStatus,
    Wet,
)
from consulent_app.services.auth import hash_wachtwoord
from consulent_app.services.base import AppContext

DEMO_WACHTWOORD = "demo-wachtwoord"

TEAMS = [
    ("NW", "Gebiedsteam Noordwest"),
    ("NO", "Gebiedsteam Noordoost"),
    ("CE", "Gebiedsteam Centrum"),
    ("ZW", "Gebiedsteam Zuidwest"),
    ("ZO", "Gebiedsteam Zuidoost"),
    ("HR", "Gebiedsteam Heer-De Heeg"),
    ("AM", "Gebiedsteam Amby-Heugem"),
]

# (postcode range, street names) per team, so addresses look like Maastricht.
STRATEN = {
    "NW": ("6215", ["Brusselseweg", "Malpertuisplein", "Caberg", "Pottenberg", "Mergelweg"]),
    "NO": ("6222", ["Meerssenerweg", "Borgharenweg", "Balijeweg", "Weert", "Limmelderweg"]),
    "CE": ("6211", ["Boschstraat", "Grote Gracht", "Tongersestraat", "Kapoenstraat", "Sint Pieterstraat"]),
    "ZW": ("6213", ["Mockstraat", "Daalhoflaan", "Via Regia", "Sint Annalaan", "Hertestraat"]),
    "ZO": ("6229", ["Oeslingerbaan", "Nijverheidsweg", "Heugemerweg", "Randwycksingel", "Akersteenweg"]),
    "HR": ("6227", ["Heerderweg", "Kommelplein", "Tongerseweg", "Ambyerstraat", "Vroendaal"]),
    "AM": ("6226", ["Amby", "Nazarethweg", "Dr. Bakstraat", "Akerstraat", "Ambyerweg"]),
}

VOORNAMEN_M = ["Jan", "Pieter", "Sjef", "Mathieu", "Hub", "Jo", "Noah", "Lucas", "Daan", "Mohammed", "Ahmet",
               "Thijs", "Bram", "Sem", "Frans", "Wiel", "Joep", "Luuk", "Karim", "Stan"]
VOORNAMEN_V = ["Maria", "Anna", "Truus", "Lies", "Fien", "Emma", "Julia", "Sophie", "Fatima", "Yasmina",
               "Mieke", "Anouk", "Lotte", "Ine", "Marij", "Noor", "Sara", "Els", "Jeanne", "Zeynep"]
ACHTERNAMEN = [
    ("", "Janssen"), ("", "Peeters"), ("", "Hermans"), ("", "Smeets"), ("", "Vossen"), ("", "Dassen"),
    ("", "Lemmens"), ("van", "Dijk"), ("de", "Bruijn"), ("", "Wetzels"), ("", "Bemelmans"), ("", "Schreurs"),
    ("", "Notermans"), ("van der", "Linden"), ("", "Ramakers"), ("", "Coenen"), ("", "Kerckhoffs"),
    ("", "Claessens"), ("", "Habets"), ("", "Ummels"), ("", "Yilmaz"), ("", "El Amrani"), ("", "Bouhali"),
    ("", "Frissen"), ("", "Houben"), ("", "Jacobs"), ("van", "Loon"), ("", "Mertens"), ("", "Pinckaers"),
    ("", "Senden"),
]

PRODUCTEN: list[dict[str, Any]] = [
    # Wmo
    dict(code="WMO-HH1", naam="Hulp bij het huishouden basis", wet="wmo", productcategorie="01", niveau="laag",
         tarief="32.50", eenheid="04"),
    dict(code="WMO-HH2", naam="Hulp bij het huishouden plus", wet="wmo", productcategorie="01", niveau="midden",
         tarief="36.90", eenheid="04"),
    dict(code="WMO-BGL", naam="Begeleiding individueel licht", wet="wmo", productcategorie="02", niveau="laag",
         tarief="58.20", eenheid="04", plan_nodig=True),
    dict(code="WMO-BGM", naam="Begeleiding individueel midden", wet="wmo", productcategorie="02", niveau="midden",
         tarief="66.40", eenheid="04", plan_nodig=True),
    dict(code="WMO-BGH", naam="Begeleiding individueel zwaar", wet="wmo", productcategorie="02", niveau="hoog",
         tarief="74.80", eenheid="04", plan_nodig=True),
    dict(code="WMO-PV", naam="Persoonlijke verzorging", wet="wmo", productcategorie="03", niveau="midden",
         tarief="52.10", eenheid="04"),
    dict(code="WMO-KV", naam="Kortdurend verblijf", wet="wmo", productcategorie="04", niveau="midden",
         tarief="131.00", eenheid="14"),
    dict(code="WMO-DB", naam="Dagbesteding groep", wet="wmo", productcategorie="07", niveau="midden",
         tarief="44.60", eenheid="16", plan_nodig=True),
    dict(code="WMO-VV", naam="Collectief vervoer (Omnibuzz)", wet="wmo", productcategorie="08", niveau=None,
         tarief="2.10", eenheid="82", telwoord=("kilometer", "kilometer")),
    dict(code="WMO-RS", naam="Rolstoel (in bruikleen)", wet="wmo", productcategorie="11", niveau=None,
         tarief="2450.00", eenheid="82", telwoord=("rolstoel", "rolstoelen")),
    dict(code="WMO-TL", naam="Traplift", wet="wmo", productcategorie="13", niveau=None,
         tarief="6800.00", eenheid="82", telwoord=("traplift", "trapliften")),
    dict(code="WMO-BW", naam="Beschermd wonen", wet="wmo", productcategorie="15", niveau="hoog",
         tarief="152.00", eenheid="14", plan_nodig=True),
    # Jeugdwet
    dict(code="JW-AL", naam="Jeugdhulp ambulant licht", wet="jeugdwet", productcategorie="45", niveau="laag",
         tarief="71.00", eenheid="04", plan_nodig=True),
    dict(code="JW-AM", naam="Jeugdhulp ambulant midden", wet="jeugdwet", productcategorie="45", niveau="midden",
         tarief="86.50", eenheid="04", plan_nodig=True),
    dict(code="JW-AH", naam="Jeugdhulp ambulant intensief", wet="jeugdwet", productcategorie="45", niveau="hoog",
         tarief="101.00", eenheid="04", plan_nodig=True),
    dict(code="JW-DBH", naam="Dagbehandeling jeugd", wet="jeugdwet", productcategorie="41", niveau="midden",
         tarief="96.00", eenheid="16", plan_nodig=True),
    dict(code="JW-VB", naam="Jeugdhulp met verblijf", wet="jeugdwet", productcategorie="43", niveau="hoog",
         tarief="224.00", eenheid="14", plan_nodig=True),
    dict(code="JW-GGZ", naam="Jeugd-ggz behandeling", wet="jeugdwet", productcategorie="54", niveau="midden",
         tarief="112.00", eenheid="04", plan_nodig=True),
]

# (product code, volume, frequency) typical scopes
OMVANG = {
    "WMO-HH1": ("3", "2"), "WMO-HH2": ("4", "2"), "WMO-BGL": ("2", "2"), "WMO-BGM": ("4", "2"),
    "WMO-BGH": ("6", "2"), "WMO-PV": ("5", "2"), "WMO-KV": ("4", "4"), "WMO-DB": ("3", "2"),
    "WMO-VV": ("1500", "6"), "WMO-RS": ("1", "6"), "WMO-TL": ("1", "6"), "WMO-BW": ("30", "4"),
    "JW-AL": ("2", "2"), "JW-AM": ("3", "2"), "JW-AH": ("5", "2"), "JW-DBH": ("4", "2"), "JW-VB": ("30", "4"),
    "JW-GGZ": ("2", "2"),
}

AANBIEDER_NAMEN = [
    "Zorggroep Maasland", "Thuiszorg Mosa", "Trajectzorg Limburg", "Stichting Radius Begeleiding",
    "Mondriaan Jeugd", "Levanto Dagbesteding", "Huishoudservice Jekerdal", "Sevagram Thuis",
    "Xonar Jeugdhulp", "Cicero Zorg", "Vivantes Wijkzorg", "Daelzicht Dagbesteding",
    "Koraal Groep", "Stichting Samen Maastricht", "Ambulant Team Zuid", "Proteion Thuis",
    "Buurtzorg Maastricht", "Humanitas Thuisadministratie", "Envida Huishoudelijke Hulp", "Mutsaersstichting",
    "Medipoint Hulpmiddelen", "Welzorg Limburg", "Omnibuzz",
]

VRAGEN_WMO = [
    "Kan het huishouden niet meer zelf bijhouden na een heupoperatie.",
    "Heeft moeite met de administratie en post, schulden lopen op.",
    "Zoekt dagbesteding; vereenzaamt sinds overlijden partner.",
    "Kan de trap niet meer op; slaapkamer en badkamer boven.",
    "Heeft begeleiding nodig bij zelfstandig wonen na opname.",
    "Mantelzorger (dochter) is overbelast en vraagt respijtzorg.",
    "Kan niet meer zelfstandig naar de dagbesteding reizen.",
]
VRAGEN_JEUGD = [
    "Ouders vragen hulp bij opvoeding; zoon (9) heeft driftbuien.",
    "School signaleert somberheid en schoolverzuim bij dochter (14).",
    "Huisarts verwijst voor onderzoek naar ADHD en behandeling.",
    "Gezin met multiproblematiek; zorgen over veiligheid kinderen.",
    "Jongere (16) gebruikt middelen en is van school gestuurd.",
]

# Investigation content per law (forms/<wet>.toml keys), so demo investigations read like real ones.
DEMO_VELDEN = {
    "wmo": {
        "client_woorden": "Ik wil mijn huis weer netjes hebben; ik schaam me als er visite komt.",
        "vraag_achter_de_vraag": "Mevrouw wil de regie over haar huishouden houden en weer onder de mensen komen.",
        "persoonskenmerken": "Zelfstandig, wil liever geen vreemden in huis; voorkeur voor vaste hulp op maandag.",
        "samenhang": "Door de fysieke beperkingen komt mevrouw minder buiten, wat de eenzaamheid vergroot.",
        "eigen_mogelijkheden": "Lichte taken (afwassen, opruimen) doet mevrouw zelf, ongeveer 1 uur per week.",
        "gebruikelijke_hulp": "Mevrouw woont alleen; er is geen gebruikelijke hulp van huisgenoten.",
        "netwerk": "De zoon doet wekelijks de boodschappen; de buurvrouw werkt fulltime en kan niet helpen.",
        "algemene_voorzieningen": "Boodschappenservice is algemeen gebruikelijk; geen passende algemene voorziening "
                                  "voor schoonmaak in de wijk.",
        "andere_wetten": "Geen Wlz-indicatie; huishoudelijke hulp valt niet onder de Zvw.",
        "afweging": "Na aftrek van eigen kracht en netwerk blijft schoonmaak en begeleiding nodig; daarvoor is "
                    "maatwerk aangewezen.",
    },
    "jeugdwet": {
        "client_woorden": "Ik word steeds zo boos en dan weet ik niet meer wat ik doe.",
        "vraag_ouders": "We willen weer rust in huis en weten hoe we hem kunnen helpen.",
        "vraag_achter_de_vraag": "Ouders zoeken handvatten om met de boosheid om te gaan; de jeugdige wil minder "
                                 "ruzie.",
        "samenhang": "Spanningen thuis en op school versterken elkaar.",
        "eigen_mogelijkheden": "Sporten bij de voetbalclub helpt de jeugdige om spanning kwijt te raken.",
        "ouders": "Moeder oefent thuis de afspraken; vader werkt in ploegendienst en is minder beschikbaar.",
        "netwerk": "Opa haalt de jeugdige twee middagen per week op van school.",
        "vrij_toegankelijk": "Het opvoedspreekuur van het CJG is bezocht, maar onvoldoende gebleken.",
        "andere_wetten": "Schoolmaatschappelijk werk begeleidt op school (onderwijs); geen Wlz.",
        "afweging": "Ambulante jeugdhulp is nodig voor wat ouders en netwerk niet kunnen dragen.",
    },
}
DEMO_INHOUD = {
    # (leefgebied, problem), results, needs (description, volume, unit, frequency, covered by, covered volume)
    "wmo": ([("huishouden", "Kan sinds de heupoperatie niet bukken, tillen of stofzuigen."),
             ("sociale_contacten", "Komt nauwelijks buiten sinds het overlijden van haar man.")],
            ["Een schoon en leefbaar huis.", "Minstens twee keer per week onder de mensen."],
            [("Schoonmaken woning", "3", "04", "2", "client_zelf", "1"),
             ("Begeleiding bij dagstructuur en administratie", "2", "04", "2", None, None),
             ("Vervoer naar dagbesteding", "2", "04", "2", "netwerk_nu", "1"),
             ("Boodschappen doen", "1", "04", "2", "netwerk_nu", "1")]),
    "jeugdwet": ([("opvoeding", "Ouders kunnen de driftbuien niet opvangen; de sfeer thuis is gespannen."),
                  ("school", "Twee keer geschorst dit schooljaar.")],
                 ["Hooguit één driftbui per week, die ouders zelf laten zakken.", "Weer elke dag naar school."],
                 [("Ouderbegeleiding bij omgaan met boosheid", "2", "04", "2", "gebruikelijke_hulp", "1"),
                  ("Behandeling agressieregulatie jeugdige", "1", "04", "2", None, None),
                  ("Begeleiding na schooltijd", "3", "04", "2", "netwerk_nu", "1"),
                  ("Halen en brengen naar school", "2", "04", "2", "netwerk_nu", "2")]),
}


# The need (bruto) each product answers, and what the client or the network already covers of it (steps 4-6), so
# the table bruto/netto leaves exactly the product's typical scope (OMVANG) and a wheelchair answers a need to move
# about, not the cleaning.
BEHOEFTE_VAN: dict[str, tuple[str, str, str, str, str | None, str | None]] = {
    "WMO-HH1": ("Schoonmaken woning", "4", "04", "2", "client_zelf", "1"),
    "WMO-HH2": ("Schoonmaken woning en wasverzorging", "5", "04", "2", "client_zelf", "1"),
    "WMO-BGL": ("Begeleiding bij dagstructuur en administratie", "3", "04", "2", "netwerk_nu", "1"),
    "WMO-BGM": ("Begeleiding bij zelfstandig wonen", "5", "04", "2", "netwerk_nu", "1"),
    "WMO-BGH": ("Begeleiding bij zelfstandig wonen na opname", "6", "04", "2", None, None),
    "WMO-PV": ("Hulp bij wassen en aankleden", "5", "04", "2", None, None),
    "WMO-KV": ("Respijt voor de overbelaste mantelzorger", "4", "14", "4", None, None),
    "WMO-DB": ("Dagstructuur en contact met anderen", "4", "16", "2", "netwerk_nu", "1"),
    "WMO-VV": ("Vervoer in de regio (boodschappen, familiebezoek)", "1500", "82", "6", None, None),
    "WMO-RS": ("Zich verplaatsen buitenshuis", "1", "82", "6", None, None),
    "WMO-TL": ("Veilig naar de slaapkamer en badkamer boven", "1", "82", "6", None, None),
    "WMO-BW": ("Wonen met toezicht en begeleiding", "30", "14", "4", None, None),
    "JW-AL": ("Ouderbegeleiding bij omgaan met boosheid", "3", "04", "2", "gebruikelijke_hulp", "1"),
    "JW-AM": ("Begeleiding van de jeugdige en de ouders thuis", "4", "04", "2", "gebruikelijke_hulp", "1"),
    "JW-AH": ("Intensieve begeleiding in het gezin", "6", "04", "2", "netwerk_nu", "1"),
    "JW-DBH": ("Dagbehandeling na schooltijd", "5", "16", "2", "netwerk_nu", "1"),
    "JW-VB": ("Verblijf buiten het gezin", "30", "14", "4", None, None),
    "JW-GGZ": ("Behandeling agressieregulatie jeugdige", "2", "04", "2", None, None),
}

# Which providers deliver what (names in AANBIEDER_NAMEN): a Jeugd provider never delivers Wmo support, and an aid
# comes from a supplier of aids.
AANBIEDERS_JEUGD = ("Mondriaan Jeugd", "Xonar Jeugdhulp", "Koraal Groep", "Ambulant Team Zuid", "Mutsaersstichting")
AANBIEDERS_HULPMIDDEL = ("Medipoint Hulpmiddelen", "Welzorg Limburg")
AANBIEDERS_VERVOER = ("Omnibuzz",)
AANBIEDERS_HUISHOUDEN = ("Huishoudservice Jekerdal", "Envida Huishoudelijke Hulp", "Thuiszorg Mosa", "Sevagram Thuis",
                         "Proteion Thuis", "Vivantes Wijkzorg")


def _aanbieder_namen(wet: Wet, productcategorie: str) -> tuple[str, ...]:
    if wet is Wet.JEUGDWET:
        return AANBIEDERS_JEUGD
    if productcategorie in ("11", "12", "13", "14"):
        return AANBIEDERS_HULPMIDDEL
    if productcategorie == "08":
        return AANBIEDERS_VERVOER
    if productcategorie == "01":
        return AANBIEDERS_HUISHOUDEN
    return tuple(n for n in AANBIEDER_NAMEN if n not in AANBIEDERS_JEUGD + AANBIEDERS_HULPMIDDEL + AANBIEDERS_VERVOER
                 and "Huishoud" not in n)


#: The life domain (forms/<wet>.toml) of the need each product answers.
LEEFGEBIED_VAN = {"WMO-HH1": "huishouden", "WMO-HH2": "huishouden", "WMO-BGL": "financien", "WMO-BGM": "wonen", "WMO-BGH": "wonen", "WMO-PV": "zelfzorg", "WMO-KV": "mantelzorg", "WMO-DB": "dagbesteding", "WMO-VV": "mobiliteit", "WMO-RS": "mobiliteit", "WMO-TL": "wonen", "WMO-BW": "wonen", "JW-AL": "opvoeding", "JW-AM": "opvoeding", "JW-AH": "opvoeding", "JW-DBH": "ontwikkeling", "JW-VB": "veiligheid", "JW-GGZ": "psychisch"}


#: The desired result (step 3) a Wmo product serves, per WMO020 category: each provision answers its own result.
GEWENST_WMO = {
    "01": "Een schoon en leefbaar huis.", "02": "Zelf de administratie en de dag op orde houden.",
    "03": "Elke dag gewassen en aangekleed zijn, met hulp waar nodig.", "04": "De mantelzorger houdt het vol.",
    "07": "Minstens twee keer per week onder de mensen.", "08": "Zelfstandig familie bezoeken en boodschappen doen.",
    "11": "Zelfstandig buiten de deur komen.", "13": "Veilig in huis wonen, ook boven.",
    "15": "Veilig wonen met toezicht en begeleiding.",
}


def _demo_tekst(tekst: str, man: bool) -> str:
    """The demo's texts speak of "mevrouw"; for a man they say "meneer"."""
    if not man:
        return tekst
    return (tekst.replace("Mevrouw", "Meneer").replace("mevrouw", "meneer").replace(" haar man", " zijn vrouw")
            .replace(" haar ", " zijn "))


def _demo_onderzoek(add: Any, rnd: random.Random, oid: int, wet: Wet, n_done: int, klaar: bool,
                    datum: dt.date, codes: list[str], man: bool = False) -> dict[str, list[int]]:
    """Steps 1..n_done complete with realistic content, step n_done+1 in progress; ids of needs and results (one
    need per product the case will get, in the order of `codes`). Step 7 weighs exactly those needs."""
    from consulent_app.formulieren import laad_formulier

    form = laad_formulier(wet)
    teksten = DEMO_VELDEN[wet.value]
    problemen, resultaten, _behoeften = DEMO_INHOUD[wet.value]
    behoeften = [BEHOEFTE_VAN[c] for c in codes]
    if wet is Wet.WMO:
        categorie = {p["code"]: p["productcategorie"] for p in PRODUCTEN}
        resultaten = [GEWENST_WMO.get(categorie[c], "Zelfstandig blijven wonen en meedoen.") for c in codes]
    nodig = "; ".join(b[0][:1].lower() + b[0][1:] for b in behoeften)
    teksten = {k: _demo_tekst(v, man) for k, v in teksten.items()}
    teksten["afweging"] = (f"Na aftrek van eigen kracht, netwerk en andere voorzieningen blijft nodig: {nodig}. "
                           "Daarvoor is maatwerk aangewezen." if wet is Wet.WMO else
                           f"Na aftrek van wat ouders en netwerk kunnen dragen blijft nodig: {nodig}. Daarvoor is "
                           "jeugdhulp aangewezen.")
    uit: dict[str, list[int]] = {"behoeften": [], "resultaten": []}
    tijd = dt.datetime.combine(datum, dt.time(12))
    for nr in range(1, 8):
        compleet = nr <= n_done and (nr < 7 or klaar)
        bezig = not compleet and nr == n_done + 1 and nr < 7
        velden: dict[str, Any] = {}
        if compleet or bezig:
            for i, veld in enumerate(form.stap(nr).velden):
                if veld.key in teksten and (compleet or i == 0):
                    velden[veld.key] = teksten[veld.key]
        st = StapStatus.COMPLEET if compleet else StapStatus.BEZIG if (bezig and velden) else StapStatus.OPEN
        add(m.OnderzoekStap, onderzoek_id=oid, nummer=nr, status=st.value, nvt_reden=None, velden=velden,
            bijgewerkt_op=tijd, versie=1)
        if nr == 2 and compleet:
            for lg, tekst in problemen:
                add(m.LeefgebiedProbleem, onderzoek_id=oid, leefgebied=lg, beschrijving=_demo_tekst(tekst, man),
                    ernst=rnd.choice(["licht", "matig", "ernstig"]))
        if nr == 3 and compleet:
            for i, tekst in enumerate(resultaten, start=1):
                uit["resultaten"].append(add(m.GewenstResultaat, onderzoek_id=oid, omschrijving=tekst,
                                             leefgebied=None, volgorde=i))
        if nr == 4 and compleet:
            for i, (oms, vol, eenh, freq, bron, gedekt) in enumerate(behoeften, start=1):
                bid = add(m.Behoefte, onderzoek_id=oid, omschrijving=oms, leefgebied=LEEFGEBIED_VAN.get(codes[i - 1]),
                          volume=Decimal(vol),
                          eenheid=eenh, frequentie=freq, volgorde=i)
                if bron is not None and n_done >= 5:
                    add(m.Dekking, behoefte_id=bid, bron=bron, volume=Decimal(gedekt or "0"),
                        toelichting="Besproken aan de keukentafel.")
                uit["behoeften"].append(bid)
    return uit


@dataclass
class _Gen:
    rnd: random.Random
    vandaag: dt.date
    next_ids: dict[str, int]

    def id(self, tabel: str) -> int:
        self.next_ids[tabel] = self.next_ids.get(tabel, 0) + 1
        return self.next_ids[tabel]

    def bsn(self, used: set[str]) -> str:
        while True:
            digits = [self.rnd.randint(0, 9) for _ in range(8)]
            if digits[0] == 0:
                digits[0] = 1
            s = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
            last = s % 11  # 9*d0+...+2*d7 - 1*d8 ≡ 0 (mod 11)
            if last > 9:
                continue
            b = "".join(map(str, digits)) + str(last)
            if b not in used:
                used.add(b)
                return b


def _volg_netto(rows: dict[type, list[dict[str, Any]]], vz: dict[str, Any], behoefte_id: int) -> bool:
    """Make a demo provision agree with the netto of the need it answers; True when it is a refusal of a netto need
    (which then needs a recorded ground)."""
    beh = next((r for r in reversed(rows.get(m.Behoefte, [])[-12:]) if r["id"] == behoefte_id), None)
    if beh is None or beh["eenheid"] != vz["eenheid"] or beh["frequentie"] != vz["frequentie"]:
        return False
    gedekt = sum((Decimal(d["volume"]) for d in rows.get(m.Dekking, [])[-12:] if d["behoefte_id"] == behoefte_id),
                 Decimal(0))
    netto = max(Decimal(beh["volume"]) - gedekt, Decimal(0))
    if vz["besluit"] == Besluit.AFGEWEZEN.value:
        return netto > 0
    if netto > 0 and vz["volume"] > netto:
        if vz.get("pgb_bedrag") is not None:
            vz["pgb_bedrag"] = (vz["pgb_bedrag"] * netto / vz["volume"]).quantize(Decimal("1"))
        vz["volume"] = netto
    return False


def _demo_weigering(wet: Wet, productcategorie: str) -> tuple[str, str]:
    """A refusal of a netto need in the demo: a ground (rules.weigeringsgronden) and reasons that fit the help."""
    if wet is Wet.JEUGDWET:
        return "voorliggend", ("Het schoolmaatschappelijk werk en het opvoedspreekuur van het CJG bieden deze hulp; "
                               "die vrij toegankelijke hulp gaat voor. Zie het gespreksverslag, stap 6.")
    if productcategorie == "03":
        return "andere_wet", ("Uw verzorging hangt samen met een medische behandeling; daarom valt zij onder de "
                              "Zorgverzekeringswet (wijkverpleging). Vraag uw huisarts of de wijkverpleegkundige. "
                              "Zie het gespreksverslag, stap 6.")
    if productcategorie == "15":
        return "anders", ("Beschermd wonen is voor wie niet zelfstandig kan wonen, ook niet met begeleiding thuis. Uit "
                          "het onderzoek blijkt dat u met begeleiding thuis zelfstandig kunt wonen. Zie het "
                          "gespreksverslag, stap 7.")
    if productcategorie in ("11", "12", "14"):
        return "voorliggend", ("De thuiszorgwinkel leent dit hulpmiddel uit voor kortdurend gebruik; dat gaat voor. "
                               "Zie het gespreksverslag, stap 6.")
    if productcategorie == "13":
        return "anders", ("De gelijkvloerse woning die de woningcorporatie u aanbiedt, is even geschikt en "
                          "goedkoper dan een traplift (artikel 13 van de verordening: de goedkoopst adequate "
                          "voorziening). Zie het gespreksverslag, stap 7.")
    return "voorliggend", "De buurtvoorziening in de wijk biedt deze hulp; zie het gespreksverslag, stap 6."


def _beoogd_resultaat(wet: Wet, productcategorie: str) -> str:
    """A result that fits the law and the kind of help (a Jeugd letter never states a Wmo household result)."""
    if wet is Wet.JEUGDWET:
        return "Minder conflicten thuis; de jeugdige gaat elke dag naar school en weet wat te doen bij boosheid."
    if productcategorie == "01":
        return "U kunt zelfstandig blijven wonen in een schoon en leefbaar huis."
    if productcategorie in ("11", "12", "13", "14"):
        return "U kunt zich zelfstandig verplaatsen en veilig in en om de woning bewegen."
    return "U houdt regie over uw dagelijks leven en neemt deel aan de samenleving."


def vul_demo(ctx: AppContext, *, schaal: float = 1.0, seed: int = 2026, vandaag: dt.date | None = None,
             declaraties: bool = True) -> None:
    """Fill an empty database. schaal=1: ~300 dossiers; schaal=70: ~21,000 clients and ~63,000 provisions.
    With `declaraties`: a tariff history and two years of providers' invoices (consulent_app/financien/demo)."""
    vandaag = vandaag or dt.date.today()
    g = _Gen(random.Random(seed), vandaag, {})
    rows: dict[type, list[dict[str, Any]]] = {}

    def add(model: type, **kw: Any) -> int:
        kw.setdefault("id", g.id(model.__tablename__))  # type: ignore[attr-defined]
        rows.setdefault(model, []).append(kw)
        return int(kw["id"])

    hash_pw = hash_wachtwoord(DEMO_WACHTWOORD)
    team_ids = {code: add(m.Team, code=code, naam=naam) for code, naam in TEAMS}

    # Staff. Named demo accounts first (README), then generated colleagues.
    per_team_consulenten: dict[int, list[int]] = {t: [] for t in team_ids.values()}
    named = [
        ("consulent", "Anna Bemelmans", Rol.CONSULENT, "CE", 32),
        ("jeugdconsulent", "Karim El Amrani", Rol.CONSULENT, "CE", 36),
        ("planner", "Ine Vossen", Rol.PLANNER, "CE", 36),
        ("teamleider", "Frans Habets", Rol.TEAMLEIDER, "CE", 36),
        ("toetser", "Marij Coenen", Rol.TOETSER, None, 36),
        ("toetser2", "Luuk Ramakers", Rol.TOETSER, None, 32),
        ("administratie", "Els Frissen", Rol.ADMINISTRATIEF, None, 28),
        ("beheerder", "Joep Senden", Rol.BEHEERDER, None, 36),
        ("controller", "Sanne Lemmens", Rol.CONTROLLER, None, 36),
    ]
    serving: list[tuple[int, int]] = []
    # The Jeugd consultant's account names the law: a new melding by this consultant starts as Jeugdwet (issue 16).
    eigen_wet = {"jeugdconsulent": Wet.JEUGDWET.value}
    for username, naam, rol, team, uren in named:
        uid = add(m.Gebruiker, gebruikersnaam=username, naam=naam, rol=rol.value, wet=eigen_wet.get(username),
                  team_id=team_ids[team] if team else None, contracturen=Decimal(uren), nevenuren=Decimal("0"),
                  wachtwoord_hash=hash_pw, moet_wachtwoord_wijzigen=False, mislukte_pogingen=0, actief=True,
                  versie=1)
        if rol is Rol.CONSULENT and team:
            per_team_consulenten[team_ids[team]].append(uid)
        if rol in (Rol.TOETSER, Rol.CONTROLLER):  # reviewers and the controller serve every area team
            serving.extend((uid, t) for t in team_ids.values())
    n_per_team = max(3, int(3 * schaal ** 0.5))
    for code, tid in team_ids.items():
        for i in range(n_per_team):
            vn = g.rnd.choice(VOORNAMEN_M + VOORNAMEN_V)
            tv, an = g.rnd.choice(ACHTERNAMEN)
            uid = add(m.Gebruiker, gebruikersnaam=f"c.{code.lower()}{i + 1}", wet=None, naam=f"{vn} {(tv + ' ') if tv else ''}{an}",
                      rol=Rol.CONSULENT.value, team_id=tid, contracturen=Decimal(g.rnd.choice([24, 28, 32, 36, 36])),
                      nevenuren=Decimal(g.rnd.choice([0, 0, 2, 4])), wachtwoord_hash=hash_pw,
                      moet_wachtwoord_wijzigen=False, mislukte_pogingen=0, actief=True, versie=1)
            per_team_consulenten[tid].append(uid)
        if schaal > 1:
            add(m.Gebruiker, gebruikersnaam=f"planner.{code.lower()}", wet=None, naam=f"Planner {code}", rol=Rol.PLANNER.value,
                team_id=tid, contracturen=Decimal(36), nevenuren=Decimal(0), wachtwoord_hash=hash_pw,
                moet_wachtwoord_wijzigen=False, mislukte_pogingen=0, actief=True, versie=1)

    prod_ids: dict[str, int] = {}
    for p in PRODUCTEN:
        prod_ids[p["code"]] = add(m.Product, code=p["code"], naam=p["naam"], wet=p["wet"],
                                  productcategorie=p["productcategorie"], niveau=p["niveau"],
                                  tarief=Decimal(p["tarief"]), eenheid=p["eenheid"],
                                  plan_nodig=p.get("plan_nodig", False), actief=True,
                                  telwoord=p.get("telwoord", (None, None))[0],
                                  telwoord_meervoud=p.get("telwoord", (None, None))[1],
                                  istandaard_code=p["code"].replace("WMO-", "W").replace("JW-", "J")[:5])
    prod_by_code = {p["code"]: p for p in PRODUCTEN}
    n_aanbieders = min(300, max(len(AANBIEDER_NAMEN), int(20 * schaal ** 0.6)))
    aanbieder_ids = []
    for i in range(n_aanbieders):
        naam = AANBIEDER_NAMEN[i % len(AANBIEDER_NAMEN)] + ("" if i < len(AANBIEDER_NAMEN) else f" {i // len(AANBIEDER_NAMEN) + 1}")
        aanbieder_ids.append(add(m.Aanbieder, naam=naam, agb_code=f"{75000000 + i:08d}", plaats="Maastricht",
                                 actief=True))

    naam_van_aanbieder = dict(zip(aanbieder_ids, (AANBIEDER_NAMEN[i % len(AANBIEDER_NAMEN)] for i in
                                                   range(n_aanbieders)), strict=True))

    def aanbieders_voor(wet: Wet, productcategorie: str) -> list[int]:
        namen = _aanbieder_namen(wet, productcategorie)
        return [a for a, n in naam_van_aanbieder.items() if n in namen] or aanbieder_ids

    used_bsn: set[str] = set()
    # At benchmark scale a few more clients make up for the open cases that have no provisions yet.
    n_clients = int(300 * schaal) + (int(15 * schaal) if schaal > 1 else 0)
    wmo_codes = [p["code"] for p in PRODUCTEN if p["wet"] == "wmo"]
    jeugd_codes = [p["code"] for p in PRODUCTEN if p["wet"] == "jeugdwet"]
    kenmerk_nr = 0
    toetser_ids = [r["id"] for r in rows[m.Gebruiker] if r["rol"] == Rol.TOETSER.value]
    admin_ids = [r["id"] for r in rows[m.Gebruiker] if r["rol"] == Rol.ADMINISTRATIEF.value]

    koppelingen: list[tuple[int, int, int]] = []  # (voorziening, behoefte, resultaat)
    for _ in range(n_clients):
        code = g.rnd.choice(list(team_ids))
        tid = team_ids[code]
        wet = Wet.JEUGDWET if g.rnd.random() < 0.3 else Wet.WMO
        man = g.rnd.random() < 0.45
        tv, an = g.rnd.choice(ACHTERNAMEN)
        leeftijd = g.rnd.randint(3, 17) if wet is Wet.JEUGDWET else g.rnd.randint(19, 96)
        geb = vandaag - dt.timedelta(days=leeftijd * 365 + g.rnd.randint(0, 364))
        pc, straten = STRATEN[code]
        cid = add(m.Client, bsn=g.bsn(used_bsn), voornamen=g.rnd.choice(VOORNAMEN_M if man else VOORNAMEN_V),
                  tussenvoegsel=tv or None, achternaam=an, geboortedatum=geb, geslacht="M" if man else "V",
                  straat=g.rnd.choice(straten), huisnummer=str(g.rnd.randint(1, 180)),
                  postcode=f"{pc} {g.rnd.choice('ABCDEGHJKLMNPRST')}{g.rnd.choice('ABCDEGHJKLMNPRSTVWXZ')}",
                  woonplaats="Maastricht", telefoon=f"06-{g.rnd.randint(10000000, 99999999)}",
                  email=None, communicatie=g.rnd.choice([None, None, None, "Slechthorend: rustig en duidelijk spreken.",
                                                          "Spreekt beperkt Nederlands; tolk Arabisch gewenst."]),
                  team_id=tid, aangemaakt_op=dt.datetime.combine(vandaag, dt.time()), versie=1)
        if wet is Wet.JEUGDWET:
            for soort_ouder in ("Moeder", "Vader")[: g.rnd.randint(1, 2)]:
                # The name as a letter is addressed to it ("Geachte Anouk Notermans"); mother or father is a note.
                add(m.Relatie, client_id=cid, soort="ouder",
                    naam=" ".join(x for x in (g.rnd.choice(VOORNAMEN_V if soort_ouder == "Moeder" else VOORNAMEN_M),
                                              tv, an) if x),
                    telefoon=f"06-{g.rnd.randint(10000000, 99999999)}", gezag=True, woont_in=True,
                    opmerking=soort_ouder)
        elif g.rnd.random() < 0.4:
            add(m.Relatie, client_id=cid, soort=g.rnd.choice(["partner", "netwerklid", "vertegenwoordiger"]),
                naam=f"{g.rnd.choice(VOORNAMEN_M + VOORNAMEN_V)} {g.rnd.choice(ACHTERNAMEN)[1]}",
                telefoon=f"06-{g.rnd.randint(10000000, 99999999)}", gezag=False, woont_in=g.rnd.random() < 0.5,
                opmerking=None)  # every row of one bulk insert has the same columns

        consulenten = per_team_consulenten[tid]
        consulent = g.rnd.choice(consulenten)
        if schaal <= 1 and tid == team_ids["CE"] and g.rnd.random() < 0.6:
            # The named demo accounts get a realistic caseload of their own.
            consulent = per_team_consulenten[tid][1 if wet is Wet.JEUGDWET else 0]
        # State of the case: spread over the whole process.
        r = g.rnd.random()
        if schaal > 1 and g.rnd.random() < 0.9:
            # Benchmark: mostly clients with active provisions; one in ten anywhere in the process, so the
            # work queue, the load per consultant and the flows have open work at scale too.
            r = 0.55 + r * 0.45
        # Dates run backwards from today, so that nothing derived from them (aanvraag, decision, sending) lies
        # in the future: an investigation done needs ~5 weeks behind it, a sent decision more.
        if r < 0.38:
            dagen = g.rnd.randint(1, 60)
        elif r < 0.55:
            dagen = g.rnd.randint(33, 75)
        else:
            dagen = g.rnd.randint(60, 1000)
        datum = vandaag - dt.timedelta(days=dagen)
        soort = g.rnd.choice([MeldingSoort.NIEUW, MeldingSoort.NIEUW, MeldingSoort.BESTAANDE_CLIENT, MeldingSoort.WIJZIGING])
        vraag = g.rnd.choice(VRAGEN_JEUGD if wet is Wet.JEUGDWET else VRAGEN_WMO)
        term = termijnen.termijn_einde(datum, termijnen.WMO_ONDERZOEK_WEKEN) if wet is Wet.WMO else None
        kanaal = g.rnd.choice([Kanaal.HUISARTS, Kanaal.SCHOOL, Kanaal.GECERTIFICEERDE_INSTELLING, Kanaal.CIT]) \
            if wet is Wet.JEUGDWET else g.rnd.choice([Kanaal.CIT, Kanaal.CIT, Kanaal.TELEFOON, Kanaal.SOCIAAL_TEAM])
        verwijzer = {"huisarts": "Huisartsenpraktijk Wyck", "school": "Sint-Maartenscollege",
                     "gecertificeerde_instelling": "Bureau Jeugdzorg Limburg"}.get(kanaal.value)
        melding = dict(client_id=cid, team_id=tid, wet=wet.value, soort=soort.value, datum=datum, kanaal=kanaal.value,
                       verwijzer=verwijzer, vraag=vraag, onderzoekstermijn_einde=term,
                       geschatte_uren=Decimal("4"), aangemaakt_op=dt.datetime.combine(datum, dt.time(9)), versie=1,
                       # Wmo 2015 art. 2.3.2 lid 6: the intake told the client about free cliëntondersteuning.
                       clientondersteuning_gewezen=True if wet is Wet.WMO else None,
                       clientondersteuning_gewezen_op=datum if wet is Wet.WMO else None)
        if r < 0.12:
            add(m.Melding, consulent_id=None, status=MeldingStatus.NIEUW.value, **melding)
            continue
        if r < 0.22:
            add(m.Melding, consulent_id=consulent, status=MeldingStatus.TOEGEWEZEN.value, **melding)
            continue
        klaar = r >= 0.38
        # As the use case does (onderzoek.rond_onderzoek_af): a completed investigation completes the melding, so
        # a decided case never shows "Onderzoek loopt" or an investigation term overdue.
        mid = add(m.Melding, consulent_id=consulent,
                  status=(MeldingStatus.AFGEROND if klaar else MeldingStatus.IN_ONDERZOEK).value, **melding)
        oid = add(m.Onderzoek, melding_id=mid, client_id=cid, wet=wet.value, consulent_id=consulent,
                  status="afgerond" if klaar else "open", startdatum=min(datum + dt.timedelta(days=3), vandaag),
                  gesprek_datum=min(datum + dt.timedelta(days=10), vandaag), gesprek_plaats="Bij cliënt thuis",
                  client_gehoord=True, vertegenwoordiger_gehoord=None, jeugdige_gehoord=True if wet is Wet.JEUGDWET else None,
                  huidige_stap=7 if klaar else g.rnd.randint(1, 6),
                  afgerond_op=dt.datetime.combine(datum + dt.timedelta(days=20), dt.time(16)) if klaar else None,
                  versie=1)
        inhoud: dict[str, list[int]] = {"behoeften": [], "resultaten": []}
        # The products this case gets (or will get): the investigation's needs are the needs they answer.
        n_vz = 3 if schaal > 1 else g.rnd.choice([1, 1, 2, 3])
        codes = g.rnd.sample(jeugd_codes if wet is Wet.JEUGDWET else wmo_codes, n_vz)
        if schaal <= 1 or not klaar:
            # At benchmark scale only the open investigations get their steps and content (the 20,000 decided
            # ones would only slow the build); an investigation without its seven steps cannot be opened.
            n_done = 7 if klaar else g.rnd.randint(0, 5)
            inhoud = _demo_onderzoek(add, g.rnd, oid, wet, n_done, klaar, datum, codes, man=man)
            rows[m.Onderzoek][-1].update(
                derden_geraadpleegd="Huisarts (telefonisch)" if wet is Wet.WMO else "Mentor van school, huisarts",
                eerdere_hulp_evaluatie="Geen eerdere hulp vanuit de gemeente." if g.rnd.random() < 0.6
                else "Eerder kortdurende begeleiding; hielp tijdelijk, doelen niet blijvend bereikt.",
                gezinsplan_verwacht=True if wet is Wet.JEUGDWET and klaar else None,
                vertegenwoordiger_gehoord=True if wet is Wet.JEUGDWET or any(
                    r["client_id"] == cid and r["soort"] == "vertegenwoordiger" for r in rows.get(m.Relatie, [])[-2:])
                else None)
        if not klaar:
            continue
        aanvraag_datum = datum + dt.timedelta(days=21)
        # As the use cases do: a request is decided when its decision is sent (verzending), not at approval.
        open_aanvraag = r < 0.55
        beslis = termijnen.termijn_einde(
            aanvraag_datum, termijnen.WMO_BESLIS_WEKEN if wet is Wet.WMO else termijnen.JEUGD_BESLIS_WEKEN)
        aid = add(m.Aanvraag, client_id=cid, onderzoek_id=oid, wet=wet.value, soort=soort.value, datum=aanvraag_datum,
                  status="open" if open_aanvraag else "besloten", team_id=tid, consulent_id=consulent,
                  beslistermijn_einde=beslis, verslag_uitgereikt_op=aanvraag_datum, reactie_datum=aanvraag_datum,
                  reactie_opmerkingen=None, verslag_getekend=True, versie=1)
        if r < 0.45:
            b_status = BeschikkingStatus.CONCEPT
        elif r < 0.50:
            b_status = BeschikkingStatus.TER_TOETSING
        elif r < 0.55:
            b_status = BeschikkingStatus.GOEDGEKEURD
        else:
            b_status = BeschikkingStatus.VERZONDEN
        vz_ids: list[int] = []
        grond_tekst: dict[int, str] = {}
        besluiten: dict[int, str] = {}
        gronden: dict[int, str] = {}
        for pc_code in codes:
            p = prod_by_code[pc_code]
            vol, freq = OMVANG[pc_code]
            start = aanvraag_datum + dt.timedelta(days=14)
            eenmalig = freq == "6"
            besluit = Besluit.AFGEWEZEN if g.rnd.random() < 0.08 else Besluit.TOEGEKEND
            # A loaned aid (wheelchair "in bruikleen") is always in kind: it stays the municipality's.
            # Collective transport is a municipal system (Omnibuzz), never a budget; aids counted in pieces are
            # delivered in kind (a pgb is stated per week, month or year, which does not fit a one-off aid).
            zin = g.rnd.random() < 0.85 or eenmalig or p["productcategorie"] == "08"
            po = None if eenmalig or wet is Wet.JEUGDWET else start + dt.timedelta(days=g.rnd.randint(330, 1090))
            eind = start + dt.timedelta(days=365) if wet is Wet.JEUGDWET or eenmalig else None
            actief = b_status is BeschikkingStatus.VERZONDEN and besluit is Besluit.TOEGEKEND
            if actief and eind and eind < vandaag:
                status = VoorzieningStatus.BEEINDIGD
            elif actief:
                status = VoorzieningStatus.ACTIEF
            elif b_status is BeschikkingStatus.VERZONDEN:
                status = VoorzieningStatus.BESLOTEN
            else:
                status = VoorzieningStatus.CONCEPT
            vz_ids.append(add(
                m.Voorziening, aanvraag_id=aid, client_id=cid, wet=wet.value, productcategorie=p["productcategorie"],
                product_id=prod_ids[pc_code], volume=Decimal(vol), eenheid=p["eenheid"], frequentie=freq,
                startdatum=start, einddatum=eind, po_datum=po,
                leveringsvorm=(Leveringsvorm.ZIN if zin else Leveringsvorm.PGB).value,
                aanbieder_id=g.rnd.choice(aanbieders_voor(wet, p["productcategorie"])) if zin else None,
                pgb_bedrag=None if zin else (Decimal(vol) * Decimal(p["tarief"]) * Decimal("0.75") *
                                             (52 if freq == "2" else 12 if freq == "4" else 1)).quantize(Decimal("1")),
                pgb_periode=None if zin else "jaar",
                beoogd_resultaat=_beoogd_resultaat(wet, p["productcategorie"]),
                motivering="Zie gespreksverslag, stap 4 tot en met 7.", besluit=besluit.value, status=status.value,
                plan_verwacht_op=start + dt.timedelta(days=42) if p.get("plan_nodig") else None,
                plan_ontvangen_op=(start + dt.timedelta(days=g.rnd.randint(20, 80))) if p.get("plan_nodig") and g.rnd.random() < 0.7 else None,
                toegewezen_op=start if actief and zin else None,
                beeindigd_op=eind if status is VoorzieningStatus.BEEINDIGD else None, versie=1))
            besluiten[vz_ids[-1]] = besluit.value
            if inhoud["behoeften"] and inhoud["resultaten"]:  # step 7: each provision answers a need and a result
                i = len(vz_ids) - 1
                beh_id = inhoud["behoeften"][i % len(inhoud["behoeften"])]
                koppelingen.append((vz_ids[-1], beh_id, inhoud["resultaten"][i % len(inhoud["resultaten"])]))
                # The decision follows the bruto/netto table, as the use cases demand (rules.weigeringsgronden):
                # no more granted than the netto need; a refusal of a netto need rests on a recorded ground.
                if _volg_netto(rows, rows[m.Voorziening][-1], beh_id):
                    gronden[vz_ids[-1]], grond_tekst[vz_ids[-1]] = _demo_weigering(wet, p["productcategorie"])
            if actief and po is not None:
                add(m.PeriodiekOnderzoek, voorziening_id=vz_ids[-1], client_id=cid, team_id=tid, geplande_datum=po,
                    consulent_id=consulent if g.rnd.random() < 0.5 else None, status="gepland", versie=1)
        if b_status is BeschikkingStatus.CONCEPT and g.rnd.random() < 0.5:
            continue
        kenmerk_nr += 1
        verzonden = b_status is BeschikkingStatus.VERZONDEN
        verzonden_op = aanvraag_datum + dt.timedelta(days=12) if verzonden else None
        bid = add(
            m.Beschikking, aanvraag_id=aid, client_id=cid, type="aanvraag",
            kenmerk=f"MAA-{aanvraag_datum.year}-{kenmerk_nr:06d}", status=b_status.value, auteur_id=consulent,
            datum=aanvraag_datum + dt.timedelta(days=10) if b_status is not BeschikkingStatus.CONCEPT else None,
            toetser_id=g.rnd.choice(toetser_ids) if b_status in (BeschikkingStatus.GOEDGEKEURD, BeschikkingStatus.VERZONDEN) else None,
            ter_toetsing_op=dt.datetime.combine(aanvraag_datum + dt.timedelta(days=8), dt.time(11))
            if b_status is not BeschikkingStatus.CONCEPT else None,
            goedgekeurd_op=dt.datetime.combine(aanvraag_datum + dt.timedelta(days=10), dt.time(14))
            if b_status in (BeschikkingStatus.GOEDGEKEURD, BeschikkingStatus.VERZONDEN) else None,
            verzonden_op=verzonden_op, verzendwijze="post" if verzonden else None,
            verzonden_door_id=g.rnd.choice(admin_ids) if verzonden else None,
            bezwaartermijn_einde=termijnen.termijn_einde(verzonden_op, termijnen.BEZWAAR_WEKEN) if verzonden_op else None,
            bijlagen={"items": ["verslag"]}, versie=1)
        for vid in vz_ids:
            add(m.BeschikkingRegel, beschikking_id=bid, voorziening_id=vid,
                besluit=besluiten[vid], weigeringsgrond=gronden.get(vid),
                motivering=grond_tekst.get(vid))
        if b_status in (BeschikkingStatus.GOEDGEKEURD, BeschikkingStatus.VERZONDEN):
            # The four-eyes review that approved it, with scores per criterion (steering on quality needs them).
            tid_toets = add(m.Toetsing, beschikking_id=bid, toetser_id=rows[m.Beschikking][-1]["toetser_id"],
                            tijdstip=rows[m.Beschikking][-1]["goedgekeurd_op"], uitkomst="goedgekeurd",
                            opmerkingen=None)
            for criterium in range(1, 14):
                score = g.rnd.choices(["voldoende", "matig", "nvt"], weights=[80, 15, 5])[0]
                add(m.ToetsingScore, toetsing_id=tid_toets, criterium=criterium, score=score,
                    toelichting=None if score != "matig" else "Motivering kan concreter.")
        if verzonden:
            add(m.Verzending, beschikking_id=bid, datum=verzonden_op, wijze="post",
                door_id=g.rnd.choice(admin_ids), afschrift=False,
                tijdstip=dt.datetime.combine(verzonden_op or vandaag, dt.time(15)))

    order = [m.Team, m.Gebruiker, m.Product, m.Aanbieder, m.Client, m.Relatie, m.Melding, m.Onderzoek,
             m.OnderzoekStap, m.LeefgebiedProbleem, m.GewenstResultaat, m.Behoefte, m.Dekking, m.Aanvraag, m.Voorziening, m.PeriodiekOnderzoek, m.Beschikking, m.BeschikkingRegel,
             m.Toetsing, m.ToetsingScore, m.Verzending]
    with ctx.engine.begin() as conn:
        for model in order:
            batch = rows.get(model, [])
            for i in range(0, len(batch), 5000):
                conn.execute(insert(model), batch[i:i + 5000])
        if serving:
            conn.execute(insert(m.gebruiker_team), [{"gebruiker_id": u, "team_id": t} for u, t in serving])
        # The provider register's contracts: per product the providers that deliver it (step 7 offers those).
        contracten = {(a, pid) for code, pid in prod_ids.items()
                      for a in aanbieders_voor(Wet(prod_by_code[code]["wet"]), prod_by_code[code]["productcategorie"])[:6]}
        if contracten:
            conn.execute(insert(m.aanbieder_product), [{"aanbieder_id": a, "product_id": p} for a, p in sorted(contracten)])
        if koppelingen:
            conn.execute(insert(m.voorziening_behoefte), [{"voorziening_id": v, "behoefte_id": b}
                                                           for v, b, _r in koppelingen])
            conn.execute(insert(m.voorziening_resultaat), [{"voorziening_id": v, "resultaat_id": r}
                                                            for v, _b, r in koppelingen])
        # The reviews went in without the ORM: count their scores per month for the toetsscores overview.
        from consulent_app.services import toetstelling

        toetstelling.herbouw(conn)
        if conn.dialect.name == "postgresql":
            # Bulk inserts with explicit ids leave the sequences behind; move them past the data.
            for model in order:
                tabel = model.__tablename__  # type: ignore[attr-defined]
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), COALESCE((SELECT MAX(id) FROM {tabel}), 1))"
                )
    if schaal <= 1:
        # The running provisions in kind reach their providers as iWmo/iJw 301 messages, ready for the GGk (at
        # benchmark scale bench/bench_berichten.py makes its own).
        from consulent_app.services import berichten

        berichten.wijs_lopende_voorzieningen_toe(ctx, vandaag=vandaag)
    from consulent_app.financien import demo as financien_demo
    from consulent_app.services import financien

    if declaraties:
        financien_demo.vul_tarieven(ctx, vandaag)
        financien_demo.vul_declaraties(ctx, vandaag)
    # The bulk load went around the use cases (and their session hook): the Financiën summaries from the tables,
    # as `consulent-app financien herbereken` does, then the budgets the demo's screen tells its story with.
    financien.herbereken_samenvatting(ctx, peildatum=vandaag)
    if declaraties:
        financien_demo.vul_budgetten(ctx, vandaag)
