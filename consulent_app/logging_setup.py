"""Log files: useful for support, free of personal data (no BSN, no names, no free text)."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler

from consulent_app import paths

_BSN = re.compile(r"(?<!\d)\d{9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


class PersoonsgegevensFilter(logging.Filter):
    """Last line of defence: code logs ids only, but a nine-digit number or address never reaches the file."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        clean = _EMAIL.sub("[e-mail]", _BSN.sub("[bsn]", msg))
        if clean != msg:
            record.msg, record.args = clean, None
        return True


def setup(level: int = logging.INFO) -> None:
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(folder / "consulent.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersoonsgegevensFilter())
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    # SQL echo would write parameters (names, BSN) to the log: keep SQLAlchemy quiet.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
