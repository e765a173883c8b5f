"""Worker processes of a batch never leave it waiting (consulent_app.werkprocessen; issue 17, batches)."""

from __future__ import annotations

import threading

import pytest

from consulent_app.werkprocessen import WerkersWeg, Werkpool
from tests import werkproces_hulp as hulp


@pytest.mark.timeout(120)
def test_a_worker_that_dies_while_sending_its_answer_gives_up_the_pool_instead_of_hanging() -> None:
    """CPython's pool waits for the rest of a half-sent answer for good (and so would leaving Python): the pool
    notices the dead worker, gives up and frees its thread; the caller renders the rest itself."""
    pool = Werkpool(2)
    pool.NADENKEN_S = 0.5
    try:
        assert pool.resultaat(pool.submit(len, b"abc")) == 3  # type: ignore[arg-type]
        draad = pool.pool._executor_manager_thread  # type: ignore[attr-defined]
        fut = pool.submit(hulp.sterf_bij_het_antwoord, bytes, 200_000)
        assert fut is not None
        with pytest.raises(WerkersWeg):
            pool.resultaat(fut)
        assert pool.kapot
        assert draad is not None
        draad.join(5)
        assert not draad.is_alive()  # nothing left that Python would wait for when it ends
        assert not [t for t in threading.enumerate() if t is draad]
        assert pool.submit(len, b"x") is None  # given up: the caller does it itself
        with pytest.raises(WerkersWeg):
            pool.resultaat(fut)
    finally:
        pool.sluit()


@pytest.mark.timeout(120)
def test_a_small_answer_cut_off_in_its_header_is_noticed_too() -> None:
    pool = Werkpool(1)
    pool.NADENKEN_S = 0.5
    try:
        fut = pool.submit(hulp.sterf_bij_het_antwoord, len, b"ab")
        assert fut is not None
        with pytest.raises(WerkersWeg):
            pool.resultaat(fut)
    finally:
        pool.sluit()


@pytest.mark.timeout(120)
def test_an_error_in_the_work_itself_is_the_callers_and_the_pool_goes_on() -> None:
    pool = Werkpool(1)
    try:
        fut = pool.submit(hulp.fout, "deze brief niet")
        assert fut is not None
        with pytest.raises(ValueError, match="deze brief niet"):
            pool.resultaat(fut)
        assert not pool.kapot
        assert pool.resultaat(pool.submit(len, b"abcd")) == 4  # type: ignore[arg-type]
    finally:
        pool.sluit()
