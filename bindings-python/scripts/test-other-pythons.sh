#!/usr/bin/env bash
# Runs the Python tests against the built abi3 wheel on the oldest (3.9, as requires-python says)
# and newest (3.13) CPython this machine has, each in its own venv under ~/.cache/onfido-core,
# through the Makefile's pytest-wheel target (venvs under $ONFIDO_OTHER_VENVS when set, so that
# parallel clones need not share them). The machine's own Python (3.11) is tested by
# `make test-python` itself; a version the machine does not have is reported as not tested,
# never as passed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# A working interpreter of that version: on PATH, or installed by pyenv (whose shims answer only
# for the selected version).
find_python() { # version
  local candidate
  for candidate in "python$1" "${PYENV_ROOT:-$HOME/.pyenv}/versions/$1".*/bin/"python$1"; do
    if "$candidate" -c 'import sys' >/dev/null 2>&1; then
      echo "$candidate"
      return
    fi
  done
}

for version in 3.9 3.13; do
  python="$(find_python "$version")"
  if [ -z "$python" ]; then
    echo "==> Python $version: not on this machine, not tested"
    continue
  fi
  echo "==> the Python tests on $("$python" --version)"
  make -C "$root" --no-print-directory pytest-wheel PYTHON="$python" PY_VENV="${ONFIDO_OTHER_VENVS:-$HOME/.cache/onfido-core}/venv-$version"
done
