"""Steps 2-6: problems per life domain, desired results, needs (bruto) and who covers how much (steps 5 and 6),
with the live bruto / gedekt / netto table."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from consulent_app import codelists
from consulent_app.domain import DekkingBron
from consulent_app.formatting import getal
from consulent_app.formulieren import Formulier as FormDef
from consulent_app.rules import stappenplan as sp
from consulent_app.services import onderzoek as svc
from consulent_app.services.onderzoek import BehoefteView, DekkingView, OnderzoekView
from ui.tablemodels import Kolom, Tabel
from ui.widgets import Formulier, Kaart, Keuzelijst, combo, kies, kop, uitleg


class Context(Protocol):
    """What a section needs from the page: the current view, the form, and a way to run a change."""

    view: OnderzoekView | None
    formulier_def: FormDef
    shell: Any

    def doe(self, actie: Callable[[], Any], formulier: Formulier | None = None, *,
            gelukt: Callable[[Any], None] | None = None) -> None: ...


def _gezien(rij: Any, *velden: str) -> dict[str, Any]:
    """The values of a row as the user saw them in the list: a save conflicts only on a field changed since."""
    return {v: getattr(rij, v) for v in velden}


def _tekstvak(hoogte: int = 60, parent: QWidget | None = None) -> QPlainTextEdit:
    ed = QPlainTextEdit(parent)
    ed.setTabChangesFocus(True)
    ed.setFixedHeight(hoogte)
    return ed


def _getal_of_tekst(x: Any) -> str:
    if isinstance(x, Decimal):
        return getal(x)
    return "" if x is None else str(x)


@dataclass(frozen=True)
class VeldSpec:
    naam: str
    label: str
    maak: Callable[[QWidget], QWidget]  # makes the editor in the form it goes on (styled once, issue 13)
    uit_rij: Callable[[Any], Any]


class LijstEditor(Kaart):
    """A table of rows plus a form below it: add, change (Enter or double-click on a row) and remove."""

    def __init__(self, ctx: Context, *, titel: str, toelichting: str, kolommen: Sequence[Kolom[Any]],
                 velden: Sequence[VeldSpec], toevoegen: Callable[[dict[str, Any]], Any],
                 wijzigen: Callable[[Any, dict[str, Any]], Any], verwijderen: Callable[[Any], Any],
                 woord: str, houd: Sequence[str] = (), parent: QWidget | None = None, in_delen: bool = False) -> None:
        """`houd`: fields that keep their value after a row is added (the unit and frequency of the next need are
        usually those of the last one), so the next row starts with them instead of choosing them again.
        `in_delen=True`: only the heading and the table now; the form and its buttons when `rest` is iterated (the
        investigation builds a step in slices between frames, issue 13)."""
        super().__init__(parent)
        self.ctx = ctx
        self._houd = tuple(houd)
        self._toevoegen, self._wijzigen, self._verwijderen = toevoegen, wijzigen, verwijderen
        self._velden = list(velden)
        self.bewerkt: Any | None = None
        self.rest: Iterator[None] = self._bouw(titel, toelichting, kolommen, woord)
        next(self.rest)
        if not in_delen:
            for _ in self.rest:
                pass

    def _bouw(self, titel: str, toelichting: str, kolommen: Sequence[Kolom[Any]], woord: str) -> Iterator[None]:
        self.inhoud.addWidget(kop(titel, niveau=2, parent=self))
        if toelichting:
            self.inhoud.addWidget(uitleg(toelichting, self))
        # Made inside this card, and the form put in place before its fields: a widget Qt has already styled is
        # styled again each time it is moved into another parent (issue 13: opening the investigation stood still).
        self.tabel = Tabel(kolommen, self, sorteerbaar=False)
        self.tabel.setMinimumHeight(110)
        self.tabel.setMaximumHeight(190)
        self.tabel.rij_geopend.connect(self.bewerk)
        self.inhoud.addWidget(self.tabel)
        yield
        self.form = Formulier(self)
        self.inhoud.addWidget(self.form)
        for vs in self._velden:
            self.form.voeg_toe(vs.naam, vs.label, vs.maak(self.form))
        knoppen = QHBoxLayout()
        self.toevoeg_knop = QPushButton(f"{woord} &toevoegen", self)
        self.toevoeg_knop.setObjectName("primair")
        self.opslaan_knop = QPushButton("Wijziging op&slaan", self)
        self.nieuw_knop = QPushButton("Leeg&maken", self)
        self.verwijder_knop = QPushButton("Geselecteerde verw&ijderen", self)
        self.toevoeg_knop.clicked.connect(self.toevoegen)
        self.opslaan_knop.clicked.connect(self.opslaan)
        self.nieuw_knop.clicked.connect(self.leeg)
        self.verwijder_knop.clicked.connect(self.verwijder)
        for k in (self.toevoeg_knop, self.opslaan_knop, self.nieuw_knop):
            knoppen.addWidget(k)
        knoppen.addStretch(1)
        knoppen.addWidget(self.verwijder_knop)
        self.inhoud.addLayout(knoppen)
        self.opslaan_knop.setEnabled(False)

    def zet_rijen(self, rijen: Sequence[Any]) -> None:
        self.tabel.zet_rijen(rijen)
        self.verwijder_knop.setEnabled(bool(rijen))

    def _waarden(self) -> dict[str, Any] | None:
        return self.form.lees()

    def toevoegen(self) -> None:
        w = self._waarden()
        if w is None:
            return
        self.ctx.doe(lambda: self._toevoegen(w), self.form, gelukt=lambda _u: self._volgende_rij())

    def _volgende_rij(self) -> None:
        """After adding: an empty row to fill (the kept fields as they were), the keyboard in its first field."""
        self.leeg(behalve=self._houd)
        self.form.editor(self._velden[0].naam).setFocus(Qt.FocusReason.OtherFocusReason)

    def opslaan(self) -> None:
        if self.bewerkt is None:
            return
        w = self._waarden()
        if w is None:
            return
        rij = self.bewerkt
        self.ctx.doe(lambda: self._wijzigen(rij, w) or True, self.form, gelukt=lambda _u: self.leeg())

    def verwijder(self) -> None:
        rij = self.tabel.huidige_rij()
        if rij is None:
            return
        self.ctx.doe(lambda: self._verwijderen(rij) or True, self.form)
        self.leeg()

    def bewerk(self, rij: Any) -> None:
        self.bewerkt = rij
        for vs in self._velden:
            ed = self.form.editor(vs.naam)
            waarde = vs.uit_rij(rij)
            if isinstance(ed, QComboBox):
                kies(ed, waarde)
            elif isinstance(ed, QPlainTextEdit):
                ed.setPlainText(_getal_of_tekst(waarde))
            elif isinstance(ed, QLineEdit):
                ed.setText(_getal_of_tekst(waarde))
        self.opslaan_knop.setEnabled(True)
        self.form.editor(self._velden[0].naam).setFocus()

    def leeg(self, behalve: Sequence[str] = ()) -> None:
        self.bewerkt = None
        self.form.wis_fouten()
        for vs in self._velden:
            if vs.naam in behalve:
                continue
            ed = self.form.editor(vs.naam)
            if isinstance(ed, QComboBox):
                ed.setCurrentIndex(0)
            elif isinstance(ed, QPlainTextEdit | QLineEdit):
                ed.clear()
        self.opslaan_knop.setEnabled(False)

    def zet_bewerkbaar(self, ja: bool) -> None:
        for k in (self.toevoeg_knop, self.opslaan_knop, self.nieuw_knop, self.verwijder_knop):
            k.setEnabled(ja and (k is not self.opslaan_knop or self.bewerkt is not None))
        self.form.setEnabled(ja)


def _leefgebied_combo(form: FormDef, leeg: str) -> Callable[[QWidget], QComboBox]:
    return lambda parent: combo([(lg.naam, lg.code) for lg in form.leefgebieden], leeg=leeg, parent=parent)


ERNST = [("Licht", "licht"), ("Matig", "matig"), ("Ernstig", "ernstig")]


def problemen_editor(ctx: Context, parent: QWidget | None = None, *, in_delen: bool = False) -> LijstEditor:
    c, a = ctx.shell.ctx, ctx.shell.actor
    form = ctx.formulier_def
    return LijstEditor(
        ctx, titel="Problemen per leefgebied",
        toelichting="Kies het leefgebied en beschrijf het probleem. Een leefgebied kan meer problemen hebben.",
        kolommen=[Kolom("Leefgebied", lambda p: p.leefgebied_naam, min_breedte=170),
                  Kolom("Ernst", lambda p: dict((v, k) for k, v in ERNST).get(p.ernst or "", "–")),
                  Kolom("Beschrijving", lambda p: p.beschrijving.replace("\n", " "), rek=True,
                        tooltip=lambda p: p.beschrijving)],
        velden=[VeldSpec("leefgebied", "&Leefgebied", _leefgebied_combo(form, "Kies een leefgebied"),
                         lambda p: p.leefgebied),
                VeldSpec("ernst", "&Ernst", lambda p: combo(ERNST, leeg="Niet aangegeven", parent=p), lambda p: p.ernst),
                VeldSpec("beschrijving", "Besch&rijving", lambda p: _tekstvak(64, p), lambda p: p.beschrijving)],
        toevoegen=lambda w: svc.voeg_probleem_toe(c, a, ctx.view.id, leefgebied=w["leefgebied"] or "",  # type: ignore[union-attr]
                                                  beschrijving=w["beschrijving"] or "", ernst=w["ernst"]),
        wijzigen=lambda p, w: svc.wijzig_probleem(c, a, p.id, leefgebied=w["leefgebied"] or "",
                                                  beschrijving=w["beschrijving"] or "", ernst=w["ernst"],
                                                  gezien=_gezien(p, "leefgebied", "beschrijving", "ernst")),
        verwijderen=lambda p: svc.verwijder_probleem(c, a, p.id),
        woord="Probleem", parent=parent, in_delen=in_delen,
    )


def resultaten_editor(ctx: Context, parent: QWidget | None = None, *, in_delen: bool = False) -> LijstEditor:
    c, a = ctx.shell.ctx, ctx.shell.actor
    form = ctx.formulier_def
    return LijstEditor(
        ctx, titel="Gewenste resultaten",
        toelichting="Elk resultaat zo concreet mogelijk (SMART). In stap 7 koppelt u elke voorziening aan een resultaat.",
        kolommen=[Kolom("Nr.", lambda r: r.volgorde), Kolom("Gewenst resultaat", lambda r: r.omschrijving.replace(
            "\n", " "), rek=True, tooltip=lambda r: r.omschrijving),
                  Kolom("Leefgebied", lambda r: r.leefgebied_naam or "–", min_breedte=150)],
        velden=[VeldSpec("omschrijving", "&Resultaat", lambda p: _tekstvak(56, p), lambda r: r.omschrijving),
                VeldSpec("leefgebied", "&Leefgebied", _leefgebied_combo(form, "Geen bepaald leefgebied"),
                         lambda r: r.leefgebied)],
        toevoegen=lambda w: svc.voeg_resultaat_toe(c, a, ctx.view.id, omschrijving=w["omschrijving"] or "",  # type: ignore[union-attr]
                                                   leefgebied=w["leefgebied"]),
        wijzigen=lambda r, w: svc.wijzig_resultaat(c, a, r.id, omschrijving=w["omschrijving"] or "",
                                                   leefgebied=w["leefgebied"],
                                                   gezien=_gezien(r, "omschrijving", "leefgebied")),
        verwijderen=lambda r: svc.verwijder_resultaat(c, a, r.id),
        woord="Resultaat", parent=parent, in_delen=in_delen,
    )


def _eenheid_combo(parent: QWidget | None = None) -> QComboBox:
    return combo([(codelists.eenheid_naam(k), k) for k in codelists.eenheden()],
                 leeg="Kies een eenheid", parent=parent)


def _frequentie_combo(parent: QWidget | None = None) -> QComboBox:
    return combo([(codelists.frequentie_woord(k).capitalize(), k) for k in codelists.frequenties()],
                 leeg="Kies een frequentie", parent=parent)


def _volume_veld(parent: QWidget | None = None) -> QLineEdit:
    veld = QLineEdit(parent)
    veld.setPlaceholderText("bijvoorbeeld 3 of 2,5")
    return veld


def behoeften_editor(ctx: Context, parent: QWidget | None = None, *, in_delen: bool = False) -> LijstEditor:
    c, a = ctx.shell.ctx, ctx.shell.actor
    form = ctx.formulier_def
    ed = LijstEditor(
        ctx, titel="Behoeften (bruto-hulp)",
        toelichting="Alle hulp die nodig is, los van wie haar geeft. In stap 5 en 6 geeft u per behoefte aan wie "
                    "hoeveel dekt.",
        kolommen=[Kolom("Omschrijving", lambda b: b.omschrijving, rek=True, tooltip=lambda b: b.omschrijving),
                  Kolom("Volume", lambda b: b.volume, tekst=getal, rechts=True),
                  Kolom("Eenheid", lambda b: codelists.eenheid_naam(b.eenheid)),
                  Kolom("Frequentie", lambda b: codelists.frequentie_woord(b.frequentie)),
                  Kolom("Leefgebied", lambda b: b.leefgebied_naam or "–")],
        velden=[VeldSpec("omschrijving", "&Omschrijving", QLineEdit, lambda b: b.omschrijving),
                VeldSpec("volume", "&Volume", _volume_veld, lambda b: b.volume),
                VeldSpec("eenheid", "&Eenheid", _eenheid_combo, lambda b: b.eenheid),
                VeldSpec("frequentie", "&Frequentie", _frequentie_combo, lambda b: b.frequentie),
                VeldSpec("leefgebied", "&Leefgebied", _leefgebied_combo(form, "Geen bepaald leefgebied"),
                         lambda b: b.leefgebied)],
        toevoegen=lambda w: svc.voeg_behoefte_toe(c, a, ctx.view.id, omschrijving=w["omschrijving"] or "",  # type: ignore[union-attr]
                                                  volume=w["volume"] or "", eenheid=w["eenheid"] or "",
                                                  frequentie=w["frequentie"] or "", leefgebied=w["leefgebied"]),
        wijzigen=lambda b, w: svc.wijzig_behoefte(c, a, b.id, omschrijving=w["omschrijving"] or "",
                                                  volume=w["volume"] or "", eenheid=w["eenheid"] or "",
                                                  frequentie=w["frequentie"] or "", leefgebied=w["leefgebied"],
                                                  gezien=_gezien(b, "omschrijving", "volume", "eenheid",
                                                                 "frequentie", "leefgebied")),
        verwijderen=lambda b: svc.verwijder_behoefte(c, a, b.id),
        woord="Behoefte", houd=("eenheid", "frequentie"), parent=parent, in_delen=in_delen,
    )
    return ed


# --- steps 5 and 6: coverage per need, with the live bruto / gedekt / netto table ------------------------------


def _per(s: sp.BehoefteSaldo) -> str:
    return f"{codelists.eenheid_woord(s.eenheid, meervoud=True)} {codelists.frequentie_woord(s.frequentie)}"


def _som_stap(s: sp.BehoefteSaldo, stap: int) -> Decimal:
    return sum((v for b, v in s.gedekt_per_bron.items() if DekkingBron(b).stap == stap), Decimal("0"))


def saldo_kolommen() -> list[Kolom[sp.BehoefteSaldo]]:
    return [
        Kolom("Behoefte", lambda s: s.omschrijving, rek=True, tooltip=lambda s: s.omschrijving),
        Kolom("In", _per, min_breedte=120),
        Kolom("Bruto", lambda s: s.bruto, tekst=getal, rechts=True),
        Kolom("Stap 5", lambda s: _som_stap(s, 5), tekst=getal, rechts=True,
              tooltip=lambda s: "Cliënt zelf, gebruikelijke hulp en netwerk"),
        Kolom("Stap 6", lambda s: _som_stap(s, 6), tekst=getal, rechts=True,
              tooltip=lambda s: "Algemene en andere voorzieningen"),
        Kolom("Gedekt", lambda s: s.gedekt, tekst=getal, rechts=True),
        Kolom("Netto", lambda s: s.netto, tekst=getal, rechts=True,
              pil=lambda s: "groen" if s.netto == 0 else "oranje",
              tooltip=lambda s: "Volledig gedekt: geen grond voor maatwerk" if s.netto == 0
              else "Dit deel is de enige grond voor een voorziening in stap 7"),
    ]


@dataclass(frozen=True)
class _D:
    bron: str
    volume: Decimal


@dataclass(frozen=True)
class _B:
    id: int
    omschrijving: str
    volume: Decimal
    eenheid: str
    frequentie: str
    dekkingen: tuple[_D, ...]


class DekkingSectie(Kaart):
    """Per need, who covers how much in this step (5: client, housemates, network; 6: other provisions)."""

    def __init__(self, ctx: Context, stap: int, parent: QWidget | None = None, *, in_delen: bool = False) -> None:
        """`in_delen=True`: only the bruto/netto table now; the rest when `rest` is iterated (the investigation
        builds a step in slices between frames, issue 13)."""
        super().__init__(parent)
        self.rest: Iterator[None] = self._bouw(ctx, stap)
        next(self.rest)
        if not in_delen:
            for _ in self.rest:
                pass

    def _bouw(self, ctx: Context, stap: int) -> Iterator[None]:
        self.ctx, self.stap = ctx, stap
        c, a = ctx.shell.ctx, ctx.shell.actor
        self._c, self._a = c, a
        self.bronnen = [b for b in DekkingBron if b.stap == stap]
        self.inhoud.addWidget(kop("Bruto, gedekt en netto per behoefte", niveau=2))
        self.inhoud.addWidget(uitleg("De tabel rekent mee terwijl u typt. Netto is wat overblijft: alleen dat kan "
                                     "in stap 7 een voorziening krijgen."))
        self.saldo = Tabel(saldo_kolommen(), self, sorteerbaar=False)
        self.saldo.setObjectName(f"saldo_stap{stap}")
        self.saldo.setMinimumHeight(120)
        self.saldo.setMaximumHeight(180)
        self.inhoud.addWidget(self.saldo)
        yield
        jeugd = ctx.formulier_def.wet.value == "jeugdwet"
        wie = ((" (eigen kracht, ouders en gebruikelijke zorg, netwerk)" if jeugd
                else " (eigen kracht, gebruikelijke hulp, netwerk)") if stap == 5
               else (" (vrij toegankelijke en andere voorzieningen)" if jeugd
                     else " (algemene en andere voorzieningen)"))
        self.inhoud.addWidget(kop("Wie dekt wat" + wie, niveau=2))
        rij = QHBoxLayout()
        lab = QLabel("Be&hoefte:")
        self.behoefte = Keuzelijst()
        self.behoefte.setAccessibleName("Behoefte")
        self.behoefte.setMinimumWidth(320)
        lab.setBuddy(self.behoefte)
        rij.addWidget(lab)
        rij.addWidget(self.behoefte, 1)
        self.inhoud.addLayout(rij)
        self.dekkingen = Tabel([
            Kolom("Wie", lambda d: d.bron_label, min_breedte=200),
            Kolom("Omvang", lambda d: d.omvang, min_breedte=130),
            Kolom("Toelichting", lambda d: (d.toelichting or "–").replace("\n", " "), rek=True,
                  tooltip=lambda d: d.toelichting),
        ], self, sorteerbaar=False)
        self.dekkingen.setMinimumHeight(90)
        self.dekkingen.setMaximumHeight(150)
        self.dekkingen.rij_geopend.connect(self._bewerk)
        self.inhoud.addWidget(self.dekkingen)
        yield
        self.form = Formulier(self)
        self.inhoud.addWidget(self.form)
        self.form.voeg_toe("bron", "&Wie dekt het", combo([(b.label, b.value) for b in self.bronnen],
                                                           leeg="Kies wie (een deel) dekt"))
        self.volume = QLineEdit()
        self.volume.setPlaceholderText("hoeveel, in de eenheid van de behoefte")
        self.form.voeg_toe("volume", "&Omvang", self.volume)
        self.eenheid_hint = QLabel()
        self.eenheid_hint.setObjectName("veldhint")
        self.form.voeg_toe("toelichting", "&Toelichting", _tekstvak(50))
        self.inhoud.addWidget(self.eenheid_hint)
        knoppen = QHBoxLayout()
        self.toevoeg_knop = QPushButton("Dekking toe&voegen")
        self.toevoeg_knop.setObjectName("primair")
        self.opslaan_knop = QPushButton("Wijziging op&slaan")
        self.opslaan_knop.setEnabled(False)
        self.verwijder_knop = QPushButton("Geselecteerde verw&ijderen")
        self.toevoeg_knop.clicked.connect(self.toevoegen)
        self.opslaan_knop.clicked.connect(self.opslaan)
        self.verwijder_knop.clicked.connect(self.verwijder)
        knoppen.addWidget(self.toevoeg_knop)
        knoppen.addWidget(self.opslaan_knop)
        knoppen.addStretch(1)
        knoppen.addWidget(self.verwijder_knop)
        self.inhoud.addLayout(knoppen)
        self.bewerkt: DekkingView | None = None
        # Tab goes from the need straight to the form of a new row; this need's rows come after the buttons.
        bron = self.form.editor("bron")
        keten = [self.behoefte, bron, self.volume, self.form.editor("toelichting"), self.toevoeg_knop,
                 self.opslaan_knop, self.verwijder_knop, self.dekkingen]
        for a_, b_ in zip(keten, keten[1:], strict=False):
            QWidget.setTabOrder(a_, b_)
        self.behoefte.currentIndexChanged.connect(self._behoefte_gekozen)
        self.volume.textChanged.connect(self._live)
        self._behoeften: list[BehoefteView] = []

    # --- data ----------------------------------------------------------------------------------------------

    def ververs(self, view: OnderzoekView) -> None:
        huidig = self.behoefte.currentData()
        self._behoeften = list(view.behoeften)
        self.behoefte.blockSignals(True)
        self.behoefte.clear()
        for b in view.behoeften:
            self.behoefte.addItem(f"{b.omschrijving} ({b.omvang})", b.id)
        if not view.behoeften:
            self.behoefte.addItem("Nog geen behoeften: vul eerst stap 4 in", None)
        kies(self.behoefte, huidig)
        self.behoefte.blockSignals(False)
        self._behoefte_gekozen()
        self._live()

    def gekozen_behoefte(self) -> BehoefteView | None:
        bid = self.behoefte.currentData()
        return next((b for b in self._behoeften if b.id == bid), None)

    def _behoefte_gekozen(self) -> None:
        b = self.gekozen_behoefte()
        self.dekkingen.zet_rijen([d for d in b.dekkingen if d.stap == self.stap] if b else [])
        self.eenheid_hint.setText(
            f"Omvang in {codelists.eenheid_woord(b.eenheid, meervoud=True)} "
            f"{codelists.frequentie_woord(b.frequentie)}, net als de behoefte ({b.omvang})." if b else "")
        self.verwijder_knop.setEnabled(bool(b and any(d.stap == self.stap for d in b.dekkingen)))
        self._live()

    def _live(self) -> None:
        """Recompute the table with the volume being typed, through the same core rule the report uses."""
        b = self.gekozen_behoefte()
        try:
            extra = Decimal(self.volume.text().strip().replace(",", ".")) if self.volume.text().strip() else None
        except InvalidOperation:
            extra = None
        if extra is not None and not extra.is_finite():
            extra = None
        rijen = []
        for x in self._behoeften:
            dk = [_D(d.bron, d.volume) for d in x.dekkingen if not (self.bewerkt and d.id == self.bewerkt.id)]
            if b is not None and x.id == b.id and extra is not None and extra > 0:
                dk.append(_D(self.form.editor("bron").currentData() or self.bronnen[0].value, extra))
            elif self.bewerkt is not None and x.id == self.bewerkt.behoefte_id:
                dk.append(_D(self.bewerkt.bron, self.bewerkt.volume))
            rijen.append(_B(x.id, x.omschrijving, x.volume, x.eenheid, x.frequentie, tuple(dk)))
        self.saldo.zet_rijen(sp.bruto_netto(rijen))

    # --- actions -------------------------------------------------------------------------------------------

    def toevoegen(self) -> None:
        b = self.gekozen_behoefte()
        w = self.form.lees()
        if w is None:
            return
        if b is None:
            self.form.toon_fouten({"bron": "Kies eerst een behoefte (stap 4)."})
            return
        self.ctx.doe(lambda: svc.voeg_dekking_toe(self._c, self._a, b.id, bron=w["bron"] or "",
                                                  volume=w["volume"] or "", toelichting=w["toelichting"]),
                     self.form, gelukt=lambda _u: self._volgende_rij())

    def _volgende_rij(self) -> None:
        """After adding: an empty row, the keyboard on the need (the next row is usually about another need)."""
        self.leeg()
        self.behoefte.setFocus(Qt.FocusReason.OtherFocusReason)

    def _bewerk(self, d: DekkingView) -> None:
        self.bewerkt = d
        kies(self.form.editor("bron"), d.bron)  # type: ignore[arg-type]
        self.volume.setText(getal(d.volume))
        ed = self.form.editor("toelichting")
        assert isinstance(ed, QPlainTextEdit)
        ed.setPlainText(d.toelichting or "")
        self.opslaan_knop.setEnabled(True)

    def opslaan(self) -> None:
        d = self.bewerkt
        w = self.form.lees()
        if d is None or w is None:
            return
        self.ctx.doe(lambda: svc.wijzig_dekking(self._c, self._a, d.id, bron=w["bron"] or "",
                                                volume=w["volume"] or "", toelichting=w["toelichting"],
                                                gezien=_gezien(d, "bron", "volume", "toelichting")) or True,
                     self.form, gelukt=lambda _u: self.leeg())

    def verwijder(self) -> None:
        d = self.dekkingen.huidige_rij()
        if d is not None:
            self.ctx.doe(lambda: svc.verwijder_dekking(self._c, self._a, d.id) or True, self.form)
            self.leeg()

    def leeg(self) -> None:
        self.bewerkt = None
        self.form.wis_fouten()
        self.form.editor("bron").setCurrentIndex(0)  # type: ignore[attr-defined]
        self.volume.clear()
        ed = self.form.editor("toelichting")
        assert isinstance(ed, QPlainTextEdit)
        ed.clear()
        self.opslaan_knop.setEnabled(False)
        self._live()

    def zet_bewerkbaar(self, ja: bool) -> None:
        for w in (self.toevoeg_knop, self.verwijder_knop, self.form, self.behoefte):
            w.setEnabled(ja)
        self.opslaan_knop.setEnabled(ja and self.bewerkt is not None)

