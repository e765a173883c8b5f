#!/usr/bin/env bash
# Installs everything (system packages, virtualenv) and runs the whole test suite headless:
# ruff, mypy on the core, pytest on SQLite and on a throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
bash scripts/venv.sh test
# The test OpenID Provider (oidc-provider from the npm registry), pinned by tests/oidc/package-lock.json.
if [ ! -d tests/oidc/node_modules/oidc-provider ] || [ tests/oidc/package-lock.json -nt tests/oidc/node_modules ]; then
  npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error
fi
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check consulent_app ui tests scripts
echo "== mypy (core)"
.venv/bin/mypy
echo "== pytest"
# One worker per core (PYTEST_WORKERS=0 runs in one process); each worker has its own PostgreSQL and SQLite templates.
.venv/bin/python -m pytest -q -m "not slow" -p no:cacheprovider -n "${PYTEST_WORKERS:-auto}" "$@"
echo "== mutation check of the law's rules"
.venv/bin/python scripts/mutatiecheck.py
