"""Files with health data that the program writes are readable by the user only (issue 8)."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from consulent_app.documents.bundel import BundelItem, maak_bundel


def _pdf(tekst: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, tekst)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_print_street_pdf_is_user_only(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a typical desktop umask would give 0644
    try:
        uit = tmp_path / "printstraat.pdf"
        maak_bundel([BundelItem(1, "MAA-2026-000001"), BundelItem(2, "MAA-2026-000002")], uit,
                    render=lambda bid: _pdf(f"Brief {bid}"))
    finally:
        os.umask(old)
    assert uit.exists()
    assert stat.S_IMODE(uit.stat().st_mode) == 0o600


# --- issue 15 point 6: database, configuration, log and every export are the user's alone, whatever the umask ----

import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
from collections.abc import Iterator  # noqa: E402

from consulent_app import files, paths  # noqa: E402


@pytest.fixture
def ruime_umask() -> Iterator[None]:
    oud = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(oud)


def _modus(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_database_and_its_wal_files_are_user_only(ruime_umask: None) -> None:
    from consulent_app.config import load_defaults
    from consulent_app.db import migrate
    from consulent_app.db.engine import make_engine

    url = load_defaults().resolved_database_url()  # the default place: the data folder
    eng = make_engine(url)
    migrate.upgrade(eng)
    with eng.connect() as c:
        c.exec_driver_sql("SELECT count(*) FROM gebruiker").all()
        db = paths.data_dir() / "consulent.sqlite3"
        for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            assert p.exists() and _modus(p) == 0o600, p.name
    eng.dispose()
    assert _modus(paths.data_dir()) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_configuration_file_is_user_only_also_an_old_one(ruime_umask: None) -> None:
    from consulent_app import config

    config.load()
    pad = paths.config_dir() / "config.toml"
    assert _modus(pad) == 0o600 and _modus(pad.parent) == 0o700
    pad.chmod(0o644)  # written by an older version
    config.load()
    assert _modus(pad) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("naam", ["belasting.xlsx", "belasting.csv"])
def test_exports_are_user_only(ruime_umask: None, tmp_path: Path, naam: str) -> None:
    from consulent_app import export

    pad = export.schrijf(tmp_path / naam, "Belasting", [export.Kolom("Consulent")], [["Janssen"]])
    assert _modus(pad) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_toewijzingslijst_export_is_user_only(ruime_umask: None, basis, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from consulent_app.services import verzending

    for naam in ("toewijzing.xlsx", "pgb.csv"):
        verzending.exporteer_toewijzingslijst(basis.ctx, basis["administratie"], tmp_path / naam,
                                              pgb=naam.startswith("pgb"))
        assert _modus(tmp_path / naam) == 0o600


_PREVIEW = textwrap.dedent("""
    import os, signal, sys, time
    sys.path.insert(0, {root!r})
    import tempfile
    tempfile.tempdir = {tmp!r}
    from consulent_app import files
    p = files.sessie_bestand("voorbeeld.pdf", b"%PDF- platte tekst van een beschikking")
    print(p, flush=True)
    if sys.argv[1] == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(60)
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_previews_copy_is_removed_at_the_next_start_a_running_ones_kept(tmp_path: Path) -> None:
    code = _PREVIEW.format(root=str(Path(__file__).resolve().parent.parent), tmp=str(tmp_path))
    gedood = subprocess.run([sys.executable, "-c", code, "kill"], capture_output=True, text=True, timeout=60)
    assert gedood.returncode == -signal.SIGKILL
    kopie_dood = Path(gedood.stdout.strip())
    levend = subprocess.Popen([sys.executable, "-c", code, "blijf"], stdout=subprocess.PIPE, text=True)
    try:
        assert levend.stdout is not None
        kopie_levend = Path(levend.stdout.readline().strip())
        assert kopie_dood.exists() and kopie_levend.exists()
        # The next start, seconds later (not 12 hours): the dead session's copy goes, the running one's stays.
        assert files.ruim_restanten_op(basis=tmp_path) == 1
        assert not kopie_dood.exists()
        assert kopie_levend.exists()
    finally:
        levend.kill()
        levend.wait()
