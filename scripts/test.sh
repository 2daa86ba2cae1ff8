#!/usr/bin/env bash
# Set up and run every test: lint, unit, AppTest and real-browser tests (installs Debian's chromium if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x /usr/sbin/haproxy ]; then
    echo "Installing Debian's haproxy for the replica tests (tests/deploy)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi
.venv/bin/ruff check .
.venv/bin/python -m superficial check
exec .venv/bin/python -m pytest "$@"
