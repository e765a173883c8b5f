"""Reviewing the whole queue at once (services.toetsing_reeks): the automatic check of every waiting file with
progress and Annuleren, a list of what is missing where, and returning the incomplete files in one go (each its
own transaction, progress, a stop between files). Both run on the window's writer (ui.ops.lang), never on the GUI
thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from consulent_app.services import toetsing_reeks as tr
from ui.ops import Wijziging
from ui.pages.base import Shell
from ui.tablemodels import Kolom, Tabel
from ui.widgets import kop, uitleg


def _ontbreekt(n: tr.Nagekeken) -> str:
    if not n.ontbreekt:
        return "Niets. " + (f"{n.zelf_beoordelen} criteria vragen uw eigen oordeel." if n.zelf_beoordelen != 1
                            else "1 criterium vraagt uw eigen oordeel.")
    return "; ".join(f"{o.criterium}. {o.tekst}" for o in n.ontbreekt)


class NakijkDialoog(QDialog):
    """The queue after the automatic check: per file what is missing; 'Terugsturen' returns the incomplete ones."""

    def __init__(self, shell: Shell, nagekeken: list[tr.Nagekeken], parent: QWidget | None = None,
                 na: Callable[[tr.Teruggestuurd], None] | None = None, wachtend: int | None = None) -> None:
        super().__init__(parent)
        self.shell, self.nagekeken, self._na = shell, nagekeken, na
        self.uitkomst: tr.Teruggestuurd | None = None
        onvolledig = [n for n in nagekeken if n.ontbreekt]
        self.setWindowTitle("Wachtrij nagekeken")
        self.resize(940, 520)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 14)
        lay.setSpacing(8)
        n, k = len(nagekeken), len(onvolledig)
        van = f" van {wachtend} (gestopt)" if wachtend is not None and wachtend > n else ""
        lay.addWidget(kop(f"{n}{van} beschikking{'en' if n != 1 else ''} nagekeken: {k} met ontbrekende gegevens",
                          niveau=2, parent=self))
        lay.addWidget(uitleg("De automatische controle kijkt wat het dossier laat zien. Beschikkingen waarin iets "
                             "ontbreekt kunt u hier in één keer terugsturen: de consulent krijgt per criterium te "
                             "lezen wat ontbreekt. Goedkeuren doet u altijd zelf, per beschikking.", self))
        self.tabel = Tabel([
            Kolom("Beschikking", lambda r: r.kenmerk, min_breedte=150),
            Kolom("Cliënt", lambda r: r.client, min_breedte=160),
            Kolom("Ontbreekt", _ontbreekt, rek=True, tooltip=_ontbreekt),
        ], self)  # made in the dialog: styled once, not again when put in its layout (ui.pages.base.ouder)
        self.tabel.setAccessibleName("Nagekeken beschikkingen")
        self.tabel.zet_rijen(sorted(nagekeken, key=lambda r: (not r.ontbreekt, r.kenmerk)))
        lay.addWidget(self.tabel, 1)
        self.fout = QLabel(self)
        self.fout.setObjectName("fout")
        self.fout.setWordWrap(True)
        self.fout.hide()
        lay.addWidget(self.fout)
        knoppen = QDialogButtonBox(self)
        self.terug_knop = QPushButton(f"Onvolledige &terugsturen ({k})", knoppen)
        self.terug_knop.setObjectName("primair")
        self.terug_knop.setEnabled(k > 0)
        self.terug_knop.clicked.connect(self.stuur_terug)
        knoppen.addButton(self.terug_knop, QDialogButtonBox.ButtonRole.ActionRole)
        sluit = knoppen.addButton("&Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        sluit.setAutoDefault(False)
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)

    def stuur_terug(self) -> None:
        ctx, actor, nagekeken = self.shell.ctx, self.shell.actor, self.nagekeken
        self.terug_knop.setEnabled(False)

        def klaar(uit: tr.Teruggestuurd) -> None:
            self.uitkomst = uit
            if self._na is not None:
                self._na(uit)
            self.accept()

        def fout(_exc: BaseException) -> bool:
            self.terug_knop.setEnabled(True)
            return False

        self.shell.ops.lang(self, "Terugsturen", lambda voortgang, gestopt: tr.stuur_onvolledige_terug(
            ctx, actor, nagekeken, voortgang=voortgang, geannuleerd=gestopt), klaar, fout=fout,
            wijziging=Wijziging.van("beschikking", "toetsing"))


def kijk_wachtrij_na(shell: Shell, parent: QWidget, *, modaal: bool = True,
                     klaar: Callable[[NakijkDialoog], None] | None = None,
                     na: Callable[[tr.Teruggestuurd], None] | None = None) -> None:
    """Check the whole queue (progress, Annuleren keeps what was checked), then show the list."""
    ctx, actor = shell.ctx, shell.actor

    def toon(ronde: tr.Nakijkronde) -> None:
        if not ronde.wachtend:
            shell.melding("Er wachten geen beschikkingen op uw toetsing.")
            return
        if not ronde.nagekeken:
            shell.melding("Nakijken gestopt; er is niets veranderd.")
            return
        dlg = NakijkDialoog(shell, ronde.nagekeken, parent, na=na, wachtend=ronde.wachtend)
        if klaar is not None:
            klaar(dlg)
        if modaal:
            dlg.exec()
        else:
            dlg.show()

    shell.ops.lang(parent, "Wachtrij nakijken", lambda voortgang, gestopt: tr.kijk_wachtrij_na(
        ctx, actor, voortgang=voortgang, geannuleerd=gestopt), toon)
