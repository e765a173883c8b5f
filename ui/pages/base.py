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

    def run_task(self, titel: str, fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
                 cancellable: bool = True) -> None:
        """Run `fn(progress, cancelled)` off the UI thread with a progress dialog; see ui.worker."""


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
