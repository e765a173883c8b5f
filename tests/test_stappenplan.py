"""The stappenplan's rules without a database or a window; each test names the article or criterion it protects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consulent_app.domain import StapStatus, Wet
from consulent_app.errors import ValidatieFout
from consulent_app.formulieren import FormulierFout, laad_formulier, lees_formulier
from consulent_app.rules import stappenplan as sp

WMO = laad_formulier(Wet.WMO)
JEUGD = laad_formulier(Wet.JEUGDWET)


@dataclass
class D:
    bron: str
    volume: Decimal


@dataclass
class B:
    id: int
    omschrijving: str
    volume: Decimal
    eenheid: str = "04"
    frequentie: str = "2"
    dekkingen: list[D] = field(default_factory=list)


VOLLEDIG = {
    1: {"client_woorden": "x", "vraag_achter_de_vraag": "x", "persoonskenmerken": "x"},
    2: {}, 3: {}, 4: {},
    5: {"eigen_mogelijkheden": "x", "gebruikelijke_hulp": "x", "netwerk": "x"},
    6: {"algemene_voorzieningen": "x", "andere_wetten": "x"},
    7: {"afweging": "x"},
}


def _stand(**kw: object) -> sp.OnderzoekStand:
    base = sp.OnderzoekStand(
        wet=Wet.WMO,
        stappen=[sp.StapStand(n, "bezig", None, dict(VOLLEDIG[n])) for n in range(1, 8)],
        aantal_problemen=1, aantal_resultaten=1, resultaat_ids=(10,),
        behoeften=[B(1, "Schoonmaken", Decimal(3), dekkingen=[D("client_zelf", Decimal(1))]),
                   B(2, "Boodschappen", Decimal(1), dekkingen=[D("netwerk_nu", Decimal(1))])],
        voorzieningen=[sp.VoorzieningKoppeling("Hulp bij het huishouden", (1,), (10,))],
        gehoord=sp.Gehoord(gesprek_datum=dt.date(2026, 11, 10), gesprek_plaats="Thuis", client_gehoord=True,
                           eerdere_hulp_evaluatie="Geen"),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def _met_stap(stand: sp.OnderzoekStand, nummer: int, **kw: object) -> sp.OnderzoekStand:
    return replace(stand, stappen=[replace(s, **kw) if s.nummer == nummer else s for s in stand.stappen])


def test_bruto_gedekt_netto_per_need() -> None:
    """Domain brief section 3 / criterium 5-8 toetsingskader: bruto minus what steps 5 and 6 cover is netto."""
    saldi = sp.bruto_netto([
        B(1, "Schoonmaken", Decimal(3), dekkingen=[D("client_zelf", Decimal(1)), D("algemene_voorziening",
                                                                                    Decimal("0.5")),
                                                    D("client_zelf", Decimal("0.5"))]),
        B(2, "Begeleiding", Decimal(2)),
    ])
    assert saldi[0].bruto == 3 and saldi[0].gedekt == 2 and saldi[0].netto == 1
    assert saldi[0].gedekt_per_bron == {"client_zelf": Decimal("1.5"), "algemene_voorziening": Decimal("0.5")}
    assert saldi[1].gedekt == 0 and saldi[1].netto == 2 and not saldi[1].volledig_gedekt
    assert (saldi[0].eenheid, saldi[0].frequentie) == ("04", "2")


def test_netto_never_below_zero() -> None:
    """Wmo 2015 art. 2.3.5 lid 3: a need covered more than fully (old data) leaves nothing, not a negative need."""
    (saldo,) = sp.bruto_netto([B(1, "Koken", Decimal(2), dekkingen=[D("netwerk_nu", Decimal(3))])])
    assert saldo.netto == 0 and saldo.volledig_gedekt


def test_coverage_beyond_the_need_is_refused() -> None:
    """Wmo 2015 art. 2.3.5 lid 3: what others cover is measured against the need, in its own unit; never more."""
    sp.controleer_dekking(Decimal(3), "04", "2", Decimal(2), Decimal(1))  # exactly the need: fine
    with pytest.raises(ValidatieFout) as exc:
        sp.controleer_dekking(Decimal(3), "04", "2", Decimal(2), Decimal("1.5"))
    assert exc.value.fouten["volume"].startswith("Dit is meer dan de behoefte: de behoefte is 3 uur per week")


def test_provision_for_a_fully_covered_need_is_refused_with_explanation() -> None:
    """Wmo 2015 art. 2.3.5 lid 3: no maatwerkvoorziening where own means, network or other provisions suffice."""
    saldi = sp.bruto_netto(_stand().behoeften)
    with pytest.raises(ValidatieFout) as exc:
        sp.controleer_koppeling(Wet.WMO, saldi, [2], [10], [10])
    msg = exc.value.fouten["behoeften"]
    assert "'Boodschappen' is volledig gedekt" in msg and "sociaal netwerk (nu)" in msg
    assert "Wmo 2015 art. 2.3.5 lid 3" in msg
    with pytest.raises(ValidatieFout) as exc:
        sp.controleer_koppeling(Wet.JEUGDWET, saldi, [2], [10], [10])
    assert "individuele voorziening" in exc.value.fouten["behoeften"]
    sp.controleer_koppeling(Wet.WMO, saldi, [1], [10], [10])


def test_provision_must_name_a_need_and_a_desired_result() -> None:
    """Criterium 9 toetsingskader: the need for a custom provision follows from named needs and results."""
    saldi = sp.bruto_netto(_stand().behoeften)
    with pytest.raises(ValidatieFout) as exc:
        sp.controleer_koppeling(Wet.WMO, saldi, [], [], [10])
    assert set(exc.value.fouten) == {"behoeften", "resultaten"}
    assert exc.value.fouten["resultaten"] == ("Kies minstens één gewenst resultaat (stap 3) waaraan deze voorziening "
                                              "bijdraagt.")


def test_complete_investigation_has_every_step_compleet() -> None:
    statussen = sp.bereken_statussen(WMO, _stand())
    assert set(statussen.values()) == {StapStatus.COMPLEET}
    assert sp.ontbrekend_voor_afronden(WMO, _stand()) == []


def test_step3_message_is_precise() -> None:
    """Criterium 4 toetsingskader: desired results are described."""
    stand = _stand(aantal_resultaten=0, resultaat_ids=())
    assert "Stap 3 Gewenst resultaat: voeg minstens één gewenst resultaat toe." in sp.ontbrekend_in_stap(WMO, stand, 3)


def test_steps_complete_in_order_and_step7_waits_for_1_to_6() -> None:
    """Domain brief section 3 (aanbeveling 6): steps in order; step 7 opens only when 1-6 are done."""
    stand = _met_stap(_stand(aantal_problemen=0), 1, velden={})
    statussen = sp.bereken_statussen(WMO, stand)
    assert statussen[1] is StapStatus.OPEN
    assert statussen[2] is StapStatus.OPEN
    assert statussen[3] is StapStatus.BEZIG  # its own content is complete, but step 1 and 2 are not
    assert statussen[7] is StapStatus.BEZIG  # locked, though a provision was drafted earlier
    blokkades = sp.stap7_blokkades(WMO, stand)
    assert "Stap 1 Hulpvraag: vul 'Hulpvraag in de woorden van de cliënt' in." in blokkades
    assert "Stap 2 Problemen zelfredzaamheid en participatie: beschrijf minstens één probleem bij een leefgebied." \
        in blokkades


def test_niet_van_toepassing_counts_only_with_a_reason() -> None:
    """Domain brief section 3: a step that does not apply is marked so with a reason, never silently empty."""
    zonder = _met_stap(_stand(), 6, status="nvt", nvt_reden=None, velden={})
    assert sp.bereken_statussen(WMO, zonder)[6] is StapStatus.OPEN
    assert sp.stap7_blokkades(WMO, zonder) == [
        "Stap 6 Andere en algemene voorzieningen: geef een reden waarom deze stap niet van toepassing is."]
    met = _met_stap(_stand(), 6, status="nvt", nvt_reden="Geen andere voorzieningen in beeld.", velden={})
    assert sp.bereken_statussen(WMO, met)[6] is StapStatus.NVT
    assert sp.stap7_blokkades(WMO, met) == []


def test_step7_needs_a_provision_or_nvt() -> None:
    """Wmo 2015 art. 2.3.5 lid 3 / criterium 10: step 7 records the custom provision or says why there is none."""
    stand = _stand(voorzieningen=[])
    assert any("voeg minstens één maatwerkvoorziening toe" in r for r in sp.ontbrekend_voor_afronden(WMO, stand))
    nvt = _met_stap(stand, 7, status="nvt", nvt_reden="Alles is gedekt door het netwerk.")
    assert sp.ontbrekend_voor_afronden(WMO, nvt) == []


def test_provision_linked_to_a_need_that_became_fully_covered_blocks_completion() -> None:
    """Wmo 2015 art. 2.3.5 lid 3: the netto need is the only ground for maatwerk, also after later edits."""
    stand = _stand(voorzieningen=[sp.VoorzieningKoppeling("Hulp bij het huishouden", (2,), (10,))])
    assert any("'Boodschappen', maar die behoefte is volledig gedekt" in r
               for r in sp.ontbrekend_voor_afronden(WMO, stand))


def test_wmo_client_heard_and_earlier_help_evaluated() -> None:
    """Criterium 11 (client / representative heard) and criterium 3 (earlier help evaluated) toetsingskader."""
    g = sp.Gehoord(client_gehoord=False, heeft_vertegenwoordiger=True)
    assert sp.ontbrekend_gehoord(Wet.WMO, g) == [
        "Gehoord en betrokkenen: vul de datum van het gesprek in.",
        "Gehoord en betrokkenen: vul de plaats van het gesprek in.",
        "Gehoord en betrokkenen: geef aan waarom de cliënt niet is gehoord.",
        "Gehoord en betrokkenen: de cliënt heeft een vertegenwoordiger; geef aan of die is gehoord.",
        "Gehoord en betrokkenen: beschrijf de eerdere hulp en wat die opleverde, of dat er geen eerdere hulp was.",
    ]


def test_wmo_persoonlijk_plan_is_taken_into_account() -> None:
    """Wmo 2015 art. 2.3.2 lid 2: a persoonlijk plan handed in is part of the investigation."""
    g = sp.Gehoord(gesprek_datum=dt.date(2026, 11, 1), gesprek_plaats="Thuis", client_gehoord=True,
                   eerdere_hulp_evaluatie="Geen", persoonlijk_plan_ontvangen=dt.date(2026, 11, 5))
    assert sp.ontbrekend_gehoord(Wet.WMO, g) == [
        "Gehoord en betrokkenen: de cliënt heeft een persoonlijk plan ingediend; beschrijf hoe het is meegenomen."]
    assert sp.ontbrekend_gehoord(Wet.WMO, replace(g, persoonlijk_plan="Wens: hulp op maandag.")) == []


def test_jeugd_young_person_parents_household_and_gezinsplan() -> None:
    """Criterium 11 and 13 toetsingskader Jeugd: young person heard or why not, parents with authority, gezinsplan."""
    g = sp.Gehoord(gesprek_datum=dt.date(2026, 11, 1), gesprek_plaats="Thuis", eerdere_hulp_evaluatie="Geen",
                   jeugdige_gehoord=True, vertegenwoordiger_gehoord=True, aantal_gezaghebbenden=2,
                   gezinsplan_verwacht=False)
    assert sp.ontbrekend_gehoord(Wet.JEUGDWET, g) == []
    assert sp.ontbrekend_gehoord(Wet.JEUGDWET, replace(g, aantal_gezaghebbenden=0)) == [
        "Gehoord en betrokkenen: leg de gezinsleden en de ouders met gezag vast."]


def test_forms_have_seven_steps_and_client_words() -> None:
    """Domain brief section 3: the Wmo and Jeugdwet stappenplan have seven steps; the client's words have a field."""
    for form in (WMO, JEUGD):
        assert [s.nummer for s in form.stappen] == list(range(1, 8))
        assert form.stap(1).veld("client_woorden") is not None
        assert all(s.grondslag and s.hulptekst and s.voorbeeld for s in form.stappen)
    assert JEUGD.stap(2).titel.startswith("Opvoed- en opgroeiproblemen")
    assert {lg.code for lg in WMO.leefgebieden} >= {"huishouden", "mobiliteit", "sociale_contacten", "financien"}


@pytest.mark.parametrize(("wijziging", "fout"), [
    (lambda t: t.replace('key = "client_woorden"', 'key = "woorden"'), "stap 1: een veld met key \"client_woorden\""),
    (lambda t: t.replace("nummer = 3", "nummer = 4", 1), "stap 3: 'nummer' moet 3 zijn"),
    (lambda t: t.replace('soort = "ja_nee"', 'soort = "vinkje"'), "stap 5, veld 4 (mantelzorg_overbelast): soort"),
    (lambda t: t.replace('titel = "Gewenst resultaat"', 'titel = ""'), "stap 3: 'titel' ontbreekt"),
    (lambda t: t + "\n[[stappen]\n", "geen geldige TOML"),
])
def test_malformed_form_gives_clear_error_naming_file_and_step(tmp_path: Path, wijziging: object, fout: str) -> None:
    from consulent_app.formulieren import bestand

    tekst = bestand(Wet.WMO).read_text(encoding="utf-8")
    pad = tmp_path / "wmo.toml"
    pad.write_text(wijziging(tekst), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(FormulierFout) as exc:
        lees_formulier(pad, Wet.WMO)
    assert str(exc.value).startswith("forms/wmo.toml")
    assert fout in str(exc.value)


def test_step5_and_6_summaries_are_answered_by_the_per_need_rows() -> None:
    """Art. 2.3.2 lid 4 onder c-f Wmo 2015 (criteria 6-8): own options, customary help, network and other
    provisions are weighed per need. A summary whose sources have a row in the per-need table is answered by it
    (not typed twice); one without such a row (no housemates, no general provision) must still be written."""
    stand = _met_stap(_met_stap(_stand(), 5, velden={}), 6, velden={})
    ontbrekend5 = sp.ontbrekend_in_stap(WMO, stand, 5)
    # client_zelf and netwerk_nu rows exist: those two summaries are answered; customary help is not
    assert [r for r in ontbrekend5 if "'Eigen mogelijkheden" in r or "'Sociaal netwerk" in r] == []
    assert len(ontbrekend5) == 1 and "'Gebruikelijke hulp" in ontbrekend5[0] and "per behoefte" in ontbrekend5[0]
    assert len(sp.ontbrekend_in_stap(WMO, stand, 6)) == 2  # no row of step 6 at all
    assert sp.samenvatting_uit_tabel(stand.behoeften, ("client_zelf",)) == ["Schoonmaken: 1 uur per week"]
    geschreven = _met_stap(stand, 5, velden={"gebruikelijke_hulp": "Woont alleen."})
    assert sp.ontbrekend_in_stap(WMO, geschreven, 5) == []
    jeugd = replace(stand, wet=Wet.JEUGDWET,
                    stappen=[sp.StapStand(n, "bezig", None, {}) for n in range(1, 8)])
    assert not [r for r in sp.ontbrekend_in_stap(JEUGD, jeugd, 5) if "'Eigen mogelijkheden" in r]


_TEKST = st.one_of(st.none(), st.just(""), st.just("  "), st.text(min_size=1, max_size=5))


@st.composite
def _standen(draw: st.DrawFn) -> tuple[sp.OnderzoekStand, int, str, object]:
    """Any investigation (answers filled or empty or blank, lists empty or not, steps marked nvt with or without a
    reason), and one field of one step with a new answer."""
    stappen = []
    for n in range(1, 8):
        velden = {k: draw(_TEKST) for k in VOLLEDIG[n]}
        nvt = n > 1 and draw(st.booleans())
        stappen.append(sp.StapStand(n, "nvt" if nvt else "bezig", draw(_TEKST) if nvt else None, velden))
    stand = _stand(stappen=stappen, aantal_problemen=draw(st.integers(0, 2)),
                   aantal_resultaten=draw(st.integers(0, 2)),
                   voorzieningen=draw(st.sampled_from([[], _stand().voorzieningen])))
    nummer = draw(st.sampled_from([n for n in range(1, 8) if VOLLEDIG[n]]))
    return stand, nummer, draw(st.sampled_from(sorted(VOLLEDIG[nummer]))), draw(_TEKST)


@given(_standen())
@settings(max_examples=300, deadline=None)
def test_an_answer_that_stays_filled_or_empty_changes_no_status(geval: tuple[sp.OnderzoekStand, int, str, object]
                                                                 ) -> None:
    """Wmo 2015 art. 2.3.2 / Jeugdwet art. 2.3 (the steps of the investigation): a step's status reads an answer
    only as filled or not, so the autosave of text being typed keeps the stored statuses (statussen_blijven); and
    art. 2.3.5 lid 3: step 7 is open exactly when steps 1-6 are complete or not applicable (stap7_open_volgens)."""
    stand, nummer, key, nieuw = geval
    voor = sp.bereken_statussen(WMO, stand)
    opgeslagen = {n: s.value for n, s in voor.items()}  # as every write stores them
    herteld = replace(stand, stappen=[replace(s, status=opgeslagen[s.nummer]) for s in stand.stappen])
    assert sp.stap7_open_volgens(opgeslagen) == (not sp.stap7_blokkades(WMO, herteld))
    oud = stand.stap(nummer).velden.get(key)
    na = _met_stap(stand, nummer, velden={**stand.stap(nummer).velden, key: nieuw})
    if sp.statussen_blijven(oud, nieuw):
        assert sp.bereken_statussen(WMO, na) == voor


def test_statussen_blijven_sees_filled_and_empty_only() -> None:
    """Wmo 2015 art. 2.3.2: typing on in a filled answer keeps every status; emptying it or filling it may not."""
    assert sp.statussen_blijven("Ik wil", "Ik wil zelf koken")
    assert sp.statussen_blijven(None, "  ") and sp.statussen_blijven("", None)
    assert not sp.statussen_blijven(None, "x") and not sp.statussen_blijven("x", " ")
    klaar = {n: "compleet" for n in range(1, 8)}
    assert sp.stap7_open_volgens(klaar) and sp.stap7_open_volgens({**klaar, 6: "nvt"})
    assert not sp.stap7_open_volgens({**klaar, 3: "bezig"}) and not sp.stap7_open_volgens({**klaar, 1: "open"})
    assert not sp.stap7_open_volgens({**klaar, 6: "bezig"})  # the last of steps 1-6 counts too
