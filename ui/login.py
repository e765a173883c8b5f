"""Logging in: user name + password, the message inside the dialog, and the forced password change after a reset."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app import paths
from consulent_app.errors import ValidatieFout
from ui.formulier import Formulier

# The login window is shown before the database is opened (see `toon_vooraf`), so this module imports nothing that
# loads SQLAlchemy (the services and the operation layer are imported when the user logs in) and of the shared
# widgets only the form (ui.formulier: ui.widgets makes the Python types of two dozen more Qt classes).
if TYPE_CHECKING:
    from consulent_app.config import Config
    from consulent_app.services.base import Actor, AppContext


#: Set once "Inloggen" is pressed (or the sign-in at the municipality's identity provider started): what the
#: start-up prepares while the user types stops then (ui.main.oefen_statements), it would only compete with the login.
inloggen_gevraagd = threading.Event()


def _open_in_browser(url: str) -> bool:
    """consulent_app.oidc.open_in_browser, imported when the sign-in at the identity provider starts."""
    from consulent_app import oidc

    return oidc.open_in_browser(url)


def tekst_hoogte(label: QLabel) -> int:
    """The height a word-wrapped label's text needs at the width its contents have now."""
    from PySide6.QtCore import Qt

    breedte = max(label.contentsRect().width(), 200)
    vlag = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    return label.fontMetrics().boundingRect(QRect(0, 0, breedte, 100_000), vlag, label.text()).height()


class LoginDialog(QDialog):
    """Asks for user name and password until `inloggen` accepts them. `actor` and `moet_wijzigen` after accept()."""

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None, *, melding: str | None = None,
                 config: Config | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx  # None while the database is still being opened (toon_vooraf); set before exec()
        cfg = config if config is not None else ctx.config if ctx is not None else None
        assert cfg is not None, "LoginDialog needs a context or a configuration"
        self.actor: Actor | None = None
        self.moet_wijzigen = False
        self.setWindowTitle("Inloggen – Consulent")
        self.setObjectName("login")
        self.setMinimumWidth(460)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 28, 32, 24)
        lay.setSpacing(14)
        kop = QHBoxLayout()
        logo = QLabel()
        # 48 pixels high, smoothly scaled (the icon's own scaling: no transformation flag from the Qt namespace, see
        # ui.formulier), and sharp at the screen's own pixel ratio.
        pix = QIcon(str(paths.resources_dir() / "logo.png")).pixmap(QSize(4 * 48, 48))
        if not pix.isNull():
            logo.setPixmap(pix)
        kop.addWidget(logo)
        titels = QVBoxLayout()
        titel = QLabel("Consulent")
        titel.setObjectName("kop1")
        gemeente = QLabel(f"{cfg.gemeente.naam} · toegang Wmo en Jeugdwet")
        gemeente.setObjectName("uitleg")
        titels.addWidget(titel)
        titels.addWidget(gemeente)
        kop.addLayout(titels, 1)
        lay.addLayout(kop)

        self.form = Formulier()
        self.gebruikersnaam = QLineEdit()
        self.gebruikersnaam.setObjectName("gebruikersnaam")
        self.wachtwoord = QLineEdit()
        self.wachtwoord.setObjectName("wachtwoord")
        self.wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.voeg_toe("gebruikersnaam", "&Gebruikersnaam", self.gebruikersnaam)
        self.form.voeg_toe("wachtwoord", "&Wachtwoord", self.wachtwoord)
        lay.addWidget(self.form)

        self.melding = QLabel()
        self.melding.setObjectName("formulierfout")
        self.melding.setWordWrap(True)
        self.melding.hide()
        lay.addWidget(self.melding)
        if melding:
            self.toon_melding(melding)

        # The municipality's identity provider (OpenID Connect), when configured: the browser does the login.
        self.oidc_knop: QPushButton | None = None
        self.open_browser = _open_in_browser
        if cfg.oidc.aan:
            self.oidc_knop = QPushButton("Inloggen met uw &gemeente-account…")
            self.oidc_knop.setObjectName("oidc_knop")
            self.oidc_knop.setToolTip("Opent de browser; daar logt u in zoals bij de andere programma's van de "
                                      "gemeente.")
            self.oidc_knop.clicked.connect(lambda: self.probeer_oidc())
            lay.addWidget(self.oidc_knop)

        knoppen = QDialogButtonBox()
        self.inlog_knop = knoppen.addButton("&Inloggen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.inlog_knop.setDefault(True)
        knoppen.addButton("&Afsluiten", QDialogButtonBox.ButtonRole.RejectRole)
        knoppen.accepted.connect(self.probeer)
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)
        self.gebruikersnaam.setFocus()

    def toon_melding(self, tekst: str) -> None:
        """The message in full: a wrapped label in a dialog that was laid out without it keeps its old height
        and cut the lock-out message off after two lines, so the label gets the height its text needs."""
        self.melding.setText(tekst)
        self.melding.show()
        # The label's width is known only after the layout placed it (a hidden label keeps a stale width), and its
        # height changes the dialog's size: lay out, measure the wrapped text at the width it really got, until that
        # settles. (QLabel.heightForWidth is no measure here: it never answers less than the minimum height set.)
        marges = self.melding.contentsMargins()
        for _ in range(3):
            lay = self.layout()
            if lay is not None:
                lay.activate()
            hoogte = tekst_hoogte(self.melding) + marges.top() + marges.bottom()
            if self.melding.minimumHeight() == hoogte:
                break
            self.melding.setMinimumHeight(hoogte)
            self.adjustSize()

    def probeer_oidc(self) -> None:
        """Sign in at the IdP off the GUI thread (the browser login may take minutes; Afsluiten stops waiting)."""
        assert self.oidc_knop is not None and self.ctx is not None
        from consulent_app import oidc
        from consulent_app.services import auth
        from ui.ops import achtergrond, fout_tekst

        ctx, browser = self.ctx, self.open_browser
        inloggen_gevraagd.set()
        self._oidc_stop = threading.Event()
        stop = self._oidc_stop
        self.oidc_knop.setEnabled(False)
        self.toon_melding("Log in via het browservenster dat nu opent. Daarna gaat Consulent vanzelf verder.")

        def meld_aan() -> Actor:
            claims = oidc.meld_aan(ctx.config.oidc, browser, afgebroken=stop.is_set)
            return auth.inloggen_oidc(ctx, claims)

        def gelukt(actor: Actor) -> None:
            self.actor, self.moet_wijzigen = actor, False
            self.accept()

        def mislukt(exc: BaseException) -> None:
            if self.oidc_knop is not None:
                self.oidc_knop.setEnabled(True)
            self.toon_melding(fout_tekst(exc))

        achtergrond(self, meld_aan, gelukt, mislukt)

    def reject(self) -> None:
        stop = getattr(self, "_oidc_stop", None)
        if stop is not None:
            stop.set()
        super().reject()

    def probeer(self) -> None:
        naam = self.gebruikersnaam.text().strip()
        fouten = {}
        if not naam:
            fouten["gebruikersnaam"] = "Vul uw gebruikersnaam in."
        if not self.wachtwoord.text():
            fouten["wachtwoord"] = "Vul uw wachtwoord in."
        if fouten:
            self.melding.hide()
            self.form.toon_fouten(fouten)
            return
        self.form.wis_fouten()
        if self.ctx is None:  # the database is still being opened; a click queued meanwhile comes after that
            return
        from consulent_app.services import auth
        from ui.ops import achtergrond, fout_tekst

        ctx, wachtwoord = self.ctx, self.wachtwoord.text()
        inloggen_gevraagd.set()
        self.inlog_knop.setEnabled(False)  # while the password is checked (the dialog keeps painting)

        def gelukt(uitkomst: tuple[Actor, bool]) -> None:
            self._knop_terug()
            self.actor, self.moet_wijzigen = uitkomst
            self.accept()

        def mislukt(exc: BaseException) -> None:
            self._knop_terug()
            self.toon_melding(fout_tekst(exc))
            self.wachtwoord.clear()
            self.wachtwoord.setFocus()

        # The password hash (argon2, ~150 ms) and the database are never on the GUI thread.
        achtergrond(self, lambda: auth.inloggen(ctx, naam, wachtwoord), gelukt, mislukt)

    def _knop_terug(self) -> None:
        self.inlog_knop.setEnabled(True)


class WachtwoordWijzigenDialog(QDialog):
    """A new password, asked after a reset by the beheerder (`moet_wachtwoord_wijzigen`)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, *, verplicht: bool = True,
                 oud: str = "") -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle("Nieuw wachtwoord kiezen")
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 20)
        lay.setSpacing(12)
        if verplicht:
            uitleg = QLabel("Uw wachtwoord is opnieuw ingesteld. Kies nu een eigen wachtwoord van minstens "
                            f"{ctx.config.beveiliging.wachtwoord_minimale_lengte} tekens.")
            uitleg.setWordWrap(True)
            lay.addWidget(uitleg)
        self.form = Formulier()
        self.oud = QLineEdit(oud)
        self.nieuw = QLineEdit()
        self.herhaal = QLineEdit()
        for ed in (self.oud, self.nieuw, self.herhaal):
            ed.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.voeg_toe("oud", "&Huidig wachtwoord", self.oud)
        self.form.voeg_toe("nieuw", "&Nieuw wachtwoord", self.nieuw)
        self.form.voeg_toe("herhaal", "&Bevestig nieuw", self.herhaal)
        lay.addWidget(self.form)
        knoppen = QDialogButtonBox()
        ok = self.ok = knoppen.addButton("&Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        knoppen.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        knoppen.accepted.connect(self.opslaan)
        knoppen.rejected.connect(self.reject)
        lay.addWidget(knoppen)
        (self.nieuw if oud else self.oud).setFocus()

    def opslaan(self) -> None:
        if self.nieuw.text() != self.herhaal.text():
            self.form.toon_fouten({"herhaal": "De twee nieuwe wachtwoorden zijn niet gelijk."})
            return
        from consulent_app.services import auth
        from ui.ops import achtergrond, fout_tekst

        ctx, actor, oud, nieuw = self.ctx, self.actor, self.oud.text(), self.nieuw.text()
        self.ok.setEnabled(False)

        def mislukt(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            if isinstance(exc, ValidatieFout):
                self.form.toon_validatiefout(exc)
            else:
                self.form.toon_fouten({"_": fout_tekst(exc)})

        def gelukt(_u: object) -> None:
            self.ok.setEnabled(True)
            self.accept()

        achtergrond(self, lambda: auth.wijzig_wachtwoord(ctx, actor, oud, nieuw), gelukt, mislukt)


_vooraf: list[LoginDialog] = []


def toon_vooraf(config: Config) -> LoginDialog:
    """The login window at once, before the database is opened (SQLAlchemy, the models and the schema check take
    half a second): the user starts typing meanwhile and nothing typed is lost. `log_in` takes this window over."""
    dlg = LoginDialog(None, config=config)
    dlg.show()
    _vooraf.append(dlg)
    return dlg


def sluit_vooraf() -> None:
    """Close a window shown by `toon_vooraf` that no login took over (the database could not be opened)."""
    while _vooraf:
        dlg = _vooraf.pop()
        dlg.close()
        dlg.deleteLater()


def log_in(ctx: AppContext, parent: QWidget | None = None, *, melding: str | None = None) -> Actor | None:
    """The whole login flow; None when the user gives up (Afsluiten or closing the dialog). `melding` is shown
    in the dialog from the start (e.g. why the previous session ended)."""
    if _vooraf and parent is None:
        dlg = _vooraf.pop()  # already on screen since the start, perhaps with a name typed in
        dlg.ctx = ctx
        if melding:
            dlg.toon_melding(melding)
    else:
        dlg = LoginDialog(ctx, parent, melding=melding)
    if dlg.exec() != QDialog.DialogCode.Accepted or dlg.actor is None:
        return None
    if dlg.moet_wijzigen:
        wijzig = WachtwoordWijzigenDialog(ctx, dlg.actor, parent, oud=dlg.wachtwoord.text())
        if wijzig.exec() != QDialog.DialogCode.Accepted:
            return None
    return dlg.actor
