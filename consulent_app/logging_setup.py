"""Log files: useful for support, free of personal data (no BSN, no names, no e-mail, no free text).

One filter, `PersoonsgegevensFilter`, sits on every handler `setup()` installs (and on any handler already on the
root logger). It scrubs the message, its arguments, an exception's text and the whole traceback, also a
traceback that code put into the message itself:

- nine-digit numbers (BSN) and e-mail addresses;
- the names of clients the application has had in hand (`onthoud_namen`, fed by dossiers.volledige_naam);
- free text: an exception's message keeps its type but every quoted part ('...' or "...") becomes [tekst], and
  a message argument that is an exception is treated the same way. Code logs ids; this is the last line of
  defence for what code did not mean to log.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import threading
import traceback
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consulent_app import paths

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

_BSN = re.compile(r"(?<!\d)\d{9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_GEQUOTEERD = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
_TRACEBACK = "Traceback (most recent call last):"

# --- names of clients in context --------------------------------------------------------------------------------

_NAMEN_MAX = 20_000
_namen: OrderedDict[str, None] = OrderedDict()
_namen_slot = threading.Lock()
_namen_patroon: re.Pattern[str] | None = None
_WOORDGRENS = re.compile(r"[\s,]+")


def onthoud_namen(*delen: str | None) -> None:
    """Names of a client the application is handling: they are scrubbed from every log line from now on (the most
    recent 20,000 name parts of three letters or more)."""
    global _namen_patroon
    nieuw = False
    with _namen_slot:
        for deel in delen:
            for woord in _WOORDGRENS.split(deel or ""):
                woord = woord.strip(".-'")
                if len(woord) < 3:
                    continue
                if woord in _namen:
                    _namen.move_to_end(woord)
                    continue
                _namen[woord] = None
                nieuw = True
                if len(_namen) > _NAMEN_MAX:
                    _namen.popitem(last=False)
        if nieuw:
            _namen_patroon = None


def _patroon() -> re.Pattern[str] | None:
    global _namen_patroon
    with _namen_slot:
        if _namen_patroon is None and _namen:
            # Longest first, so "Vermeulen-Janssen" goes as one; whole words only.
            alternatieven = "|".join(re.escape(n) for n in sorted(_namen, key=len, reverse=True))
            _namen_patroon = re.compile(rf"(?<!\w)(?:{alternatieven})(?!\w)", re.IGNORECASE)
        return _namen_patroon


# --- scrubbing ----------------------------------------------------------------------------------------------------


def schoon(tekst: str) -> str:
    """BSN, e-mail and known names out of one text."""
    tekst = _EMAIL.sub("[e-mail]", _BSN.sub("[bsn]", tekst))
    patroon = _patroon()
    return patroon.sub("[naam]", tekst) if patroon is not None else tekst


def schoon_melding(tekst: str) -> str:
    """An exception's message: also every quoted part (free text, values) goes."""
    return schoon(_GEQUOTEERD.sub("'[tekst]'", tekst))


def schoon_traceback(tekst: str) -> str:
    """A formatted traceback: file, line and code lines stay (they help support and hold no data); the exception
    lines (`ValueError: ...`, also of chained exceptions) keep their type and lose their content."""
    uit = []
    for regel in tekst.splitlines():
        ingesprongen = regel.startswith((" ", "\t"))
        if ingesprongen or regel.startswith(_TRACEBACK) or not regel.strip() or regel.startswith(
                ("During handling of the above exception", "The above exception was the direct cause")):
            uit.append(schoon(regel))
        else:
            uit.append(schoon_melding(regel))
    return "\n".join(uit)


def _schoon_bericht(tekst: str) -> str:
    if _TRACEBACK in tekst:  # a traceback put into the message by code (format_exc)
        voor, _, na = tekst.partition(_TRACEBACK)
        return schoon(voor) + schoon_traceback(_TRACEBACK + na)
    return schoon(tekst)


def _schoon_argument(arg: Any) -> Any:
    if isinstance(arg, BaseException):
        return schoon_melding(f"{type(arg).__name__}: {arg}")
    return arg


class PersoonsgegevensFilter(logging.Filter):
    """Scrubs message, arguments, exception and stack of every record that passes the handler it sits on."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args
            if isinstance(args, tuple):
                record.args = tuple(_schoon_argument(a) for a in args)
            elif isinstance(args, dict):
                record.args = {k: _schoon_argument(v) for k, v in args.items()}
        try:
            bericht = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            bericht = str(record.msg)
        record.msg, record.args = _schoon_bericht(bericht), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = schoon_traceback("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = schoon_traceback(record.exc_text)
        if record.stack_info:
            record.stack_info = schoon_traceback(record.stack_info)
        return True


def _onverwacht(soort: type[BaseException], fout: BaseException, tb: Any) -> None:
    logging.getLogger("consulent").critical("onverwachte fout", exc_info=(soort, fout, tb))


def installeer_filter(handlers: Iterable[logging.Handler]) -> None:
    """Put the one filter on each handler (once)."""
    for h in handlers:
        if not any(isinstance(f, PersoonsgegevensFilter) for f in h.filters):
            h.addFilter(PersoonsgegevensFilter())


@functools.cache
def _prive_logbestand() -> type[RotatingFileHandler]:
    """The rotating log file whose file and each rotated successor are 0600 in a 0700 folder, whatever the umask."""
    from logging.handlers import RotatingFileHandler

    from consulent_app import files

    class PriveLogbestand(RotatingFileHandler):
        def _open(self) -> Any:
            files.eigen_bestand(self.baseFilename)
            return super()._open()

    return PriveLogbestand


class Logbestand(logging.Handler):
    """The log file (2 MB, five rotated ones), opened by `open_logbestand` or at the first record, whichever comes
    first: the module of the rotating file handler (logging.handlers, which imports socket and pickle: 7 ms) is not
    needed before the login window shows (issue 17); the desktop client opens it while the user types."""

    def __init__(self, pad: Path) -> None:
        super().__init__()
        self.pad = pad
        self._bestand: logging.Handler | None = None

    def open(self) -> logging.Handler:
        self.acquire()
        try:
            if self._bestand is None:
                bestand = _prive_logbestand()(self.pad, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
                bestand.setFormatter(self.formatter)
                self._bestand = bestand
            return self._bestand
        finally:
            self.release()

    def emit(self, record: logging.LogRecord) -> None:
        self.open().emit(record)  # the filters ran in handle(), under this handler's lock

    def flush(self) -> None:
        self.acquire()
        try:
            if self._bestand is not None:
                self._bestand.flush()
        finally:
            self.release()

    def close(self) -> None:
        self.acquire()
        try:
            if self._bestand is not None:
                self._bestand.close()
        finally:
            self.release()
        super().close()


def open_logbestand() -> None:
    """Open the log file now (`setup` leaves it to the first record)."""
    for h in logging.getLogger().handlers:
        if isinstance(h, Logbestand):
            h.open()


def setup(level: int = logging.INFO) -> None:
    from consulent_app import files

    folder = files.eigen_map(paths.log_dir())
    handler = Logbestand(folder / "consulent.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    installeer_filter(root.handlers)
    # An error nobody caught (also in a Qt slot) goes to the log through the same filter, not to the console.
    sys.excepthook = _onverwacht
    # SQL echo would write parameters (names, BSN) to the log: keep SQLAlchemy quiet.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
