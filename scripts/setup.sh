#!/usr/bin/env bash
# Create .venv and install the pinned requirements (skipped when they have not changed).
# Usage: scripts/setup.sh requirements.txt [more requirement files]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    if ! "$PYTHON" -m venv .venv 2>/dev/null; then
        # Debian ships venv separately.
        rm -rf .venv
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
        "$PYTHON" -m venv .venv
    fi
fi
stamp=".venv/.installed-$(cat "$@" pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    for requirements in "$@"; do
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
    done
    # The package itself, editable: pages, tests and tools import it from this checkout.
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
    rm -f .venv/.installed-*
    touch "$stamp"
fi
