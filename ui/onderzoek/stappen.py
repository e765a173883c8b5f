"""The side panel with the seven steps, and the parts every step page shares: help text, fields, not applicable."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app import formatting, termijnen
from consulent_app.domain import StapStatus
from consulent_app.formulieren import StapDef, VeldDef
from ui.onderzoek.autosave import AutoOpslag
from ui.widgets import PIL_KLEUREN, DatumVeld, Kaart, combo, termijn_pil, wis_fout_bij_verbetering, zet_stijl

GEHOORD = 8  # index of the "Gehoord en betrokkenen" page after the seven steps
AFRONDEN = 9

STATUS_KLEUR = {"open": "#8a94a3", "bezig": "#c27c0e", "compleet": "#1d7a3e", "nvt": "#5b6675"}


@functools.cache
def status_icoon(status: str, grootte: int = 18) -> QIcon:
    """A small symbol per status; never the only signal: the status is also written next to it. Drawn once per
    status and kept: the step list sets all ten again on every refresh, and drawing them stood the window still a
    few milliseconds each time an investigation opened or changed step (issue 13)."""
    pix = QPixmap(grootte * 2, grootte * 2)
    pix.setDevicePixelRatio(2)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    kleur = QColor(STATUS_KLEUR.get(status, "#8a94a3"))
    r = QRectF(2, 2, grootte - 4, grootte - 4)
    p.setPen(QPen(kleur, 1.8))
    if status == "compleet":
        p.setBrush(kleur)
        p.drawEllipse(r)
        p.setPen(QPen(QColor("#ffffff"), 2.0))
        p.drawPolyline([QPointF(grootte * 0.3, grootte * 0.52), QPointF(grootte * 0.45, grootte * 0.67),
                        QPointF(grootte * 0.72, grootte * 0.36)])
    elif status == "bezig":
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
        p.setBrush(kleur)
        p.drawPie(r, 90 * 16, 180 * 16)
    elif status == "nvt":
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
        p.drawLine(QPointF(grootte * 0.32, grootte / 2), QPointF(grootte * 0.68, grootte / 2))
    elif status == "slot":
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(grootte * 0.25, grootte * 0.45, grootte * 0.5, grootte * 0.4), 2, 2)
        p.drawArc(QRectF(grootte * 0.33, grootte * 0.18, grootte * 0.34, grootte * 0.5), 0, 180 * 16)
    else:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
    p.end()
    return QIcon(pix)


class _StappenLijst(QListWidget):
    """The step list: arrows and clicks choose a step; typed letters never do (no keyboard search), so text typed
    while the list has the focus cannot jump through the steps."""

    def keyboardSearch(self, _search: str) -> None:  # noqa: N802 - Qt name
        return


class StappenPaneel(QWidget):
    """Every step with its state (symbol + words), then 'Gehoord en betrokkenen' and 'Afronden'; the legal due date."""

    gekozen = Signal(int)  # 1..7, GEHOORD, AFRONDEN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stappenpaneel")
        self.setFixedWidth(262)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 14, 8, 12)
        lay.setSpacing(8)
        self.termijn = QLabel()
        self.termijn.setObjectName("stappentermijn")
        self.termijn.setWordWrap(True)
        lay.addWidget(self.termijn)
        self.lijst = _StappenLijst()
        self.lijst.setObjectName("stappenlijst")
        self.lijst.setAccessibleName("Stappen van het onderzoek")
        self.lijst.setIconSize(QSize(18, 18))
        self.lijst.setWordWrap(True)
        self.lijst.setSpacing(2)
        self.lijst.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.lijst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lay.addWidget(self.lijst, 1)
        for i in range(AFRONDEN):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, i + 1)
            self.lijst.addItem(item)
        self.lijst.currentRowChanged.connect(lambda r: self.gekozen.emit(r + 1) if r >= 0 else None)
        self.hint = QLabel("Ctrl+PgDn / Ctrl+PgUp: volgende / vorige stap")
        self.hint.setObjectName("veldhint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)

    def zet(self, titels: dict[int, str], statussen: dict[int, str], stap7_open: bool, ontbrekend: int,
            afgerond: bool) -> None:
        labels = {s.value: s.label for s in StapStatus}
        for nummer in range(1, 8):
            status = statussen.get(nummer, "open")
            item = self.lijst.item(nummer - 1)
            if nummer == 7 and not stap7_open and status != "nvt":
                woorden, icoon = "Nog gesloten: eerst stap 1-6", "slot"
            else:
                woorden, icoon = labels.get(status, status), status
            item.setText(f"{nummer}. {titels[nummer]}\n{woorden}")
            item.setIcon(status_icoon(icoon))
            item.setToolTip(f"Stap {nummer}: {titels[nummer]} ({woorden.lower()})")
        gehoord = self.lijst.item(GEHOORD - 1)
        gehoord.setText("Gehoord en betrokkenen\nwie, waar en wanneer")
        gehoord.setIcon(status_icoon("open"))
        af = self.lijst.item(AFRONDEN - 1)
        if afgerond:
            af.setText("Afronden en reactie\nOnderzoek afgerond")
            af.setIcon(status_icoon("compleet"))
        else:
            af.setText(f"Afronden\n{'alles compleet' if not ontbrekend else f'nog {ontbrekend} punt(en) open'}")
            af.setIcon(status_icoon("compleet" if not ontbrekend else "open"))

    def zet_gehoord(self, compleet: bool) -> None:
        item = self.lijst.item(GEHOORD - 1)
        item.setText(f"Gehoord en betrokkenen\n{'Compleet' if compleet else 'Nog aanvullen'}")
        item.setIcon(status_icoon("compleet" if compleet else "bezig"))

    def zet_termijn(self, einde: dt.date | None, wet: str, vandaag: dt.date, *,
                    afgerond_op: dt.date | None = None, beslistermijn: dt.date | None = None,
                    extra_feestdagen: Iterable[dt.date] = (),
                    signaal_werkdagen: int = termijnen.SIGNAAL_WERKDAGEN) -> None:
        """The running legal term, in the words and colours of every other screen (termijnen.termijn_status)."""
        grijs = "<span style='color:#5b6675'>{}</span>"
        if beslistermijn is not None:
            tekst, soort = termijn_pil(beslistermijn, vandaag, extra_feestdagen, signaal_werkdagen=signaal_werkdagen)
            self.termijn.setText(f"<b>Beslissen uiterlijk</b><br><span style='color:{PIL_KLEUREN[soort][1]}'>"
                                 f"{formatting.datum(beslistermijn)} ({tekst})</span><br>"
                                 + grijs.format(html.escape(termijnen.beslistermijn(wet).artikel)))
            return
        if afgerond_op is not None:
            binnen = "" if einde is None else (" (binnen de termijn)" if afgerond_op <= einde
                                               else " (na de termijn)")
            self.termijn.setText(f"<b>Onderzoek afgerond</b><br>{formatting.datum(afgerond_op)}{binnen}")
            return
        if einde is None:
            regel = termijnen.beslistermijn(wet)
            self.termijn.setText(f"<b>Termijn</b><br>Jeugdwet: geen eigen onderzoekstermijn. Na de aanvraag geldt "
                                 f"een beslistermijn van {regel.lengte} ({html.escape(regel.artikel)}).")
        else:
            tekst, soort = termijn_pil(einde, vandaag, extra_feestdagen, signaal_werkdagen=signaal_werkdagen)
            regel_o = termijnen.ONDERZOEK_WMO
            self.termijn.setText(f"<b>Onderzoek uiterlijk af</b><br><span style='color:{PIL_KLEUREN[soort][1]}'>"
                                 f"{formatting.datum(einde)} ({tekst})</span><br>"
                                 + grijs.format(html.escape(regel_o.tekst)))

    def kies(self, index: int) -> None:
        self.lijst.blockSignals(True)
        self.lijst.setCurrentRow(index - 1)
        self.lijst.blockSignals(False)


class StapKop(Kaart):
    """Step title, its legal ground, the help text and an example of a good answer (all from forms/)."""

    def __init__(self, stap: StapDef, wet_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kaart")
        self._voorvoegsel = f"Stap {stap.nummer} {stap.titel}: "
        titel = QLabel(f"Stap {stap.nummer} · {stap.titel}")
        titel.setObjectName("kop1")
        titel.setWordWrap(True)
        self.inhoud.addWidget(titel)
        grond = QLabel(stap.grondslag)
        grond.setObjectName("grondslag")
        grond.setWordWrap(True)
        grond.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.inhoud.addWidget(grond)
        hulp = QLabel(stap.hulptekst)
        hulp.setObjectName("uitleg")
        hulp.setWordWrap(True)
        self.inhoud.addWidget(hulp)
        vb = QLabel(f"<i>Voorbeeld:</i> {stap.voorbeeld}")
        vb.setObjectName("voorbeeld")
        vb.setWordWrap(True)
        vb.setTextFormat(Qt.TextFormat.RichText)
        self.inhoud.addWidget(vb)
        self.ontbreekt = QLabel()
        self.ontbreekt.setObjectName("ontbreekt")
        self.ontbreekt.setWordWrap(True)
        self.inhoud.addWidget(self.ontbreekt)

    def zet_ontbrekend(self, regels: list[str], status_label: str) -> None:
        if regels:
            self.ontbreekt.setText("<b>Nog nodig voor deze stap:</b><br>" + "<br>".join(
                "• " + r.removeprefix(self._voorvoegsel) for r in regels))
            zet_stijl(self.ontbreekt, "color:#7a4d00;")
        else:
            self.ontbreekt.setText(f"<b>Status:</b> {status_label.lower()}")
            zet_stijl(self.ontbreekt, "color:#1d5e31;")


def maak_editor(veld: VeldDef) -> QWidget:
    if veld.soort == "lange_tekst":
        ed = QPlainTextEdit()
        ed.setTabChangesFocus(True)
        ed.setMinimumHeight(56)
        ed.setMaximumHeight(84)
        return ed
    if veld.soort == "ja_nee":
        return combo([("Ja", True), ("Nee", False)], leeg="Nog niet beantwoord")
    if veld.soort == "datum":
        return DatumVeld()
    ed2 = QLineEdit()
    if veld.max_lengte:
        ed2.setMaxLength(veld.max_lengte + 50)  # a little slack so the service can say 'te lang' in words
    return ed2


class VeldenBlok(QWidget):
    """The step's free-text fields from forms/, each autosaved under key ('stap', nummer, veld.key)."""

    def __init__(self, stap: StapDef, autosave: AutoOpslag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stap = stap
        self.autosave = autosave
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self._sneltoets: dict[str, int] = {}  # index of the Alt-letter in the label, once given
        self._verplicht = {v.key: v.verplicht for v in stap.velden}
        rij = 0
        for veld in stap.velden:
            ed = maak_editor(veld)
            ed.setObjectName(f"veld_{veld.key}")
            ed.setAccessibleName(veld.label)
            lab = QLabel(("* " if veld.verplicht else "") + veld.label)
            lab.setObjectName("veldlabel")
            lab.setWordWrap(True)
            lab.setBuddy(ed)
            lab.setMinimumWidth(170)
            lab.setMaximumWidth(210)
            fout = QLabel()
            fout.setObjectName("veldfout")
            fout.setWordWrap(True)
            fout.hide()
            grid.addWidget(lab, rij, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            grid.addWidget(ed, rij, 1)
            grid.addWidget(fout, rij + 1, 1)
            rij += 2
            self.editors[veld.key] = ed
            self.labels[veld.key] = lab
            autosave.koppel(("stap", stap.nummer, veld.key), ed, fout)
        if any(v.verplicht for v in stap.velden):
            noot = QLabel("* verplicht om de stap compleet te maken. Alles wordt automatisch opgeslagen.")
        else:
            noot = QLabel("Alles wordt automatisch opgeslagen.")
        noot.setObjectName("veldhint")
        grid.addWidget(noot, rij, 1)

    def _label_tekst(self, key: str) -> str:
        veld = next(v for v in self.stap.velden if v.key == key)
        tekst = veld.label.replace("&", "&&")
        i = self._sneltoets.get(key)
        if i is not None:
            tekst = veld.label[:i].replace("&", "&&") + "&" + veld.label[i:].replace("&", "&&")
        return ("* " if self._verplicht[key] else "") + tekst

    def zet_verplicht(self, key: str, verplicht: bool) -> None:
        """A required summary that the per-need table answers (steps 5 and 6) is optional: no '*' then."""
        if self._verplicht.get(key) != verplicht:
            self._verplicht[key] = verplicht
            self.labels[key].setText(self._label_tekst(key))

    def geef_sneltoetsen(self, pagina: QWidget, bezet: Iterable[str] = ()) -> None:
        """Every field an Alt-letter of its own, so the keyboard reaches a summary below the step's table in one
        key: the first letter of a word of its label (else any letter) that no other label or button of this page
        (nor `bezet`: the window's menu and the investigation's own buttons) uses."""
        gebruikt = {c.lower() for c in bezet}
        for w in pagina.findChildren(QLabel) + pagina.findChildren(QPushButton) + pagina.findChildren(QCheckBox):
            if any(w is lab for lab in self.labels.values()):
                continue
            gebruikt.update(m.lower() for m in re.findall(r"&([^&\s])", w.text()))
        for veld in self.stap.velden:
            label = veld.label
            kandidaten = [i for i, c in enumerate(label) if c.isalpha() and (i == 0 or label[i - 1] == " ")]
            kandidaten += [i for i, c in enumerate(label) if c.isalpha() and i not in kandidaten]
            i = next((i for i in kandidaten if label[i].lower() not in gebruikt), None)
            if i is None:
                continue
            gebruikt.add(label[i].lower())
            self._sneltoets[veld.key] = i
            self.labels[veld.key].setText(self._label_tekst(veld.key))

    def zet(self, velden: dict[str, Any]) -> None:
        for veld in self.stap.velden:
            waarde = velden.get(veld.key)
            if veld.soort == "datum" and isinstance(waarde, str):
                waarde = dt.date.fromisoformat(waarde)
            self.autosave.zet(("stap", self.stap.nummer, veld.key), waarde)

    def zet_bewerkbaar(self, ja: bool) -> None:
        for ed in self.editors.values():
            if isinstance(ed, QPlainTextEdit | QLineEdit):
                if ed.isReadOnly() == ja:  # only a real change (the same value still makes Qt redo the field)
                    ed.setReadOnly(not ja)
            else:
                ed.setEnabled(ja)


class NvtBlok(QWidget):
    """'Niet van toepassing' with its required reason: a step is never silently empty."""

    def __init__(self, nummer: int, markeer: Callable[[str], bool], hef_op: Callable[[], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nummer = nummer
        self._markeer, self._hef_op = markeer, hef_op
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.vink = QCheckBox("Deze stap is &niet van toepassing")
        lay.addWidget(self.vink)
        rij = QHBoxLayout()
        self.reden = QLineEdit()
        self.reden.setPlaceholderText("Reden waarom deze stap niet van toepassing is (verplicht)")
        self.reden.setAccessibleName("Reden niet van toepassing")
        self.knop = QPushButton("Reden &vastleggen")
        rij.addWidget(self.reden, 1)
        rij.addWidget(self.knop)
        lay.addLayout(rij)
        self.fout = QLabel()
        self.fout.setObjectName("veldfout")
        self.fout.setWordWrap(True)
        self.fout.hide()
        wis_fout_bij_verbetering(self.reden, self.fout)
        lay.addWidget(self.fout)
        self.vink.toggled.connect(self._vink)
        self.knop.clicked.connect(self._vastleggen)
        self.reden.returnPressed.connect(self._vastleggen)
        self._zet_zichtbaar(False)

    def _zet_zichtbaar(self, ja: bool) -> None:
        self.reden.setVisible(ja)
        self.knop.setVisible(ja)

    def _vink(self, aan: bool) -> None:
        if aan:
            self._zet_zichtbaar(True)
            self.reden.setFocus()
        elif self._hef_op():
            self.reden.clear()
            self._zet_zichtbaar(False)

    def _vastleggen(self) -> None:
        self._markeer(self.reden.text())

    def toon_fout(self, tekst: str) -> None:
        self.fout.setText(tekst)
        self.fout.setVisible(bool(tekst))

    def zet(self, status: str, reden: str | None) -> None:
        self.vink.blockSignals(True)
        self.vink.setChecked(status == "nvt")
        self.vink.blockSignals(False)
        self._zet_zichtbaar(status == "nvt")
        if status == "nvt":
            self.reden.setText(reden or "")
            self.knop.setText("Reden &bijwerken")
        else:
            self.knop.setText("Reden &vastleggen")


def ja_nee_combo(leeg: str = "Nog niet ingevuld") -> QComboBox:
    return combo([("Ja", True), ("Nee", False)], leeg=leeg)

