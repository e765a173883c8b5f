"""Termijnen: running legal terms nearest end first (own for consultants, per team for team leaders and planners),
with suspension (Awb 4:15) and postponement (Awb 4:14) from the list."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from consulent_app import termijnen
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ConsulentFout
from consulent_app.formatting import datum as datum_tekst
from consulent_app.services import termijnbewaking as tb
from consulent_app.services.termijnbewaking import TermijnRegel
from ui.pages._formdialoog import FormDialoog
from ui.pages._werk import WerkLijst
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Kolom, datum_kort, label_van
from ui.widgets import DatumVeld, Formulier, Keuzelijst, combo, een_keer_getekend, laad, telt_als_tekenen

PIL = {"overschreden": "rood", "verloopt_binnenkort": "oranje", "opgeschort": "blauw", "op_tijd": "groen",
       "loopt": "grijs"}


def _werkdagen(r: TermijnRegel) -> str:
    if r.werkdagen < 0:
        return f"{-r.werkdagen} te laat"
    return "vandaag" if r.werkdagen == 0 else str(r.werkdagen)


def _termijn(r: TermijnRegel) -> str:
    delen = [r.soort_tekst]
    if r.verdaagd:
        delen.append("verdaagd")
    if r.opgeschort:
        delen.append("opgeschort")
    return ", ".join(delen)


class Termijnen(WerkLijst):
    def __init__(self, shell: Shell) -> None:
        self.is_team = shell.actor.rol in (Rol.TEAMLEIDER, Rol.PLANNER)
        self.is_keten = shell.actor.rol is Rol.ADMINISTRATIEF  # the message traffic's terms (iStandaarden)
        boven = QWidget()
        rij = QHBoxLayout(boven)
        rij.setContentsMargins(0, 0, 0, 0)
        rij.setSpacing(10)
        self.team_keuze = Keuzelijst()
        self.team_keuze.setMinimumWidth(240)
        if self.is_team:
            lab = QLabel("&Team")
            lab.setBuddy(self.team_keuze)
            rij.addWidget(lab)
            rij.addWidget(self.team_keuze)
            rij.addSpacing(16)
        self.bezwaar = QCheckBox("Ook lopende be&zwaartermijnen tonen")
        self.bezwaar.setToolTip(f"{termijnen.BEZWAAR.tekst}.")
        rij.addWidget(self.bezwaar)
        self.bezwaar.setVisible(not self.is_keten)
        rij.addStretch(1)

        kolommen: list[Kolom[TermijnRegel]] = [
            Kolom("Status", lambda r: r.status_tekst, pil=lambda r: PIL.get(r.status, "grijs"), min_breedte=236,
                  sorteer=lambda r: (r.einde, r.client)),
            Kolom("Uiterlijk", lambda r: r.einde, tekst=datum_kort, min_breedte=96,
                  tooltip=lambda r: f"Laatste dag: {datum_tekst(r.einde)}; gestart op {datum_tekst(r.startdatum)}."),
            Kolom("Werkdagen", _werkdagen, rechts=True, sorteer=lambda r: r.werkdagen),
            Kolom("Cliënt", lambda r: r.client, min_breedte=150),
            Kolom("Wet", lambda r: r.wet, tekst=label_van(Wet)),
            Kolom("Termijn", _termijn, rek=True, tooltip=lambda r: r.grondslag),
        ]
        if self.is_team:
            kolommen.insert(4, Kolom("Consulent", lambda r: r.consulent or "niet toegewezen", min_breedte=140))
        if self.is_keten:
            toelichting = (f"De termijnen van het berichtenverkeer met aanbieders: elk ontvangen bericht krijgt binnen "
                           f"{termijnen.KETEN_RETOUR_WERKDAGEN} werkdagen zijn retour, en een aanbieder beantwoordt "
                           "een toewijzing of antwoord binnen die tijd. Weekenden en feestdagen tellen niet als "
                           "werkdag. Enter opent Berichtenverkeer.")
        else:
            toelichting = (("Alle lopende wettelijke termijnen van uw team" if self.is_team else
                            "Uw lopende wettelijke termijnen en te late plannen van aanbieders")
                           + ", de dichtstbijzijnde einddatum bovenaan. Weekenden en feestdagen tellen mee volgens "
                             "de Algemene termijnenwet. Enter opent het dossier.")
        super().__init__(
            shell, titel="Termijnen", toelichting=toelichting,
            kolommen=kolommen, bron=self._laad,
            leeg=("Er staan geen retouren klaar en er wacht geen bericht te lang op een retour." if self.is_keten
                  else "Er lopen geen wettelijke termijnen." if self.is_team else "U heeft geen lopende termijnen."),
            telwoord=("termijn", "termijnen"), boven=boven)
        telt_als_tekenen(self.tabel.viewport())  # no step of the page's loading in the turn of its paint
        self.tabel.rij_geopend.disconnect()
        self.tabel.rij_geopend.connect(self._open)
        self.opschort_knop = self.knop("&Opschorten…", self.opschorten,
                                       tip=f"{termijnen.OPSCHORTING_ARTIKEL}: de beslistermijn staat stil, "
                                           "bijvoorbeeld tot de cliënt de aanvraag aanvult; de onderzoekstermijn "
                                           "alleen in overleg met de cliënt.")
        self.hervat_knop = self.knop("Opschorting b&eëindigen…", self.beeindig_opschorting)
        self.verdaag_knop = self.knop("&Verdagen…", self.verdagen,
                                      tip=f"{termijnen.VERDAGING_ARTIKEL}: vóór het einde van de termijn laten weten "
                                          "dat het besluit later komt, met een nieuwe termijn.")
        self.detail = QLabel(self)  # made in the page: styled once (ui.pages.base.ouder)
        self.detail.setObjectName("uitleg")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAccessibleName("Verloop van de geselecteerde termijn")
        self.layout().addWidget(self.detail)
        self.tabel.selectionModel().selectionChanged.connect(self._knoppen_bij)
        self.tabel.selectionModel().selectionChanged.connect(self._detail_bij)
        self.geladen.connect(self._knoppen_bij)
        self.geladen.connect(self._detail_bij)
        self.bezwaar.toggled.connect(self.vernieuw)
        if self.is_team:
            self._vul_teams()
            self.team_keuze.currentIndexChanged.connect(self.vernieuw)
        self._knoppen_bij()


    def _geladen(self, items: Any) -> None:
        # The list painted once when its rows come, with the column widths of its whole sample: the rows, Qt's
        # repaint of the resized columns and the refit after the sample painted all 1,260 rows three times.
        with een_keer_getekend(self.tabel, na_de_proef=True):
            super()._geladen(items)

    def _open(self, r: Any) -> None:
        """A provider's request opens where it is answered (Verzoeken aanbieders); every other term the dossier."""
        heeft = getattr(self.shell, "heeft_pagina", lambda _k: False)
        if getattr(r, "soort", None) == "verzoek" and heeft("verzoek"):
            self.shell.open_page("verzoek", verzoek_id=r.object_id)
        elif getattr(r, "soort", None) in ("retour", "retour_aanbieder"):
            if heeft("berichten"):
                self.shell.open_page("berichten")
        else:
            self.shell.open_dossier(r.client_id)
    def _vul_teams(self) -> None:
        try:
            teams = [t for t in self.shell.ops.gegeven("teams") if t.id in self.shell.actor.teams]
        except ConsulentFout:
            teams = []
        self.team_keuze.blockSignals(True)
        if len(teams) != 1:
            self.team_keuze.addItem("Alle teams", None)
        for t in teams:
            self.team_keuze.addItem(t.naam, t.id)
        self.team_keuze.blockSignals(False)

    def _laad(self) -> list[TermijnRegel]:
        vandaag = dt.date.today()
        if self.is_keten:
            return tb.ketentermijnen(self.shell.ctx, self.shell.actor, vandaag=vandaag)
        if self.is_team:
            return tb.termijnen_team(self.shell.ctx, self.shell.actor, self.team_keuze.currentData(),
                                     met_bezwaar=self.bezwaar.isChecked(), vandaag=vandaag)
        return tb.mijn_termijnen(self.shell.ctx, self.shell.actor, met_bezwaar=self.bezwaar.isChecked(),
                                 vandaag=vandaag)

    def _knoppen_bij(self, *_a: Any) -> None:
        r = self.geselecteerd()
        mag = self.shell.actor.rol in tb.TERMIJN_ROLLEN
        zaak = r is not None and r.soort in ("onderzoek", "beslissing")
        for k in (self.opschort_knop, self.hervat_knop, self.verdaag_knop):
            k.setVisible(mag)
        self.opschort_knop.setEnabled(zaak and not (r and r.opgeschort))
        self.hervat_knop.setEnabled(bool(zaak and r and r.opgeschort))
        self.verdaag_knop.setEnabled(bool(r is not None and r.soort == "beslissing"))

    def _detail_bij(self, *_a: Any) -> None:
        """Under the list: the legal ground of the selected term and its suspensions and postponements."""
        r = self.geselecteerd()
        if r is None or not self.tabel.isVisible():
            self.detail.clear()
            return
        basis = f"<b>{html.escape(r.client)}</b> · {html.escape(r.grondslag)}"
        if r.soort not in ("onderzoek", "beslissing") or not (r.ooit_opgeschort or r.verdaagd):
            self.detail.setText(basis)
            return
        ctx, actor, zaak = self.shell.ctx, self.shell.actor, self._zaak(r)

        def toon(zt: tb.ZaakTermijn) -> None:
            if self.geselecteerd() is not r:
                return
            delen = [basis]
            if zt.opschortingen or zt.verdagingen:
                delen.append(f"Wettelijk einde zonder opschorting of verdaging: {datum_tekst(zt.wettelijk_einde)}.")
            for o in zt.opschortingen:
                if o.soort == termijnen.OpschortingSoort.AANVULLING.value:
                    tot = (f"aangevuld op {datum_kort(o.aangevuld_op)}" if o.aangevuld_op else
                           "loopt nog" if o.loopt else "hersteltermijn ongebruikt verstreken")
                    wanneer = (f"aanvulling gevraagd op {datum_kort(o.start)}, uiterlijk "
                               f"{datum_kort(o.uiterlijk) if o.uiterlijk else '-'}, {tot}")
                else:
                    wanneer = f"{datum_kort(o.start)} tot en met {datum_kort(o.eind)}" if o.eind else \
                        f"vanaf {datum_kort(o.start)} (loopt nog)"
                delen.append(f"{html.escape(o.soort_tekst)} ({html.escape(o.grondslag)}): {wanneer}, "
                             f"{o.dagen} dag{'en' if o.dagen != 1 else ''} opgeschort. {html.escape(o.reden or '')}")
            for v in zt.verdagingen:
                delen.append(f"Verdaagd met kennisgeving van {datum_kort(v.kennisgeving_datum)} tot en met "
                             f"{datum_tekst(v.nieuwe_einddatum)}: {html.escape(v.reden or '')}")
            self.detail.setText("<br>".join(delen))

        laad(self, lambda: tb.zaak_termijn(ctx, actor, **zaak), toon)  # type: ignore[arg-type]

    def _zaak(self, r: TermijnRegel) -> dict[str, int | None]:
        return {"melding_id": r.melding_id, "aanvraag_id": None} if r.soort == "onderzoek" \
            else {"melding_id": None, "aanvraag_id": r.aanvraag_id}

    def _klaar(self, tekst: str) -> None:
        self.shell.melding(tekst)
        self.vernieuw()

    # --- actions -------------------------------------------------------------------------------------------------

    def opschorten(self) -> FormDialoog | None:
        r = self.geselecteerd()
        if r is None or r.soort not in ("onderzoek", "beslissing"):
            return None
        soorten = termijnen.OpschortingSoort.voor(r.soort)
        form = Formulier()
        soort = combo([(s.label, s.value) for s in soorten])
        form.voeg_toe("soort", "&Grond", soort, hint=" ")
        start = DatumVeld()
        start.zet_datum(dt.date.today())
        form.voeg_toe("start", "&Begint op", start)
        uiterlijk = DatumVeld()
        uiterlijk.zet_datum(dt.date.today() + dt.timedelta(weeks=2))
        form.voeg_toe("uiterlijk", "&Aanvullen uiterlijk op", uiterlijk,
                      hint="De termijn die de cliënt in de brief kreeg om de aanvraag aan te vullen "
                           f"({termijnen.HERSTELTERMIJN_ARTIKEL}). Loopt die ongebruikt af, dan eindigt de opschorting "
                           "vanzelf.")
        form.voeg_toe("eind", "&Eindigt op", DatumVeld(), hint=" ")
        reden = QPlainTextEdit()
        reden.setTabChangesFocus(True)
        reden.setFixedHeight(70)
        form.voeg_toe("reden", "&Reden", reden)
        zaak = self._zaak(r)

        def bij_soort() -> None:
            gekozen = termijnen.OpschortingSoort(soort.currentData())
            aanvulling = gekozen is termijnen.OpschortingSoort.AANVULLING
            form.hints["soort"].setText(gekozen.grondslag[0].upper() + gekozen.grondslag[1:] + ".")
            form.hints["eind"].setText("De laatste dag van de verlenging." if r.soort == "onderzoek" else
                                       "De laatste dag waarop de termijn stilstaat; leeg zolang dat niet bekend is.")
            form.labels["start"].setText("&Verzoek om aanvulling verstuurd op" if aanvulling else
                                         "&Eerste dag")
            form.toon_rij("uiterlijk", aanvulling)
            form.toon_rij("eind", not aanvulling)

        soort.currentIndexChanged.connect(bij_soort)
        bij_soort()

        def actie(w: dict[str, Any]) -> int:
            aanvulling = w["soort"] == termijnen.OpschortingSoort.AANVULLING.value
            return tb.schort_op(self.shell.ctx, self.shell.actor, soort=w["soort"], start=w["start"],
                                eind=None if aanvulling else w["eind"], uiterlijk=w["uiterlijk"] if aanvulling else None,
                                reden=w["reden"], **zaak)  # type: ignore[arg-type]

        uitleg = ("De onderzoekstermijn kan alleen in overleg met de cliënt worden verlengd "
                  f"({termijnen.ONDERZOEK_WMO.artikel}); leg die afspraak hier vast." if r.soort == "onderzoek" else
                  f"De termijn wordt verlengd met precies het aantal opgeschorte dagen ({termijnen.OPSCHORTING_ARTIKEL}).")
        dlg = FormDialoog(self, "Termijn verlengen" if r.soort == "onderzoek" else "Termijn opschorten",
                          f"{r.soort_tekst} van {r.client}, nu tot en met {datum_tekst(r.einde)}. {uitleg}", form,
                          actie, ok="&Opschorten" if r.soort == "beslissing" else "&Verlengen")
        return self._toon(dlg, "De termijn is verlengd." if r.soort == "onderzoek" else "De termijn is opgeschort.")

    def beeindig_opschorting(self) -> None:
        """Read the case's term off the GUI thread (ui.ops), then open the dialog (`dialoog`)."""
        r = self.geselecteerd()
        if r is None or not r.opgeschort:
            return
        ctx, actor, zaak = self.shell.ctx, self.shell.actor, self._zaak(r)
        self.dialoog: FormDialoog | None = None

        def open_(zt: tb.ZaakTermijn) -> None:
            self.dialoog = self._beeindig_dialoog(r, zt)

        self.shell.ops.lees(self, lambda: tb.zaak_termijn(ctx, actor, **zaak), open_,  # type: ignore[arg-type]
                            sleutel="opschorting")

    def _beeindig_dialoog(self, r: TermijnRegel, zt: tb.ZaakTermijn) -> FormDialoog | None:
        lopend = next((o for o in zt.opschortingen if o.loopt), None)
        if lopend is None:
            return None
        aanvulling = lopend.soort == termijnen.OpschortingSoort.AANVULLING.value
        form = Formulier()
        eind = DatumVeld()
        eind.zet_datum(dt.date.today())
        if aanvulling:
            form.voeg_toe("eind", "&Aangevuld op", eind,
                          hint=f"Gevraagd op {datum_tekst(lopend.start)}, aanvullen uiterlijk op "
                               f"{datum_tekst(lopend.uiterlijk) if lopend.uiterlijk else '-'}. Vanaf deze dag loopt "
                               "de termijn weer.")
        else:
            form.voeg_toe("eind", "&Laatste opgeschorte dag", eind,
                          hint=f"De opschorting begon op {datum_tekst(lopend.start)}.")

        def actie(w: dict[str, Any]) -> dt.date | None:
            return tb.beeindig_opschorting(self.shell.ctx, self.shell.actor, lopend.id, w["eind"])

        dlg = FormDialoog(self, "Opschorting beëindigen", f"{r.soort_tekst} van {r.client}. {lopend.grondslag}.",
                          form, actie, ok="&Beëindigen")
        return self._toon(dlg, "De opschorting is beëindigd; de termijn is opnieuw berekend.")

    def verdagen(self) -> FormDialoog | None:
        r = self.geselecteerd()
        if r is None or r.soort != "beslissing" or r.aanvraag_id is None:
            return None
        artikel = termijnen.verdaging_artikel(r.wet)
        regel = termijnen.beslistermijn(r.wet)
        form = Formulier()
        kennis = DatumVeld()
        kennis.zet_datum(dt.date.today())
        form.voeg_toe("kennisgeving_datum", "&Kennisgeving verstuurd op", kennis,
                      hint=f"Uiterlijk op {datum_tekst(r.einde)}, de laatste dag van de termijn.")
        form.voeg_toe("nieuwe_einddatum", "&Nieuwe einddatum", DatumVeld(),
                      hint=f"Zo kort mogelijk ({artikel}), zoals genoemd in de brief aan de cliënt.")
        reden = QPlainTextEdit()
        reden.setTabChangesFocus(True)
        reden.setFixedHeight(70)
        form.voeg_toe("reden", "&Reden", reden)
        lengte = QPlainTextEdit()
        lengte.setTabChangesFocus(True)
        lengte.setFixedHeight(56)
        form.voeg_toe("reden_lengte", "Waarom &zo lang", lengte,
                      hint=f"Alleen nodig als de nieuwe termijn langer is dan de oorspronkelijke ({regel.lengte}).")
        aanvraag_id = r.aanvraag_id

        def actie(w: dict[str, Any]) -> dt.date:
            return tb.verdaag(self.shell.ctx, self.shell.actor, aanvraag_id,
                              kennisgeving_datum=w["kennisgeving_datum"], nieuwe_einddatum=w["nieuwe_einddatum"],
                              reden=w["reden"], reden_lengte=w["reden_lengte"])

        dlg = FormDialoog(self, "Beslistermijn verdagen",
                          f"Aanvraag van {r.client}. Verdagen kan alleen als de cliënt vóór het einde van de termijn "
                          f"bericht krijgt ({artikel}).", form, actie, ok="&Verdagen")
        return self._toon(dlg, "De beslistermijn is verdaagd.")

    def _toon(self, dlg: FormDialoog, gelukt: str) -> FormDialoog:
        dlg.accepted.connect(lambda: self._klaar(gelukt))
        if not getattr(self, "niet_modaal", False):
            dlg.exec()
        return dlg


def maak(shell: Shell) -> QWidget:
    return Termijnen(shell)


PAGE = PageSpec(
    key="termijnen", titel="Termijnen", rollen=(Rol.CONSULENT, Rol.TEAMLEIDER, Rol.PLANNER, Rol.ADMINISTRATIEF),
    maak=maak,
    volgorde=30, sneltoets="Ctrl+7", extra={"icoon": "werk"},
)

