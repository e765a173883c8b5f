"""Files with personal data on disk: generated documents readable only by the user, temporary copies cleaned up.

- `schrijf_prive(pad, inhoud)`: write a document (PDF, Word, Excel) with permissions 0600, atomically, so a crash
  never leaves half a letter and a file that existed with wider rights is not reused; `schrijf_prive_stroom(pad,
  schrijf)` the same for a file written piece by piece (a large message leaving for the GGk).
- `tijdelijk_bestand(inhoud, achtervoegsel)`: a private temporary copy for printing or previewing, removed when
  the `with` block ends, whatever happens.
- `sessie_bestand(naam, inhoud)`: a temporary copy that must outlive the call (an external PDF viewer opens it
  later); removed at `opruimen()` / exit, and leftovers of a crashed session at the next start
  (`ruim_restanten_op()`).
- `veilige_bestandsnaam(tekst)`: a file name from a title or a client's name, without path tricks.

On Windows the permission bits mean little; there the user's own profile folder (ACL) shields the files, so keep
the default folders. Disk encryption (BitLocker/FileVault) protects everything on a lost laptop.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

VOORVOEGSEL = "consulent-"
_PRIVE = 0o600

_sessie_lock = threading.Lock()
_sessie_map: Path | None = None


def _zet_prive(pad: Path, modus: int = _PRIVE) -> None:
    with contextlib.suppress(OSError):  # Windows / filesystems without POSIX rights: see module docstring
        os.chmod(pad, modus)


def schrijf_prive(pad: Path | str, inhoud: bytes) -> Path:
    """Write `inhoud` to `pad`, readable and writable only by the user (0600), all or nothing."""
    return schrijf_prive_stroom(pad, lambda fh: fh.write(inhoud))


def schrijf_prive_stroom(pad: Path | str, schrijf: Callable[[BinaryIO], object]) -> Path:
    """`schrijf_prive` for a file too large to hold: `schrijf(fh)` writes it piece by piece. All or nothing: when
    `schrijf` raises, nothing is left behind (the exception goes on to the caller)."""
    pad = Path(pad)
    pad.parent.mkdir(parents=True, exist_ok=True)
    # A fresh temporary file in the same folder, created 0600 from the first byte (O_EXCL: never someone
    # else's file or a symlink), then renamed over the target: no moment with wider rights or half content.
    fd, tmp = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".bezig", dir=pad.parent)
    tmp_pad = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            schrijf(fh)
            fh.flush()
            os.fsync(fh.fileno())
        _zet_prive(tmp_pad)
        os.replace(tmp_pad, pad)
    except BaseException:
        tmp_pad.unlink(missing_ok=True)
        raise
    _zet_prive(pad)
    return pad


def eigen_map(pad: Path | str) -> Path:
    """Make sure `pad` exists and only the user can enter it (0700), whatever the umask: the data, configuration
    and log folders. Parent folders are the user's own (home, AppData) and left as they are."""
    pad = Path(pad)
    pad.mkdir(parents=True, exist_ok=True, mode=0o700)
    _zet_prive(pad, 0o700)
    return pad


def eigen_bestand(pad: Path | str) -> Path:
    """Make sure `pad` exists (empty if new) readable only by the user (0600), whatever the umask: the database
    before SQLite opens it (its -wal and -shm files take the same rights), the configuration, the log file.
    A missing folder is made 0700; an existing one chosen by the user is left as it is."""
    pad = Path(pad)
    if not pad.parent.exists():
        eigen_map(pad.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVE))
    _zet_prive(pad)
    return pad


# --- private temporary folders, each locked while its session lives -------------------------------------------
#
# A folder of a running session carries a lock file the session holds; at start every folder of ours whose lock
# can be taken belongs to a session that ended (a killed preview, a crash) and is removed at once, however young.

SLOT = ".in-gebruik"
_sloten: dict[Path, int] = {}


def _vergrendel(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _houd_vast(map_: Path) -> None:
    fd = os.open(map_ / SLOT, os.O_RDWR | os.O_CREAT, _PRIVE)
    if _vergrendel(fd):
        _sloten[map_] = fd
    else:
        os.close(fd)


def _laat_los(map_: Path) -> None:
    fd = _sloten.pop(map_, None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def prive_map(basis: Path | None = None) -> Path:
    """A new folder only the user can enter (0700), locked by this process until it is removed."""
    map_ = Path(tempfile.mkdtemp(prefix=VOORVOEGSEL, dir=basis))
    _zet_prive(map_, 0o700)
    _houd_vast(map_)
    return map_


def verwijder_map(map_: Path) -> None:
    _laat_los(map_)
    shutil.rmtree(map_, ignore_errors=True)


@contextlib.contextmanager
def tijdelijke_map() -> Iterator[Path]:
    """A private temporary folder, removed with everything in it afterwards."""
    map_ = prive_map()
    try:
        yield map_
    finally:
        verwijder_map(map_)


@contextlib.contextmanager
def tijdelijk_bestand(inhoud: bytes, achtervoegsel: str = "", naam: str = "document") -> Iterator[Path]:
    """A private temporary copy (0600 in a 0700 folder), removed afterwards whatever happens."""
    with tijdelijke_map() as map_:
        yield schrijf_prive(map_ / f"{veilige_bestandsnaam(naam)}{achtervoegsel}", inhoud)


def sessie_map() -> Path:
    """The private temporary folder of this run of the application (created on first use)."""
    global _sessie_map
    with _sessie_lock:
        if _sessie_map is None or not _sessie_map.exists():
            _sessie_map = prive_map()
            atexit.register(opruimen)
        return _sessie_map


def sessie_bestand(naam: str, inhoud: bytes) -> Path:
    """A temporary copy that stays until the application closes (for an external viewer)."""
    doel = sessie_map() / veilige_bestandsnaam(naam)
    if doel.exists():
        stam, ext = os.path.splitext(doel.name)
        doel = doel.with_name(f"{stam}-{int(time.time() * 1000) % 100000}{ext}")
    return schrijf_prive(doel, inhoud)


def opruimen() -> None:
    """Remove this run's temporary files (also called at exit)."""
    global _sessie_map
    with _sessie_lock:
        if _sessie_map is not None:
            verwijder_map(_sessie_map)
            _sessie_map = None


def ruim_restanten_op(*, ouder_dan_uren: float = 12.0, basis: Path | None = None) -> int:
    """Remove private temporary folders a crashed or killed session left behind, at once. Returns how many.

    Only folders of this user with our prefix. A folder whose lock (SLOT) another running instance holds is kept;
    one without a lock file (made by an older version) only when older than `ouder_dan_uren`.
    """
    basis = basis or Path(tempfile.gettempdir())
    grens = time.time() - ouder_dan_uren * 3600
    weg = 0
    try:
        kandidaten = list(basis.glob(f"{VOORVOEGSEL}*"))
    except OSError:
        return 0
    for map_ in kandidaten:
        if map_ in _sloten or (_sessie_map is not None and map_ == _sessie_map):
            continue
        try:
            st = map_.lstat()
            if not map_.is_dir() or map_.is_symlink():
                continue
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                continue
            slot = map_ / SLOT
            if slot.exists():
                fd = os.open(slot, os.O_RDWR)
                try:
                    if not _vergrendel(fd):
                        continue  # a running session holds it
                finally:
                    os.close(fd)
            elif st.st_mtime > grens:
                continue
        except OSError:
            continue
        shutil.rmtree(map_, ignore_errors=True)
        weg += 1
    if weg:
        log.info("%d achtergebleven tijdelijke mappen opgeruimd", weg)
    return weg


_ONVEILIG = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]')
_WINDOWS_GERESERVEERD = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                         *(f"lpt{i}" for i in range(1, 10))}


def veilige_bestandsnaam(tekst: str, *, max_lengte: int = 120) -> str:
    """A file name that stays a file name: no folders, no control or direction marks, no reserved names."""
    tekst = unicodedata.normalize("NFC", tekst or "")
    tekst = _ONVEILIG.sub("_", tekst)
    tekst = re.sub(r"\s+", " ", tekst).strip(" .")
    tekst = re.sub(r"\.{2,}", ".", tekst)
    if not tekst or tekst.split(".")[0].lower() in _WINDOWS_GERESERVEERD:
        tekst = f"document {tekst}".strip()
    if len(tekst) > max_lengte:
        stam, ext = os.path.splitext(tekst)
        ext = ext if len(ext) <= 10 else ""
        tekst = stam[: max_lengte - len(ext)].rstrip(" .") + ext
    return tekst
