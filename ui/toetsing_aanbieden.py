"""'Ter toetsing aanbieden' wherever the consultant is (Toetsing, Documenten, dossier, investigation): one write,
and a returned decision offered again without any change asks first (the core refuses it until confirmed)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from consulent_app.errors import ConsulentFout
from consulent_app.services import toetsing as svc
from ui.ops import Wijziging
from ui.pages.base import Shell

KNOP_TEKST = "Ter &toetsing aanbieden"
KNOP_UITLEG = "Bied de beschikking aan een collega-toetser aan (vier ogen)."


def vraag_ongewijzigd(parent: QWidget, melding: str) -> bool:
    """Ask before offering a returned decision again unchanged; 'Nee' is the default (Enter does not resubmit)."""
    vraag = QMessageBox(QMessageBox.Icon.Question, "Ongewijzigd opnieuw aanbieden?",
                        f"{melding}\n\nDe toetser stuurde hem terug met opmerkingen. Wilt u hem toch ongewijzigd "
                        "opnieuw ter toetsing aanbieden?", parent=parent)
    ja = vraag.addButton("Toch &aanbieden", QMessageBox.ButtonRole.AcceptRole)
    nee = vraag.addButton("&Nee, eerst aanpassen", QMessageBox.ButtonRole.RejectRole)
    vraag.setDefaultButton(nee)
    vraag.setEscapeButton(nee)
    vraag.exec()
    return vraag.clickedButton() is ja


def bied_aan(shell: Shell, eigenaar: QWidget, *, beschikking_id: int, kenmerk: str, versie: int | None = None,
             na: Callable[[], None] | None = None, fout: Callable[[str], None] | None = None) -> None:
    """Offer the decision for review off the GUI thread; refusals in words (`fout`, else the status bar)."""
    ctx, actor = shell.ctx, shell.actor

    def schrijf(ook_ongewijzigd: bool) -> None:
        def mislukt(exc: BaseException) -> bool:
            if isinstance(exc, svc.OngewijzigdAangeboden):
                if vraag_ongewijzigd(eigenaar, str(exc)):
                    schrijf(True)
                else:
                    shell.melding("Niet aangeboden: pas eerst aan wat de toetser vroeg.")
                return True
            if isinstance(exc, ConsulentFout):
                (fout or (lambda t: shell.melding(t, fout=True)))(str(exc))
                return True
            return False

        def klaar(_u: object) -> None:
            shell.melding(f"Beschikking {kenmerk} is ter toetsing aangeboden; een collega-toetser beoordeelt hem.")
            if na is not None:
                na()

        shell.ops.schrijf(eigenaar, lambda: svc.dien_in_voor_toetsing(ctx, actor, beschikking_id, versie=versie,
                                                                      ook_ongewijzigd=ook_ongewijzigd),
                          klaar, fout=mislukt, wijziging=Wijziging.van("beschikking", "toetsing", bron=eigenaar))

    schrijf(False)
