"""The login dialog's 'Inloggen met uw gemeente-account' and the idle lock's re-authentication at the IdP, driven
through the buttons against the real OpenID Provider of tests/oidc_idp.py (issue 15 point 11)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from consulent_app import oidc
from consulent_app.config import Oidc
from consulent_app.services import auth
from consulent_app.services.base import AppContext
from tests.factories import Basis
from tests.oidc_idp import Browser, idp
from ui.idle_lock import OntgrendelDialoog
from ui.login import LoginDialog

pytestmark = pytest.mark.ui


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with idp() as url:
        yield url


@pytest.fixture
def ctx(basis: Basis, issuer: str) -> AppContext:
    cfg = dataclasses.replace(basis.ctx.config, oidc=Oidc(aan=True, issuer=issuer, wachttijd_seconden=30))
    return AppContext(config=cfg, engine=basis.ctx.engine)


def test_the_login_dialog_signs_in_with_the_municipality_account(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.oidc_knop is not None and dlg.oidc_knop.isVisible()
    dlg.grab().save(str(tmp_path / "login_oidc.png"))
    dlg.open_browser = Browser("onbekende.collega")
    qtbot.mouseClick(dlg.oidc_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "niet bekend" in dlg.melding.text(), timeout=20_000)
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.oidc_knop.isEnabled()

    dlg.open_browser = Browser("consulent")
    qtbot.mouseClick(dlg.oidc_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert dlg.actor is not None and dlg.actor.gebruikersnaam == "consulent" and dlg.actor.aanmelding == "oidc"


def test_without_an_idp_configured_there_is_no_such_button(qtbot, basis: Basis) -> None:
    dlg = LoginDialog(basis.ctx)
    qtbot.addWidget(dlg)
    assert dlg.oidc_knop is None


def test_the_idle_lock_reauthenticates_at_the_idp(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    browser = Browser("consulent")
    actor = auth.inloggen_oidc(ctx, oidc.meld_aan(ctx.config.oidc, browser))
    dlg = OntgrendelDialoog(ctx, actor)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.oidc_knop is not None and not dlg.wachtwoord.isVisible()
    ontgrendeld: list[bool] = []
    dlg.ontgrendeld.connect(lambda: ontgrendeld.append(True))

    dlg.open_browser = Browser("planner")  # someone else at the keyboard
    qtbot.mouseClick(dlg.oidc_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ander account" in dlg.fout.text(), timeout=20_000)
    assert not ontgrendeld
    dlg.grab().save(str(tmp_path / "ontgrendel_oidc.png"))

    dlg.open_browser = Browser("consulent")
    qtbot.mouseClick(dlg.oidc_knop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(ontgrendeld), timeout=20_000)
