#!/usr/bin/env bash
# Installs everything (system packages, virtualenv) and runs the whole test suite headless:
# ruff, mypy on the core, pytest on SQLite and on a throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
bash scripts/venv.sh test
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check consulent_app ui tests scripts
echo "== mypy (core)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest -q -m "not slow" -p no:cacheprovider "$@"
echo "== mutation check of the law's rules"
.venv/bin/python scripts/mutatiecheck.py
