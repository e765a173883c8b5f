"""One signal for a legal term on every screen: the investigation screen and Mijn werk agree on every pair of
(today, end date) of a year (termijnen.termijn_status, Atw art. 1 and 3)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

import pytest

from consulent_app.config import load_defaults
from ui.onderzoek.stappen import StappenPaneel
from ui.pages import _werk
from ui.widgets import PIL_KLEUREN

JAAR = 2026


@pytest.mark.parametrize("wet", ["wmo"])
def test_investigation_screen_and_mijn_werk_agree_on_every_day_of_a_year(qtbot: Any, monkeypatch: Any,
                                                                          wet: str) -> None:
    cfg = load_defaults()
    shell: Any = SimpleNamespace(ctx=SimpleNamespace(config=cfg))
    kolom = _werk.termijn_kolommen(shell)[0]
    paneel = StappenPaneel()
    qtbot.addWidget(paneel)
    kleur_naar_soort = {fg: soort for soort, (_bg, fg) in PIL_KLEUREN.items()}
    dagen = [dt.date(JAAR, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    verschillen = []
    for vandaag in dagen:
        monkeypatch.setattr(_werk, "vandaag", lambda v=vandaag: v)
        for einde in dagen:
            werk = SimpleNamespace(termijn_einde=einde, datum=vandaag)
            tekst_werk, soort_werk = kolom.waarde(werk), kolom.pil(werk)  # type: ignore[misc]
            paneel.zet_termijn(einde, wet, vandaag, extra_feestdagen=cfg.termijnen.gelijkgestelde_dagen,
                               signaal_werkdagen=cfg.termijnen.signaal_werkdagen)
            html = paneel.termijn.text()
            kleur = re.search(r"color:(#[0-9a-f]{6})'>", html)
            assert kleur is not None
            if kleur_naar_soort[kleur.group(1)] != soort_werk or f"({tekst_werk})" not in html:
                verschillen.append((vandaag, einde, soort_werk, html))
    assert verschillen == []
