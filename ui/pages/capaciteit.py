"""Capaciteit: the FTE an inflow needs (the 2020 report's formula) next to the FTE actually in the team."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from consulent_app import formatting, planning
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.export import Type
from consulent_app.services import planning as svc
from consulent_app.services.overzicht import Filter
from ui.pages._overzicht import Grafiek, OverzichtPagina, Veld, tabel
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Tabel
from ui.widgets import Kaart, StatusPil, kop

SIGNAAL_PIL = {planning.Signaal.RUIMTE: "groen", planning.Signaal.OP_NORM: "blauw",
               planning.Signaal.OVERBELAST: "rood"}


def lees_getal(tekst: str, veld: str, label: str) -> float | None:
    """'27', '6,75' or '' (None) -> float; anything else a Dutch message at the field."""
    tekst = tekst.strip().removesuffix("%").strip()
    tekst = tekst.replace(".", "").replace(",", ".") if "," in tekst else tekst
    if not tekst:
        return None
    try:
        return float(tekst)
    except ValueError as exc:
        raise ValidatieFout.veld(veld, f"{label}: vul een getal in, bijvoorbeeld 6,75.") from exc


class Capaciteit(OverzichtPagina):
    export_titel = "Capaciteit"

    def __init__(self, shell: Shell) -> None:
        super().__init__(
            shell, "Capaciteit",
            "Benodigde fte = dossiers per week × uren per dossier ÷ (uren per fte-week × productieve tijd in %), zoals in "
            "het onderzoeksrapport van 2020 (27 dossiers van 4 uur = 4 fte). De instroom is gemeten over de periode "
            "(standaard de laatste 13 weken): meldingen plus periodieke onderzoeken. Vul een eigen instroom in om "
            "door te rekenen.")
        # The fields, the outcome with its chart, then the list, each in its own frame after the page's (issue 13):
        # the page's frame with the fields stood the window still 10-11 ms. The data after them; computing reads
        # the fields, so it waits for them (vernieuw).
        rij = QHBoxLayout()
        rij.setSpacing(12)
        self.inhoud.addLayout(rij, 3)
        self.deel_later(lambda: self._bouw_invoer(rij))
        self.deel_later(lambda: self._bouw_uitkomst(rij))
        self.deel_later(self._bouw_lijst)

    def _bouw_invoer(self, rij: QHBoxLayout) -> None:
        # Made top-down, each widget in its parent (the card in the page): styled once, not again when a layout
        # moves it in; the card was made on its own and put in the page at the end, its fields styled twice.
        invoer = Kaart(self)
        invoer.inhoud.addWidget(kop("Rekenen met", niveau=2, parent=invoer))
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        normen = self.shell.ctx.config.normen
        self.velden_invoer: dict[str, tuple[QLineEdit, QLabel]] = {}

        def veld(naam: str, label: str, standaard: str, tip: str) -> QLineEdit:
            w = QWidget(invoer)
            e = QLineEdit(w)
            e.setPlaceholderText(standaard)
            e.setToolTip(tip)
            e.setMaximumWidth(120)
            e.setAccessibleName(label.replace("&", ""))
            # Enter and Tab alike: the value is applied (or refused at the field) when the field is left.
            e.editingFinished.connect(self.vernieuw)
            fout = QLabel(w)
            fout.setObjectName("veldfout")  # its colour from style.qss: a style sheet of its own is styled apart
            fout.setWordWrap(True)
            fout.hide()
            box = QVBoxLayout(w)
            box.setSpacing(2)
            box.addWidget(e)
            box.addWidget(fout)
            box.setContentsMargins(0, 0, 0, 0)
            lab = QLabel(label, invoer)
            lab.setBuddy(e)
            form.addRow(lab, w)
            self.velden_invoer[naam] = (e, fout)
            return e

        self.instroom_wmo = veld("instroom_wmo", "Instroom Wm&o per week", "gemeten",
                                 "Leeg: de gemeten instroom uit de periode")
        self.instroom_jeugd = veld("instroom_jeugdwet", "Instroom &Jeugd per week", "gemeten",
                                   "Leeg: de gemeten instroom uit de periode")
        standaard_pct = formatting.getal(normen.productiviteit * 100, 0)
        self.productief = veld("productiviteit", "P&roductieve tijd (%)", f"{standaard_pct} %",
                               f"Percentage van de werkweek voor dossiers, bijvoorbeeld 80; leeg: {standaard_pct} %")
        self.fte_week = veld("uren_per_fte_week", "&Uren per fte-week", formatting.getal(normen.uren_per_fte_week, 0),
                             "Een volle werkweek volgens de cao Gemeenten: 36 uur")
        invoer.inhoud.addLayout(form)
        self.norm_uitleg = QLabel(invoer)
        self._zet_voorbeeld(planning.Normen.uit_config(normen))
        self.norm_uitleg.setObjectName("uitleg")
        self.norm_uitleg.setWordWrap(True)
        invoer.inhoud.addWidget(self.norm_uitleg)
        invoer.inhoud.addStretch(1)
        invoer.setMaximumWidth(420)
        rij.addWidget(invoer, 2)

    def _bouw_uitkomst(self, rij: QHBoxLayout) -> None:
        uitkomst = Kaart(self)  # top-down, made in its parent: styled once
        rij.addWidget(uitkomst, 3)
        regel = QHBoxLayout()
        self.uitkomst_titel = kop("Benodigd tegenover aanwezig", niveau=2, parent=uitkomst)
        regel.addWidget(self.uitkomst_titel, 1)
        self.pil = StatusPil(parent=uitkomst)
        regel.addWidget(self.pil)
        uitkomst.inhoud.addLayout(regel)
        self.samenvatting = QLabel(uitkomst)
        self.samenvatting.setWordWrap(True)
        uitkomst.inhoud.addWidget(self.samenvatting)
        self.grafiek = Grafiek("", hoogte=190, parent=uitkomst)
        uitkomst.inhoud.addWidget(self.grafiek, 1)

    def _bouw_lijst(self) -> None:
        self.regel_velden = [
            Veld("Wet", lambda r: r.label, rek=True),
            Veld("Dossiers in periode", lambda r: r.dossiers, Type.GEHEEL),
            Veld("Instroom per week", lambda r: r.instroom_per_week, Type.GETAL, decimalen=2,
                 tooltip=lambda r: "Zelf ingevuld" if r.handmatig else "Gemeten over de periode"),
            Veld("Uren per dossier", lambda r: r.uren_per_dossier, Type.GETAL, decimalen=2),
            Veld("Benodigde fte", lambda r: r.benodigde_fte, Type.GETAL, decimalen=2),
        ]
        self.tabel = tabel(self.regel_velden, naam="Benodigde capaciteit per wet", parent=self)
        self.tabel.setFixedHeight(150)
        self.inhoud.addWidget(self.tabel)

    def _normen(self) -> planning.Normen:
        fouten: dict[str, str] = {}
        waarden: dict[str, float | None] = {}
        for naam, label in (("productiviteit", "Productieve tijd"), ("uren_per_fte_week", "Uren per fte-week"),
                            ("instroom_wmo", "Instroom Wmo"), ("instroom_jeugdwet", "Instroom Jeugd")):
            e, _ = self.velden_invoer[naam]
            try:
                waarden[naam] = lees_getal(e.text(), naam, label)
            except ValidatieFout as exc:
                fouten.update(exc.fouten)
        if fouten:
            raise ValidatieFout(fouten)
        basis = planning.Normen.uit_config(self.shell.ctx.config.normen)
        pct = waarden["productiviteit"]
        return planning.Normen(
            basis.uren_nieuw, basis.uren_bestaande_client, basis.uren_wijziging, basis.uren_jeugd, basis.uren_po,
            waarden["uren_per_fte_week"] if waarden["uren_per_fte_week"] is not None else basis.uren_per_fte_week,
            planning.productiviteit_van_procent(pct) if pct is not None else basis.productiviteit)

    def _zet_voorbeeld(self, n: planning.Normen) -> None:
        """The worked example with the figures in use (the entered ones, else the configuration's)."""
        g = formatting.getal
        pct = g(n.productiviteit * 100, 0)
        per_fte = planning.dossiers_per_fte_week(4, n.uren_per_fte_week, n.productiviteit)
        self.norm_uitleg.setText(
            f"Normuren uit de configuratie: {g(n.uren_nieuw)} uur nieuw, {g(n.uren_bestaande_client)} uur bestaande "
            f"cliënt, {g(n.uren_wijziging)} uur wijziging, {g(n.uren_jeugd)} uur Jeugd, {g(n.uren_po)} uur periodiek "
            f"onderzoek. Voorbeeld: een fte van {g(n.uren_per_fte_week)} uur per week besteedt {pct} % aan dossiers: "
            f"{g(n.uren_per_fte_week * n.productiviteit)} uur, genoeg voor {g(per_fte)} dossiers van 4 uur. "
            f"27 dossiers van 4 uur per week vragen dan {g(planning.benodigde_fte(27, 4, n.uren_per_fte_week, n.productiviteit))} fte.")

    def _instroom(self) -> dict[str, float] | None:
        uit = {}
        for wet in (Wet.WMO.value, Wet.JEUGDWET.value):
            e, _ = self.velden_invoer[f"instroom_{wet}"]
            w = lees_getal(e.text(), f"instroom_{wet}", "Instroom")
            if w is not None:
                uit[wet] = w
        return uit or None

    def vernieuw(self) -> None:
        if not hasattr(self, "velden_invoer") and self.stappen.bezig():  # the fields come in the next frame
            self.bezig = True
            self.stappen.na_de_rest(self.vernieuw)
            return
        for e, fout in self.velden_invoer.values():
            fout.hide()
            e.setProperty("fout", False)
        try:
            self._args = (self._normen(), self._instroom())
        except ValidatieFout as exc:
            self._toon_veldfouten(exc)
            return
        self._zet_voorbeeld(self._args[0])
        super().vernieuw()

    def _toon_veldfouten(self, exc: ValidatieFout) -> None:
        rest = []
        for veld, msg in exc.fouten.items():
            if veld in self.velden_invoer:
                _, lab = self.velden_invoer[veld]
                lab.setText(msg)
                lab.show()
            else:
                rest.append(msg)
        if rest:
            self.toon_fout(" ".join(rest))

    def bereken(self, filt: Filter) -> svc.Capaciteit:
        normen, instroom = self._args
        return svc.capaciteit(self.shell.ctx, self.shell.actor, filt, instroom_per_week=instroom, normen=normen)

    def toon_data(self, cap: svc.Capaciteit) -> None:
        self.tabel.zet_rijen(cap.regels)
        nodig = cap.totaal.benodigde_fte
        verschil = cap.verschil_fte
        self.pil.zet(cap.signaal.label, SIGNAAL_PIL[cap.signaal])
        tekst = (f"Periode {cap.van:%d-%m-%Y} t/m {cap.tot:%d-%m-%Y} ({formatting.getal(cap.weken, 1)} weken). "
                 f"Nodig: <b>{formatting.getal(nodig, 2)} fte</b>; aanwezig: <b>{formatting.getal(cap.werkelijke_fte, 2)}"
                 f" fte</b> ({cap.consulenten} consulenten, contracturen ÷ 36). ")
        if verschil >= 0:
            tekst += f"Dat is {formatting.getal(verschil, 2)} fte ruimte."
        else:
            tekst += f"Er is {formatting.getal(-verschil, 2)} fte te weinig."
        if cap.zonder_contracturen:
            tekst += f" Zonder contracturen (telt niet mee): {', '.join(cap.zonder_contracturen)}."
        self.samenvatting.setText(tekst)
        self.grafiek.staven([r.label for r in cap.regels] + ["Aanwezig"],
                            [("Benodigd", [r.benodigde_fte for r in cap.regels] + [0.0]),
                             ("Aanwezig", [0.0] * len(cap.regels) + [cap.werkelijke_fte])],
                            gestapeld=True, formaat="%.1f", as_titel="fte")

    def export_tabel(self) -> Tabel:
        return self.tabel


PAGE = PageSpec(
    key="capaciteit", titel="Capaciteit", rollen=(Rol.PLANNER, Rol.TEAMLEIDER), maak=Capaciteit, volgorde=14,
    sneltoets="Ctrl+5", extra={"icoon": "werk"},
)
