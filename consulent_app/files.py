"""Files with personal data on disk: generated documents readable only by the user, temporary copies cleaned up.

- `schrijf_prive(pad, inhoud)`: write a document (PDF, Word, Excel) with permissions 0600, atomically, so a crash
  never leaves half a letter and a file that existed with wider rights is not reused.
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
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

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
    pad = Path(pad)
    pad.parent.mkdir(parents=True, exist_ok=True)
    # A fresh temporary file in the same folder, created 0600 from the first byte (O_EXCL: never someone
    # else's file or a symlink), then renamed over the target: no moment with wider rights or half content.
    fd, tmp = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".bezig", dir=pad.parent)
    tmp_pad = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(inhoud)
            fh.flush()
            os.fsync(fh.fileno())
        _zet_prive(tmp_pad)
        os.replace(tmp_pad, pad)
    except BaseException:
        tmp_pad.unlink(missing_ok=True)
        raise
    _zet_prive(pad)
    return pad


def prive_map(basis: Path | None = None) -> Path:
    """A new folder only the user can enter (0700)."""
    map_ = Path(tempfile.mkdtemp(prefix=VOORVOEGSEL, dir=basis))
    _zet_prive(map_, 0o700)
    return map_


@contextlib.contextmanager
def tijdelijke_map() -> Iterator[Path]:
    """A private temporary folder, removed with everything in it afterwards."""
    map_ = prive_map()
    try:
        yield map_
    finally:
        shutil.rmtree(map_, ignore_errors=True)


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
            shutil.rmtree(_sessie_map, ignore_errors=True)
            _sessie_map = None


def ruim_restanten_op(*, ouder_dan_uren: float = 12.0, basis: Path | None = None) -> int:
    """Remove private temporary folders a crashed or killed session left behind. Returns how many.

    Only folders of this user with our prefix, older than `ouder_dan_uren` (a second running instance keeps
    its own fresh folder).
    """
    basis = basis or Path(tempfile.gettempdir())
    grens = time.time() - ouder_dan_uren * 3600
    weg = 0
    try:
        kandidaten = list(basis.glob(f"{VOORVOEGSEL}*"))
    except OSError:
        return 0
    for map_ in kandidaten:
        try:
            st = map_.lstat()
            if not map_.is_dir() or map_.is_symlink() or st.st_mtime > grens:
                continue
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                continue
        except OSError:
            continue
        if _sessie_map is not None and map_ == _sessie_map:
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
