"""Planning norms of the 2020 report, hand-computed (domain brief section 9)."""

from __future__ import annotations

import math

import pytest

from consulent_app import planning
from consulent_app.errors import ValidatieFout


def test_benodigde_fte_rapport_2020() -> None:
    """Onderzoeksrapport Kwaliteit Toegang 2020, capaciteit: N x 4 / (36 x 0,75); 27 dossiers per week = 4 FTE."""
    assert planning.benodigde_fte(27) == pytest.approx(4.0)
    assert planning.benodigde_fte(6.75) == pytest.approx(1.0)
    assert planning.benodigde_fte(0) == 0.0


def test_benodigde_fte_met_andere_normen() -> None:
    # 10 files of 6 h = 60 h; a 32-hour week at 80 % = 25.6 productive hours -> 2.34375 FTE
    assert planning.benodigde_fte(10, 6, 32, 0.8) == pytest.approx(60 / 25.6)
    assert planning.benodigde_fte(dossiers_per_week=27, uren_per_dossier=4.0, uren_per_fte_week=36.0,
                                  productiviteit=0.75) == pytest.approx(4.0)


def test_een_fte_doet_6_75_dossiers_per_week() -> None:
    """Rapport 2020: 36 x 0,75 / 4 = 6,75 dossiers per FTE-week."""
    assert planning.dossiers_per_fte_week() == pytest.approx(6.75)


@pytest.mark.parametrize(("kw", "veld", "woord"), [
    ({"productiviteit": 1.2}, "productiviteit", "hoogstens 100 %"),
    ({"productiviteit": 0}, "productiviteit", "hoogstens 100 %"),
    ({"productiviteit": -0.5}, "productiviteit", "hoogstens 100 %"),
    ({"uren_per_dossier": -1}, "uren_per_dossier", "negatief"),
    ({"dossiers_per_week": -3}, "dossiers_per_week", "negatief"),
    ({"uren_per_fte_week": 0}, "uren_per_fte_week", "groter dan nul"),
    ({"uren_per_fte_week": float("nan")}, "uren_per_fte_week", "geen geldig getal"),
])
def test_normen_buiten_bereik_geven_nederlandse_melding(kw: dict[str, float], veld: str, woord: str) -> None:
    args: dict[str, float] = {"dossiers_per_week": 27}
    args.update(kw)
    with pytest.raises(ValidatieFout) as exc:
        planning.benodigde_fte(**args)
    assert woord in exc.value.fouten[veld]


def test_beschikbare_uren_contract_maal_productief_min_nevenuren() -> None:
    """Rapport 2020: 36 uur x 75 % = 27 uur; nevenuren (sociaal team, school) gaan eraf."""
    assert planning.beschikbare_uren(36) == pytest.approx(27.0)
    assert planning.beschikbare_uren(32, 0.75, 4) == pytest.approx(20.0)
    assert planning.beschikbare_uren(4, 0.75, 10) == 0.0  # never negative


def test_consulent_zonder_contracturen_geeft_duidelijke_melding() -> None:
    with pytest.raises(ValidatieFout) as exc:
        planning.beschikbare_uren(None)
    assert "geen contracturen" in exc.value.fouten["contracturen"]
    with pytest.raises(ValidatieFout) as exc:
        planning.beschikbare_uren(0)
    assert "0 contracturen" in exc.value.fouten["contracturen"]


def test_negatieve_nevenuren_en_productiviteit_samen_gemeld() -> None:
    with pytest.raises(ValidatieFout) as exc:
        planning.beschikbare_uren(36, 1.5, -2)
    assert set(exc.value.fouten) == {"productiviteit", "nevenuren"}


def test_belasting_in_weken_en_procent() -> None:
    # 3 new (6 h) + 2 PO (4 h) = 26 h work; 27 h a week available -> 0.963 weeks; of 6 weeks = 16.05 %
    weken = planning.belasting_weken(26, 27)
    assert weken == pytest.approx(26 / 27)
    assert planning.belasting_procent(weken) == pytest.approx(26 / 27 / 6 * 100)
    assert planning.belasting_procent(6) == pytest.approx(100.0)
    assert planning.belasting_weken(0, 0) == 0.0
    assert math.isinf(planning.belasting_weken(4, 0))


def test_signaal_over_en_onderbezetting() -> None:
    assert planning.signaal(120) is planning.Signaal.OVERBELAST
    assert planning.signaal(90) is planning.Signaal.OP_NORM
    assert planning.signaal(100) is planning.Signaal.OP_NORM
    assert planning.signaal(50) is planning.Signaal.RUIMTE
    assert planning.Signaal.OVERBELAST.label == "Overbelast"


def test_normen_per_zaaksoort() -> None:
    """Rapport 2020: 6 uur nieuw, 4 uur bestaande cliënt, 2 uur wijziging; Jeugd en PO 4 uur."""
    n = planning.Normen()
    assert [n.uren(planning.zaaksoort("wmo", s)) for s in ("nieuw", "bestaande_client", "wijziging")] == [6, 4, 2]
    assert n.uren(planning.zaaksoort("jeugdwet", "nieuw")) == 4
    assert n.uren("po") == 4


def test_normen_valideren_alles_tegelijk() -> None:
    with pytest.raises(ValidatieFout) as exc:
        planning.Normen(uren_nieuw=-6, productiviteit=2)
    assert set(exc.value.fouten) == {"uren_nieuw", "productiviteit"}
    assert "negatief" in exc.value.fouten["uren_nieuw"]


def test_fte_uit_contracturen() -> None:
    assert planning.fte(36) == 1.0
    assert planning.fte(27) == pytest.approx(0.75)
