#!/usr/bin/env bash
# Installs everything (once) and starts Consulent on the embedded SQLite database, with demo data on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
exec .venv/bin/consulent-app run --demo "$@"
