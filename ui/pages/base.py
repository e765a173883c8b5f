"""The contract between the main window (the shell) and its pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWidget

from consulent_app.domain import Rol
from consulent_app.services.base import Actor, AppContext

if TYPE_CHECKING:
    from ui.ops import Ops


class Shell(Protocol):
    """What a page may ask of the main window."""

    ctx: AppContext
    actor: Actor
    ops: Ops  # every call into the core goes through it (ui.ops): reads and writes off the GUI thread

    def open_page(self, key: str, **params: Any) -> None:
        """Show page `key` (creating it once); calls its `toon(**params)` if it has one."""

    def open_dossier(self, client_id: int) -> None:
        """Shortcut for open_page("dossier", client_id=...)."""

    def melding(self, tekst: str, *, fout: bool = False) -> None:
        """A short message in the status bar (errors in red)."""


@dataclass(frozen=True)
class PageSpec:
    key: str
    titel: str
    rollen: tuple[Rol, ...]  # roles that see this page in the navigation
    maak: Callable[[Shell], QWidget]  # factory; the widget may define toon(**params) and vernieuw()
    volgorde: int = 100
    home_voor: tuple[Rol, ...] = ()  # the page is the home screen of these roles
    in_menu: bool = True  # False: reachable only through open_page (e.g. the dossier, the investigation)
    sneltoets: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def ouder(shell: Any) -> QWidget | None:
    """The parent a page is made in: the window's page stack (MainWindow.stack), else none (a test's shell).

    A widget added to a parent is styled anew with everything under it (the application style sheet), so a page
    made on its own and put into the window afterwards was styled once per level it was assembled in, and again
    in the window: made in the stack from the start, opening Werk verdelen styled 2.5x less (issue 13). The same
    holds inside a page: give a container its parent (add it to its layout) before filling it.

        class MijnScherm(QWidget):
            def __init__(self, shell: Shell) -> None:
                super().__init__(ouder(shell))
    """
    stack = getattr(shell, "stack", None)
    return stack if isinstance(stack, QWidget) else None


def volg_wijziging(pagina: QWidget, w: Any, soorten: frozenset[str], *, client_id: int | None = None,
                   vernieuw: Callable[[], None] | None = None, houd_vast: bool = False) -> bool:
    """The one rule by which an open page follows what other screens changed (ui.ops.Wijziging, announced by
    every write): when `w` touches `soorten` (or everything, "*") and, for a page about one client, that client
    (or no client in particular), the page reads again: at once when it is on screen, otherwise it is marked
    `verouderd` and reads when it is shown next. `houd_vast` (unsaved input on the page) postpones the reading to
    the next showing, so nothing typed is overwritten. True when the page read again now."""
    if not ("*" in w.soorten or w.raakt(*soorten)):
        return False
    if client_id is not None and w.client_id is not None and w.client_id != client_id:
        return False
    if pagina.isVisible() and not houd_vast:
        pagina.verouderd = False  # type: ignore[attr-defined]
        (vernieuw or pagina.vernieuw)()  # type: ignore[attr-defined]
        return True
    pagina.verouderd = True  # type: ignore[attr-defined]
    return False


#: What each kind of page shows, so it knows which announced changes concern it (ui.ops.Wijziging.soorten).
ZAKEN = frozenset({"werkvoorraad", "melding", "onderzoek", "aanvraag", "beschikking", "toetsing", "voorziening",
                   "po", "termijn", "toewijzing", "verzendlijst"})
