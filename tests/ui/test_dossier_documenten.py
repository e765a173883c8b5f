"""From the dossier's Documenten tab a consultant opens a stored document and reaches the documents screen."""

from __future__ import annotations

import pytest

from consulent_app.services import documenten
from tests.factories import Basis
from tests.factories_zaak import maak_zaak
from ui.mainwindow import build_main_window

pytestmark = pytest.mark.ui


def test_document_in_dossier_opens_preview_and_button_opens_documents_page(qtbot, basis: Basis,  # type: ignore[no-untyped-def]
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    zaak = maak_zaak(basis)
    doc_id = documenten.maak_verslag(basis.ctx, basis["consulent"], zaak.onderzoek_id, "pdf")
    geopend: list[int] = []
    import ui.document_preview

    monkeypatch.setattr(ui.document_preview, "toon_document",
                        lambda parent, document_id, ctx, actor, **kw: geopend.append(document_id))
    w = build_main_window(basis.ctx, basis["consulent"])
    qtbot.addWidget(w)
    w.show()
    w.open_dossier(zaak.client_id)
    page = w.pages["dossier"]
    qtbot.waitUntil(lambda: page.documenten.model().rowCount() == 1, timeout=10_000)
    page.documenten.rij_geopend.emit(page.documenten.rijen()[0])
    assert geopend == [doc_id.id]
    page.document_knop.click()
    assert w.huidige == "documenten"
