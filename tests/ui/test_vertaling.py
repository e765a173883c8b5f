"""Qt's own dialogs speak Dutch (issue 16): the file dialog says "Zoeken in" and "Bestandstype", not English."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel

from consulent_app import paths
from ui.main import maak_app

pytestmark = pytest.mark.ui


def test_de_bestandskiezer_van_qt_spreekt_nederlands(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    maak_app()
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Zoeken in:"
    (tmp_path / "map").mkdir()
    dlg = QFileDialog(None, "Bijlage kiezen", str(tmp_path), "PDF-bestanden (*.pdf)")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dlg)
    dlg.show()
    labels = {lbl.text() for lbl in dlg.findChildren(QLabel) if lbl.isVisible()}
    assert {"&Zoeken in:", "Bestands&naam:", "Bestands&type:"} <= labels, labels
    assert not any("Look" in t or "Files of" in t for t in labels)


def test_de_aanvulling_op_de_qt_vertaling_is_gecompileerd_uit_de_bron(qtbot) -> None:  # type: ignore[no-untyped-def]
    """resources/vertalingen/qt_aanvulling_nl.qm is what the program loads; every text of the .ts it was made from
    comes out translated (a .ts edited without running pyside6-lrelease fails here)."""
    maak_app()
    bron = ET.parse(paths.resources_dir() / "vertalingen" / "qt_aanvulling_nl.ts").getroot()
    berichten = [(ctx.findtext("name"), msg) for ctx in bron.iter("context") for msg in ctx.iter("message")]
    assert berichten
    for context, msg in berichten:
        vertaald = QCoreApplication.translate(context or "", msg.findtext("source") or "", msg.findtext("comment"))
        assert vertaald == msg.findtext("translation"), (context, msg.findtext("source"))
