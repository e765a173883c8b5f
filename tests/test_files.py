"""Generated documents on disk: readable only by the user, written whole, temporary copies removed."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from consulent_app import files

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _modus(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@posix
def test_documents_are_written_user_only_even_over_a_wider_file(tmp_path: Path) -> None:
    oud_umask = os.umask(0)  # the most careless setting a machine can have
    try:
        doel = tmp_path / "beschikking.pdf"
        doel.write_bytes(b"oud")
        os.chmod(doel, 0o666)
        files.schrijf_prive(doel, b"%PDF-1.7 nieuw")
    finally:
        os.umask(oud_umask)
    assert doel.read_bytes() == b"%PDF-1.7 nieuw"
    assert _modus(doel) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["beschikking.pdf"]  # no temporary left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    doel = tmp_path / "verslag.pdf"
    files.schrijf_prive(doel, b"versie 1")

    with pytest.raises(TypeError):
        files.schrijf_prive(doel, object())  # type: ignore[arg-type]
    assert doel.read_bytes() == b"versie 1"
    assert [p.name for p in tmp_path.iterdir()] == ["verslag.pdf"]


@posix
def test_temporary_copy_is_private_and_removed_afterwards_even_on_error(tmp_path: Path) -> None:
    with files.tijdelijk_bestand(b"%PDF", ".pdf", naam="Afschrift Janssen") as pad:
        assert pad.read_bytes() == b"%PDF" and pad.name == "Afschrift Janssen.pdf"
        assert _modus(pad) == 0o600 and _modus(pad.parent) == 0o700
        (pad.parent / "viewer-bijproduct.tmp").write_bytes(b"x")  # whatever a viewer leaves next to it
    assert not pad.exists() and not pad.parent.exists()

    with pytest.raises(RuntimeError), files.tijdelijk_bestand(b"%PDF", ".pdf") as pad2:
        raise RuntimeError("printen mislukt")
    assert not pad2.parent.exists()


def test_session_files_live_until_cleanup(tmp_path: Path) -> None:
    a = files.sessie_bestand("voorbeeld.pdf", b"1")
    b = files.sessie_bestand("voorbeeld.pdf", b"2")
    assert a != b and a.read_bytes() == b"1" and b.read_bytes() == b"2"
    files.opruimen()
    assert not a.exists() and not a.parent.exists()


def test_leftovers_of_a_crashed_session_are_removed_at_the_next_start(tmp_path: Path) -> None:
    oud = tmp_path / f"{files.VOORVOEGSEL}abc"
    oud.mkdir()
    (oud / "beschikking.pdf").write_bytes(b"%PDF")
    twee_dagen = time.time() - 48 * 3600
    os.utime(oud, (twee_dagen, twee_dagen))
    vers = tmp_path / f"{files.VOORVOEGSEL}def"  # another instance, running now
    vers.mkdir()
    vreemd = tmp_path / "iets-anders"
    vreemd.mkdir()
    os.utime(vreemd, (twee_dagen, twee_dagen))
    assert files.ruim_restanten_op(basis=tmp_path) == 1
    assert not oud.exists() and vers.exists() and vreemd.exists()


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Beschikking MAA-2026-0001 Janssen.pdf", "Beschikking MAA-2026-0001 Janssen.pdf"),
        ("../../etc/passwd", "_._etc_passwd"),
        ("C:\\Windows\\system32", "C__Windows_system32"),
        ("verslag\u202efdp.exe", "verslag_fdp.exe"),
        ("CON", "document CON"),
        ("", "document"),
        ("nul\x00byte", "nul_byte"),
    ],
)
def test_file_names_from_titles_stay_file_names(tekst: str, verwacht: str) -> None:
    assert files.veilige_bestandsnaam(tekst) == verwacht


def test_long_file_names_keep_their_extension() -> None:
    naam = files.veilige_bestandsnaam("x" * 500 + ".pdf")
    assert len(naam) == 120 and naam.endswith(".pdf")
