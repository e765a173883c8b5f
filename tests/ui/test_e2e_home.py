"""The consultant's home list in the real window while the report is with the client (end-to-end seam)."""

from __future__ import annotations

import pytest

from tests.factories import Basis
from tests.test_e2e_proces import _wmo_onderzoek
from tests.ui.test_shell import venster, wacht  # noqa: F401 - fixtures

pytestmark = pytest.mark.ui


def test_report_with_the_client_reads_as_the_next_step(qtbot, venster, basis: Basis) -> None:  # noqa: F811
    _wmo_onderzoek(basis)
    w = venster("consulent")
    wacht(qtbot, w)
    tabel = w.pages["mijn_werk"].tabel
    teksten = [tabel.model().index(0, k).data() for k in range(tabel.model().columnCount())]
    assert "Verslag bij cliënt: reactie vastleggen" in teksten
    assert "Maria van Dijk" in teksten
    w.resize(1366, 768)
    w.grab().save("/tmp/shots/mijn_werk_reactie.png")
