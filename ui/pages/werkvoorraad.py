"""Werk verdelen: the team's unassigned meldingen, requests and due POs next to each consultant's load.

Select one or more cases and press Toewijzen (Ctrl+T), press Enter on a consultant, or drag the cases onto a
consultant. The load column 'Na keuze' shows the effect of the current selection before assigning.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from consulent_app import formatting, planning
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ConsulentFout, ValidatieFout
from consulent_app.export import Type
from consulent_app.services import planning as svc
from consulent_app.services.overzicht import Filter
from ui.ops import Wijziging, fout_tekst
from ui.pages._overzicht import OverzichtPagina, Veld
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Kolom, Tabel
from ui.widgets import kop, termijn_pil

MIME = "application/x-consulent-werk"
SIGNAAL_PIL = {planning.Signaal.RUIMTE: "groen", planning.Signaal.OP_NORM: "blauw",
               planning.Signaal.OVERBELAST: "rood"}


KORT = {"nieuw": "Nieuw", "bestaande_client": "Bestaande cliënt", "wijziging": "Wijziging",
        "po": "Periodiek onderzoek", "jeugd": "Jeugd"}


def werk_velden(shell: Shell) -> tuple[list[Veld], Any]:
    """The date is in the pill, with words: colour is never the only signal."""
    extra = shell.ctx.config.termijnen.gelijkgestelde_dagen
    signaal = shell.ctx.config.termijnen.signaal_werkdagen

    def pil_soort(w: svc.Werkitem) -> str:
        return termijn_pil(w.termijn_einde, None, extra, signaal_werkdagen=signaal)[1]

    def pil_tekst(w: svc.Werkitem) -> str:
        if w.termijn_einde is None:
            return "geen termijn"
        d = w.termijn_einde.strftime("%d-%m-%Y")
        # The words of the other work lists ("termijn overschreden", "verloopt binnen 5 werkdagen"), short enough to
        # share the pill with the date in this narrow pane; the header says "Termijn", the tooltip the full text.
        woord = {"rood": "overschreden", "oranje": "verloopt", "groen": "uiterlijk"}.get(pil_soort(w), "uiterlijk")
        return f"{woord} {d}"

    def zaak(w: svc.Werkitem) -> str:
        tekst = f"Aanvraag, {KORT[w.zaaksoort].lower()}" if w.soort == "aanvraag" else KORT[w.zaaksoort]
        # Wmo is the rule here; only the exception is named, so "Bestaande cliënt" fits next to the name at 1366 px.
        if w.zaaksoort == "jeugd" or w.wet == "wmo":
            return tekst
        return f"{tekst} (Jeugd)"

    def tip(w: svc.Werkitem) -> str:
        return f"{w.soort_label}: {w.omschrijving}"

    return [
        Veld("Termijn", lambda w: w.termijn_einde, Type.DATUM, pil=pil_soort, min_breedte=178,
             tekst=None, sorteer=lambda w: (w.termijn_einde is None, w.termijn_einde or w.datum),
             tooltip=lambda w: termijn_pil(w.termijn_einde, None, extra, signaal_werkdagen=signaal)[0].capitalize()),
        Veld("Zaak", zaak, min_breedte=150, tooltip=tip),
        Veld("Cliënt", lambda w: w.client, rek=True, tooltip=tip),
        Veld("Wet", lambda w: Wet(w.wet).label, alleen_export=True),
        Veld("Dagen", lambda w: max(w.leeftijd_dagen, 0), Type.GEHEEL,
             tooltip=lambda w: f"Sinds {w.datum:%d-%m-%Y}" if w.soort != "po" else "Geplande datum nog niet bereikt"
             if w.leeftijd_dagen < 0 else f"PO-datum {w.datum:%d-%m-%Y} is {w.leeftijd_dagen} dagen geleden"),
        Veld("Uren", lambda w: w.geschatte_uren, Type.GETAL),
    ], pil_tekst


@functools.lru_cache(maxsize=1024)
def _procent(n: int) -> str:
    """'112 %': babel once per value (the consultants' list formats two per row, again at every choice)."""
    return f"{formatting.getal(n, 0)} %"


class WerkTabel(Tabel):
    """The work queue; several rows can be chosen and dragged onto a consultant."""

    def __init__(self, kolommen: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(kolommen, parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._druk: QPoint | None = None
        # The chosen cases, read once per change of the choice: the consultants' list asks for them in every cell
        # of its "after the choice" column, and reading the selection 110 times made filling it 5 ms (issue 13).
        self._gekozen: list[svc.Werkitem] | None = None
        self.selectionModel().selectionChanged.connect(self._vergeet_keuze)
        for signaal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted,
                        self.proxy.rowsRemoved, self.proxy.dataChanged):
            signaal.connect(self._vergeet_keuze)

    def _vergeet_keuze(self, *_a: Any) -> None:
        self._gekozen = None

    def gekozen(self) -> list[svc.Werkitem]:
        if self._gekozen is None:
            rijen = sorted({i.row() for i in self.selectionModel().selectedRows()})
            self._gekozen = [self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in rijen]
        return list(self._gekozen)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self._druk = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        if (self._druk is not None and event.buttons() & Qt.MouseButton.LeftButton
                and (event.position().toPoint() - self._druk).manhattanLength() >= QApplication.startDragDistance()
                and self.gekozen()):
            self._druk = None
            data = QMimeData()
            data.setData(MIME, ",".join(f"{w.soort}:{w.id}" for w in self.gekozen()).encode())
            drag = QDrag(self)
            drag.setMimeData(data)
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)


class ConsulentTabel(Tabel):
    """The team's consultants; dropping cases on a row assigns them to that consultant."""

    werk_gedropt = Signal(object)

    def __init__(self, kolommen: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(kolommen, parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        idx = self.indexAt(event.position().toPoint())
        if event.mimeData().hasFormat(MIME) and idx.isValid():
            self.selectRow(idx.row())
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        idx = self.indexAt(event.position().toPoint())
        if not (event.mimeData().hasFormat(MIME) and idx.isValid()):
            event.ignore()
            return
        event.acceptProposedAction()
        self.werk_gedropt.emit(self.rij_bij(idx))  # the row of any cell (ROW_ROLE is in column 0 only)


class WerkVerdelen(OverzichtPagina):
    export_titel = "Werkvoorraad"

    def __init__(self, shell: Shell) -> None:
        super().__init__(
            shell, "Werk verdelen",
            "Niet toegewezen meldingen, aanvragen en periodieke onderzoeken van het team, de dichtstbijzijnde "
            "termijn bovenaan. Kies zaken (Ctrl of Shift voor meer) en wijs ze toe met Ctrl+T, met Enter op een "
            "consulent of door ze op een consulent te slepen. Bij Belasting ziet u wat uw keuze erbij doet (38 % → 45 %).",
            alle_teams=False)
        self.teams: list[svc.TeamBelasting] = []
        self.items: list[svc.Werkitem] = []
        # Made top-down, each widget in its parent (ui.pages.base.ouder): styled once, not once per level.
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.inhoud.addWidget(splitter, 1)
        links = QWidget(splitter)
        splitter.addWidget(links)
        rechts = QWidget(splitter)
        splitter.addWidget(rechts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([712, 408])  # room for the clients and for "112 % → 146 %"
        # The two lists are made in the frames after the page's frame (ui.widgets.InStappen): made together with it
        # the window stood still for 30 ms. The data is shown after them.
        self.deel_later(lambda: self._bouw_werk(links))
        self.deel_later(lambda: self._bouw_consulenten(rechts))
        QShortcut(QKeySequence("Ctrl+T"), self, activated=lambda: self.toewijzen_aan(
            self.consulenten.huidige_rij()) if self.gebouwd() else None)

    def gebouwd(self) -> bool:
        """Both lists are there (they are made in the frames after the page's own)."""
        return hasattr(self, "consulenten")

    def _bouw_werk(self, links: QWidget) -> None:
        ll = QVBoxLayout(links)
        ll.setContentsMargins(0, 0, 0, 0)
        self.werk_kop = kop("Werkvoorraad", niveau=2)
        ll.addWidget(self.werk_kop)
        self.werk_velden, pil_tekst = werk_velden(self.shell)
        ui_kolommen = [v.ui() for v in self.werk_velden if not v.alleen_export]
        # The term column shows its date inside a pill with words; the export keeps the bare date.
        ui_kolommen[0] = Kolom(ui_kolommen[0].titel, lambda w: w, tekst=pil_tekst, pil=ui_kolommen[0].pil,
                               tooltip=ui_kolommen[0].tooltip, min_breedte=178, sorteer=ui_kolommen[0].sorteer)
        self.werk = WerkTabel(ui_kolommen, links)
        self.werk.smalle_koppen = True  # at 1366 px "Uren" was cut and the pane scrolled sideways
        self.werk.velden = self.werk_velden  # type: ignore[attr-defined]
        self.werk.setAccessibleName("Werkvoorraad")
        self.werk.rij_geopend.connect(lambda w: self._open_dossier(w.client_id))
        ll.addWidget(self.werk, 1)
        self.leeg = QLabel("Er ligt geen werk te wachten: alles is toegewezen.")
        self.leeg.setObjectName("leeg")
        self.leeg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.leeg.hide()
        ll.addWidget(self.leeg, 1)
        self.werk.selectionModel().selectionChanged.connect(lambda *_: self._keuze_gewijzigd())
        self.setFocusProxy(self.werk)  # arriving on the page, arrow keys and Shift work on the queue at once

    def _bouw_consulenten(self, rechts: QWidget) -> None:
        rl = QVBoxLayout(rechts)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(kop("Consulenten en hun belasting", niveau=2))
        self.consulent_velden = [
            Veld("Consulent", lambda c: c.naam, rek=True,
                 tooltip=lambda c: c.fout or f"{c.totaal} open zaken, {formatting.getal(c.uren, 1)} normuren"),
            Veld("Zaken", lambda c: c.totaal, Type.GEHEEL),
            Veld("Belasting", lambda c: c.procent, Type.PROCENT, decimalen=0, pil=self._pil,
                 tooltip=lambda c: c.fout or f"{self._signaal_tekst(c)}. Belasting nu, en met de gekozen zaken "
                                             "erbij (→)."),
            Veld("Na keuze", lambda c: self._na(c), Type.PROCENT, decimalen=0, alleen_export=True),
        ]
        kolommen = [v.ui() for v in self.consulent_velden if not v.alleen_export]
        kolommen[2] = Kolom("Belasting", lambda c: c, tekst=self._belasting_tekst, pil=self._pil, rechts=False,
                            min_breedte=148, tooltip=kolommen[2].tooltip, sorteer=lambda c: c.procent or 0)
        self.consulenten = ConsulentTabel(kolommen, rechts)
        self.consulenten.smalle_koppen = True
        self.consulenten.velden = self.consulent_velden  # type: ignore[attr-defined]
        self.consulenten.setAccessibleName("Consulenten")
        self.consulenten.rij_geopend.connect(self.toewijzen_aan)
        self.consulenten.werk_gedropt.connect(self.toewijzen_aan)
        rl.addWidget(self.consulenten, 1)
        self.team_regel = QLabel()
        self.team_regel.setObjectName("uitleg")
        self.team_regel.setWordWrap(True)
        rl.addWidget(self.team_regel)
        knoppen = QHBoxLayout()
        self.keuze = QLabel("Geen zaken gekozen.")
        self.keuze.setObjectName("teller")
        knoppen.addWidget(self.keuze, 1)
        self.toewijs_knop = QPushButton("Toewij&zen")
        self.toewijs_knop.setObjectName("primair")
        self.toewijs_knop.setToolTip("De gekozen zaken toewijzen aan de gekozen consulent (Ctrl+T)")
        self.toewijs_knop.clicked.connect(lambda: self.toewijzen_aan(self.consulenten.huidige_rij()))
        knoppen.addWidget(self.toewijs_knop)
        rl.addLayout(knoppen)

    # data
    def bereken(self, filt: Filter) -> tuple[list[svc.Werkitem], list[svc.TeamBelasting]]:
        ctx, actor = self.shell.ctx, self.shell.actor
        return svc.werkvoorraad(ctx, actor, filt), svc.belasting(ctx, actor, Filter(filt.team_id, filt.wet))

    def toon_data(self, data: tuple[list[svc.Werkitem], list[svc.TeamBelasting]]) -> None:
        self.items, self.teams = data
        self.werk.zet_rijen(self.items)
        self.werk.setVisible(bool(self.items))
        self.leeg.setVisible(not self.items)
        uren = sum(w.geschatte_uren for w in self.items)
        self.werk_kop.setText(f"Werkvoorraad: {len(self.items)} {'zaak' if len(self.items) == 1 else 'zaken'}, "
                              f"{formatting.getal(uren, 1)} normuren")
        self.stappen.voeg_toe(self._toon_consulenten)  # after the queue is painted: each list in its own frame

    def _toon_consulenten(self) -> None:
        huidige = self.consulenten.huidige_rij()
        rijen = [c for t in self.teams for c in t.consulenten]
        self.consulenten.zet_rijen(rijen)
        if huidige is not None:
            for r, c in enumerate(self.consulenten.rijen()):
                if c.consulent_id == huidige.consulent_id:
                    self.consulenten.selectRow(r)
        if self.teams:
            t = self.teams[0]
            zonder = [c.naam for c in t.consulenten if c.fout]
            tekst = (f"Team: {t.totaal} open zaken, {formatting.getal(t.uren, 0)} normuren tegen "
                     f"{formatting.getal(t.beschikbare_uren, 1)} beschikbare uren per week = "
                     f"{formatting.getal(t.weken, 1)} weken werk ({formatting.getal(round(t.procent), 0)} % van "
                     f"{formatting.getal(t.planperiode_weken, 0)} weken): {t.signaal.label.lower()}.")
            if zonder:
                tekst += f" Zonder contracturen (niet in te plannen): {', '.join(zonder)}."
            self.team_regel.setText(tekst)
        # The count of the chosen cases; the list itself was just filled with the choice as it is (its texts again
        # in the same turn computed every row twice).
        self._keuze_gewijzigd(lijst_ook=False)

    def export_tabel(self) -> Tabel:
        return self.werk

    # selection and preview
    def _extra_uren(self) -> float:
        return sum(w.geschatte_uren for w in self.werk.gekozen())

    def _na(self, c: svc.ConsulentBelasting) -> float | None:
        if c.beschikbare_uren is None or not self.werk.gekozen():
            return None
        t = next((t for t in self.teams if t.team_id == c.team_id), None)
        periode = t.planperiode_weken if t else planning.PLANPERIODE_WEKEN
        return planning.belasting_procent(planning.belasting_weken(c.uren + self._extra_uren(), c.beschikbare_uren),
                                          periode)

    def _belasting_tekst(self, c: svc.ConsulentBelasting) -> str:
        if c.procent is None:
            return "geen contracturen"
        nu = _procent(round(c.procent))
        na = self._na(c)
        return nu if na is None else f"{nu} → {_procent(round(na))}"

    def _signaal_tekst(self, c: svc.ConsulentBelasting) -> str:
        """The pill's colour in words (colour is never the only signal): 'Overbelast', 'Op norm', ..."""
        if c.procent is None:
            return "Geen contracturen"
        na = self._na(c)
        return planning.signaal(na if na is not None else c.procent).label

    def _pil(self, c: svc.ConsulentBelasting) -> str:
        if c.procent is None:
            return "grijs"
        na = self._na(c)
        return SIGNAAL_PIL[planning.signaal(na if na is not None else c.procent)]

    def _keuze_gewijzigd(self, *, lijst_ook: bool = True) -> None:
        if not self.gebouwd():
            return  # a click in the queue in the one frame before the consultants' list is there
        gekozen = self.werk.gekozen()
        if gekozen:
            self.keuze.setText(f"{len(gekozen)} {'zaak' if len(gekozen) == 1 else 'zaken'} gekozen, "
                               f"{formatting.getal(self._extra_uren(), 1)} normuren")
        else:
            self.keuze.setText("Geen zaken gekozen.")
        if lijst_ook:
            self.consulenten.toon_opnieuw()  # 'Na keuze' follows the chosen cases

    # assigning
    def toewijzen_aan(self, consulent: svc.ConsulentBelasting | None) -> None:
        gekozen = self.werk.gekozen()
        if not gekozen:
            self.toon_fout("Kies eerst een of meer zaken in de werkvoorraad.")
            return
        if consulent is None:
            self.toon_fout("Kies de consulent aan wie u de zaken wilt toewijzen.")
            return
        self.fout.hide()
        try:
            filt = self.filterbalk.filter()
        except ValidatieFout as exc:
            self.toon_fout(" ".join(exc.fouten.values()))
            return
        ctx, actor = self.shell.ctx, self.shell.actor

        def werk() -> tuple[int, str | None, Any]:
            gelukt, fout = 0, None
            for w in gekozen:
                try:
                    svc.wijs_toe(ctx, actor, w.soort, w.id, consulent.consulent_id, versie=w.versie)
                    gelukt += 1
                except ConsulentFout as exc:
                    fout = f"{w.client}: {exc}"
                    break
            return gelukt, fout, self.bereken(filt)

        self.bezig = True
        self.status.setText("Toewijzen…")

        def klaar(res: tuple[int, str | None, Any]) -> None:
            gelukt, fout, data = res
            self._klaar(data)
            if fout:
                self.toon_fout(f"{gelukt} van {len(gekozen)} zaken toegewezen. Niet gelukt: {fout}")
            nieuw = next((c for t in self.teams for c in t.consulenten if c.consulent_id == consulent.consulent_id),
                         None)
            if gelukt and nieuw is not None:
                belasting = "–" if nieuw.procent is None else f"{formatting.getal(round(nieuw.procent), 0)} %"
                self.shell.melding(f"{gelukt} {'zaak' if gelukt == 1 else 'zaken'} toegewezen aan {nieuw.naam}; "
                                   f"belasting nu {belasting}.")

        def fout(exc: BaseException) -> bool:
            self._mislukt(fout_tekst(exc))
            return True

        # On the window's writer (ui.ops), in order with the other writes; the assignment is announced, so the
        # load overview and the other lists follow.
        self.shell.ops.schrijf(self, werk, klaar, fout=fout,
                               wijziging=Wijziging.van("werkvoorraad", "toewijzing", bron=self))

    def _open_dossier(self, client_id: int) -> None:
        if getattr(self.shell, "heeft_pagina", lambda _k: False)("dossier"):
            self.shell.open_dossier(client_id)


# The one work queue of planners and team leaders, and so their home screen.
PAGE = PageSpec(
    key="werk_verdelen", titel="Werk verdelen", rollen=(Rol.PLANNER, Rol.TEAMLEIDER), maak=WerkVerdelen,
    volgorde=10, home_voor=(Rol.PLANNER, Rol.TEAMLEIDER), sneltoets="Ctrl+1", extra={"icoon": "werkvoorraad"},
)
