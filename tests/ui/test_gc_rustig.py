"""The GUI thread's collector keeps its costly collections out of a screen being loaded (issue 13: a collection of
the older generations walks every object the last screens made, 15-30 ms on the GUI thread, and the 1 s tick landed
in random turns of a screen being built, on top of its own work)."""

from __future__ import annotations

from typing import Any

import pytest

import ui.main
from tests.factories import Basis


class _Gc:
    def __init__(self, telling: tuple[int, int, int]) -> None:
        self.telling = telling
        self.verzameld: list[int] = []

    def get_count(self) -> tuple[int, int, int]:
        return self.telling

    def get_threshold(self) -> tuple[int, int, int]:
        return (700, 10, 10)

    def collect(self, generatie: int = 2) -> int:
        self.verzameld.append(generatie)
        return 0


@pytest.fixture
def opruimer(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> Any:
    from PySide6.QtCore import QTimer

    nep = _Gc((800, 11, 0))  # the young generation and the middle one are both due
    monkeypatch.setattr(ui.main, "gc", nep)
    monkeypatch.setattr(ui.main, "bevries_opstart", lambda: None)
    stil: list[float | None] = [None]
    monkeypatch.setattr("ui.ops.stil_sinds", lambda: stil[0])
    klok = [100.0]
    timer = QTimer()
    o = ui.main._Opruimer(timer, klok=lambda: klok[0])
    o.nep, o.stil, o.klok_nu = nep, stil, klok
    yield o
    timer.stop()


def test_an_older_generation_waits_while_a_screen_loads_and_is_collected_once_it_is_quiet(opruimer: Any) -> None:
    opruimer.tik()  # a read in flight: only the cheap young generation
    assert opruimer.nep.verzameld == [0]
    assert opruimer.timer.interval() == ui.main.RUIM_OP_OPNIEUW_MS  # asked again soon, not in a second
    opruimer.stil[0] = 0.1  # the read came back a moment ago: its screen is still filling its parts
    opruimer.tik()
    assert opruimer.nep.verzameld == [0, 0]
    opruimer.stil[0] = ui.main.RUSTIG_S + 0.1
    opruimer.tik()
    assert opruimer.nep.verzameld == [0, 0, 1]
    assert opruimer.timer.interval() == ui.main.RUIM_OP_MS


def test_a_window_that_is_never_quiet_still_gets_its_collection(opruimer: Any) -> None:
    opruimer.tik()
    opruimer.klok_nu[0] += ui.main.UITSTEL_MAX_S - 1
    opruimer.tik()
    assert 1 not in opruimer.nep.verzameld
    opruimer.klok_nu[0] += 1
    opruimer.tik()
    assert opruimer.nep.verzameld[-1] == 1  # memory is not held back for good


def test_the_young_generation_alone_is_collected_at_once(opruimer: Any) -> None:
    opruimer.nep.telling = (800, 3, 0)
    opruimer.tik()
    assert opruimer.nep.verzameld == [0]


def test_quiet_means_no_read_or_write_of_any_window_in_flight(qtbot: Any, basis: Basis) -> None:
    import threading

    from ui import ops as ops_mod
    from ui.ops import Ops

    ops = Ops(basis.ctx, basis["consulent"])
    los = threading.Event()
    klaar: list[int] = []
    try:
        ops.lees(ops, lambda: (los.wait(10), 7)[1], klaar.append)
        assert ops_mod.stil_sinds() is None  # the read runs
        los.set()
        qtbot.waitUntil(lambda: klaar == [7], timeout=10_000)
        stil = ops_mod.stil_sinds()
        assert stil is not None and 0 <= stil < ui.main.RUSTIG_S  # just handled: the screen fills itself now
    finally:
        los.set()
        ops.stop(5)


def test_typing_in_an_autosave_field_is_not_quiet(qtbot: Any, basis: Basis, monkeypatch: pytest.MonkeyPatch) -> None:
    """A keystroke pause journals the text (`bewaar(nu=False)`, no write yet): a full collection then would land
    in the middle of the typing; it waits for a pause in it as for a read."""
    from ui import ops as ops_mod
    from ui.ops import Ops

    monkeypatch.setitem(ops_mod.OPERATIES, "test_niets", lambda _ctx, _actor, _args: None)
    monkeypatch.setattr(ops_mod, "_drukte", [0.0])
    ops = Ops(basis.ctx, basis["consulent"])
    try:
        stil = ops_mod.stil_sinds()
        assert stil is not None and stil > ui.main.RUSTIG_S
        ops.bewaar("test:veld", "test_niets", {"tekst": "Mevrouw wil"}, eigenaar=ops, nu=False)
        stil = ops_mod.stil_sinds()
        assert stil is not None and stil < ui.main.RUSTIG_S
    finally:
        ops.journaal.verwijder(basis["consulent"].gebruiker_id, "test:veld")
        ops.stop(5)
