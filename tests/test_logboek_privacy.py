"""Logs never hold personal data (issue 15 point 7): an error with a BSN, a client's name, an e-mail address and
free text is raised in every layer (a service, the desktop client's operation layer, a chained exception, a traceback
put in the message, an uncaught error) and the log file is searched for each of them."""

from __future__ import annotations

import logging
import os
import stat
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from consulent_app import logging_setup, paths
from consulent_app.services import dossiers
from tests.factories import Basis

BSN = "999990044"
EMAIL = "m.vermeulen@voorbeeld.nl"
VRIJE_TEKST = "mevrouw heeft schulden en een verslaving"


@pytest.fixture
def logbestand() -> Iterator[Path]:
    root = logging.getLogger()
    voor = list(root.handlers)
    oud_hook, oud_niveau = sys.excepthook, root.level
    oud_umask = os.umask(0o022)  # a usual desktop umask: files would be 0644
    try:
        logging_setup.setup()
    finally:
        os.umask(oud_umask)
    try:
        yield paths.log_dir() / "consulent.log"
    finally:
        for h in list(root.handlers):
            if h not in voor:
                root.removeHandler(h)
                h.close()
        sys.excepthook = oud_hook
        root.setLevel(oud_niveau)


def _dienst_die_faalt(naam: str) -> None:
    raise ValueError(f"kan {naam} ({BSN}, {EMAIL}) niet verwerken: '{VRIJE_TEKST}'")


def test_personal_data_in_an_error_never_reaches_the_log(basis: Basis, logbestand: Path) -> None:
    basis.client("Vermeulen")
    naam = dossiers.zoek_clienten(basis.ctx, basis["consulent"], "vermeulen")[0].naam  # the app had it in hand
    log = logging.getLogger("consulent_app.services.test")

    # 1. a service logs an exception
    try:
        _dienst_die_faalt(naam)
    except ValueError:
        log.exception("verwerken mislukt")
    # 2. the operation layer of the desktop client (ui.ops: every failed call into the core is handled there)
    from ui import ops

    try:
        _dienst_die_faalt(naam)
    except ValueError as exc:
        ops.behandel_fout(None, None, exc)
    # 3. a chained exception, and the exception as a message argument
    try:
        try:
            _dienst_die_faalt(naam)
        except ValueError as exc:
            raise RuntimeError(f"opslaan van {naam} mislukt") from exc
    except RuntimeError as exc:
        log.error("fout: %s", exc, exc_info=True)
    # 4. a traceback put into the message by hand
    try:
        _dienst_die_faalt(naam)
    except ValueError:
        log.error("handmatig:\n%s", traceback.format_exc())
    # 5. an error nobody caught
    try:
        _dienst_die_faalt(naam)
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    # 6. stack info
    log.warning("stapel bij %s", naam, stack_info=True)

    for h in logging.getLogger().handlers:
        h.flush()
    tekst = logbestand.read_text(encoding="utf-8")
    for geheim in (BSN, EMAIL, VRIJE_TEKST, "Vermeulen", "vermeulen"):
        assert geheim not in tekst, f"{geheim!r} is in the log file"
    # What support needs is still there: which error, where, and that something was removed.
    assert tekst.count("ValueError") >= 5 and "RuntimeError" in tekst and "bewerking mislukt" in tekst
    assert "_dienst_die_faalt" in tekst and "[bsn]" in tekst and "[naam]" in tekst and "[tekst]" in tekst
    assert "onverwachte fout" in tekst and "stapel bij [naam]" in tekst


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_file_is_the_users_alone_whatever_the_umask(logbestand: Path) -> None:
    logging.getLogger("consulent").warning("iets")
    assert stat.S_IMODE(logbestand.stat().st_mode) == 0o600
    assert stat.S_IMODE(logbestand.parent.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_file_opened_before_any_record_is_the_users_alone_too(logbestand: Path) -> None:
    """The desktop client opens the log while the user types (logging_setup.open_logbestand), before anything is
    logged; the file is there then, private, and gets the records."""
    logbestand.unlink(missing_ok=True)
    logging_setup.open_logbestand()
    assert logbestand.exists() and stat.S_IMODE(logbestand.stat().st_mode) == 0o600
    logging.getLogger("consulent").warning("daarna")
    for h in logging.getLogger().handlers:
        h.flush()
    assert "WARNING consulent: daarna" in logbestand.read_text(encoding="utf-8")
