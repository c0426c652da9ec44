#!/usr/bin/env bash
# Sets up workshopgen on a fresh Debian machine: system packages, then a virtual environment
# in .venv with workshopgen installed. `--test` adds what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--test" ]; then
  bash scripts/setup-system.sh
  extras=".[test]"
else
  bash scripts/setup-system.sh --build-only
  extras="."
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$extras"
# An editable install leaves workshopgen's own modules uncompiled; compiling them now saves every
# run the time, even where Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE).
.venv/bin/python -m compileall -q src/workshopgen
