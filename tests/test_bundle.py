"""The PyInstaller bundle builds from build.spec and starts: the self-test opens the main window and exits 0.

Slow (about a minute to build); not in the default run. One command:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m slow tests/test_bundle.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600)]  # builds a PyInstaller bundle: minutes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:  # the bundle stays checked: a missing build tool is a failure, not a silent skip
        pytest.fail("PyInstaller ontbreekt: installeer de build-extra (.venv/bin/pip install -e '.[build]') en "
                    "draai pytest -m slow opnieuw.")
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    exe = work / "dist" / "consulent" / ("consulent.exe" if sys.platform == "win32" else "consulent")
    assert exe.exists()
    return exe


def _run(exe: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONSULENT_DATA_DIR=str(tmp_path / "data"),
               CONSULENT_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=300)


def test_bundle_start_en_zelftest_slaagt(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "run", "--selftest")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Zelftest geslaagd" in result.stdout
    # The bundle found its own resources: the default configuration was copied, the database migrated.
    assert (tmp_path / "config" / "config.toml").exists()
    assert (tmp_path / "data" / "consulent.sqlite3").exists()


def test_bundle_onbruikbare_database_geeft_exit_2_zonder_traceback(bundle: Path, tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.sqlite3"
    kapot.write_bytes(b"dit is geen database" * 100)
    result = _run(bundle, tmp_path, "--database", f"sqlite:///{kapot}", "run", "--selftest")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "database" in result.stderr.lower()


def test_bundle_maakt_brieven_in_werkprocessen(bundle: Path, tmp_path: Path) -> None:
    """A batch of decision letters renders in worker processes in the frozen bundle too: its entry point calls
    multiprocessing.freeze_support(), so a worker started from the bundle runs the worker, not the application."""
    result = _run(bundle, tmp_path, "--selftest-werkprocessen")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Zelftest werkprocessen geslaagd: 4 brieven" in result.stdout
