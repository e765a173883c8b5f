"""Where the application finds its own resources and keeps the user's data (platformdirs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

APP_NAME = "consulent"


def project_root() -> Path:
    """Folder holding resources/ and forms/: the source tree, or the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def forms_dir() -> Path:
    return project_root() / "forms"


def config_dir() -> Path:
    override = os.environ.get("CONSULENT_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    override = os.environ.get("CONSULENT_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    override = os.environ.get("CONSULENT_DATA_DIR")
    return Path(override) / "logs" if override else Path(user_log_dir(APP_NAME, appauthor=False))
