#!/usr/bin/env bash
# Builds the Python distributions of onfido-core into $WHEELS/dist and checks each for real:
#
#   scripts/package.sh all      the sdist, a manylinux2014 (glibc 2.17+) and a musllinux_1_2 x86_64
#                               abi3 wheel (maturin --zig, ziglang from PyPI), and every check below
#   scripts/package.sh sdist    the sdist alone, twine-checked and installed from source (make test)
#   scripts/package.sh wheels   the two wheels alone, with their checks
#
# Checks: `twine check --strict` of every artifact; the sdist's contents, then `pip install` of it
# into a fresh venv with an empty target dir and an empty CARGO_HOME (crates from the registry, as on
# a fresh machine with Rust), and scripts/smoke.py against what it installed; the manylinux wheel's
# tag, `auditwheel show` and the highest glibc symbol version its module needs (<= 2.17); the musl
# wheel's tag, that its module needs nothing but musl's libc.so and, given a musl CPython in
# $ONFIDO_MUSL_PYTHON, that it imports there and passes the smoke test; the
# manylinux wheel installed into a fresh venv of the oldest CPython the package supports that this
# machine has, running the READMEs' Python examples from a scratch directory.
#
# PY_VENV (the venv with maturin, from test-requirements.txt and package-requirements.txt), WHEELS
# and CARGO_TARGET_DIR as in the Makefile.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bindings-python"
venv="${PY_VENV:-$HOME/.cache/onfido-core/venv}"
out="${WHEELS:-$HOME/.cache/onfido-core/wheels}/dist"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
mode="${1:-all}"
case "$mode" in all | sdist | wheels) ;; *) echo "usage: $0 [all|sdist|wheels]" >&2; exit 2 ;; esac

step() { printf '==> %s\n' "$*"; }
fail() { echo "package.sh: $*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
[ -n "$version" ] || fail "no workspace version in Cargo.toml"
if [ "$mode" != sdist ]; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/package-requirements.txt"
else
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$(grep '^twine==' "$here/package-requirements.txt")"
fi
maturin=("$venv/bin/maturin")
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)

# --- the sdist
if [ "$mode" != wheels ]; then
  step "maturin sdist"
  (cd "$here" && "${maturin[@]}" sdist -o "$out" 2>&1 | grep -v '^ *Downloaded ' || true)
  sdist="$out/onfido_core-$version.tar.gz"
  [ -f "$sdist" ] || fail "maturin sdist made no $sdist"
  listing="$(tar tzf "$sdist")"
  # What the build needs from outside bindings-python/: the workspace manifest and lock, the core
  # (with its generated v3 tables); and the Python package with its stubs and py.typed.
  for needed in Cargo.toml Cargo.lock pyproject.toml PKG-INFO README.md core/Cargo.toml core/src/lib.rs \
    core/src/v3/generated.rs bindings-python/Cargo.toml bindings-python/src/lib.rs \
    python/onfido_core/__init__.py python/onfido_core/_native.pyi python/onfido_core/py.typed; do
    grep -qx "onfido_core-$version/$needed" <<<"$listing" || fail "the sdist lacks $needed"
  done
  if grep -E "^onfido_core-$version/(bindings-python/)?(tests|bench|scripts)/" <<<"$listing"; then
    fail "the sdist carries the tests, bench or scripts above"
  fi
  echo "sdist: $(wc -l <<<"$listing") files, $(stat -c %s "$sdist") bytes"

  step "pip install the sdist into a fresh venv: built from source with an empty target dir and CARGO_HOME"
  python3 -m venv "$scratch/venv-sdist"
  build_start=$(date +%s)
  (cd "$scratch" && env -u CARGO_BUILD_TARGET CARGO_TARGET_DIR="$scratch/target" CARGO_HOME="$scratch/cargo-home" \
    PATH="$(dirname "$(command -v cargo)"):$PATH" \
    "$scratch/venv-sdist/bin/python" -m pip install -q --disable-pip-version-check --no-cache-dir "$sdist")
  echo "built and installed from source in $(elapsed "$build_start")"
  (cd "$scratch" && "$scratch/venv-sdist/bin/python" -I "$here/scripts/smoke.py" "$root/tests/vectors")
  rm -rf "$scratch/target" "$scratch/cargo-home"
fi

if [ "$mode" = sdist ]; then
  step "twine check --strict"
  "$venv/bin/twine" --no-color check --strict "$sdist"
  echo "package.sh sdist: built and checked in $(elapsed "$start")"
  exit 0
fi

# --- the wheels
# maturin --zig runs `python3 -m ziglang`: the venv's python first on PATH.
export PATH="$venv/bin:$PATH"
step "maturin build --release --zig --compatibility manylinux2014 (x86_64)"
(cd "$here" && "${maturin[@]}" build --release -q --zig --compatibility manylinux2014 -o "$out")
many="$out/onfido_core-$version-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"
[ -f "$many" ] || fail "no $(basename "$many") in $out: $(ls "$out")"

rustup target list --installed | grep -qx x86_64-unknown-linux-musl || rustup target add x86_64-unknown-linux-musl
step "maturin build --release --zig --target x86_64-unknown-linux-musl --compatibility musllinux_1_2"
(cd "$here" && "${maturin[@]}" build --release -q --zig --target x86_64-unknown-linux-musl \
  --compatibility musllinux_1_2 -o "$out")
musl="$out/onfido_core-$version-cp39-abi3-musllinux_1_2_x86_64.whl"
[ -f "$musl" ] || fail "no $(basename "$musl") in $out: $(ls "$out")"

step "twine check --strict"
"$venv/bin/twine" --no-color check --strict "$out"/*

# The native module of a wheel, unpacked into $scratch/<name>/.
native_of() { # wheel name
  rm -rf "${scratch:?}/$2"
  "$venv/bin/python" -m zipfile -e "$1" "$scratch/$2"
  local files
  files="$(cd "$scratch/$2" && find . -type f | sort)"
  for needed in onfido_core/__init__.py onfido_core/_native.pyi onfido_core/py.typed onfido_core/_native.abi3.so; do
    grep -qx "./$needed" <<<"$files" || fail "$(basename "$1") lacks $needed"
  done
  # The tags in the wheel's own metadata are the file name's.
  local tags expected
  tags="$(sed -n 's/^Tag: //p' "$scratch/$2"/onfido_core-*.dist-info/WHEEL | sort | tr '\n' ' ')"
  expected="$(basename "$1" .whl | cut -d- -f5 | tr '.' '\n' | sed 's/^/cp39-abi3-/' | sort | tr '\n' ' ')"
  [ "$tags" = "$expected" ] || fail "$(basename "$1"): WHEEL says $tags"
  echo "$scratch/$2/onfido_core/_native.abi3.so"
}

step "the manylinux wheel: auditwheel show, glibc symbol versions"
so="$(native_of "$many" many)"
shown="$("$venv/bin/auditwheel" show "$many" | tr -s ' \n' '  ')"
echo "$shown"
grep -q 'consistent with the following platform tag: "manylinux_2_17_x86_64"' <<<"$shown" ||
  fail "auditwheel does not find the manylinux wheel consistent with manylinux_2_17_x86_64"
glibc_max="$(readelf -W --dyn-syms -V "$so" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)"
[ -n "$glibc_max" ] || fail "no glibc symbol versions in the manylinux module"
[ "$(printf '%s\n2.17\n' "$glibc_max" | sort -V | tail -1)" = 2.17 ] ||
  fail "the manylinux module needs glibc $glibc_max (> 2.17)"
echo "manylinux: $(basename "$many"), $(stat -c %s "$many") bytes; highest glibc symbol version $glibc_max;" \
  "NEEDED: $(readelf -d "$so" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"

step "the musllinux wheel: tag, dynamic section"
so="$(native_of "$musl" musl)"
needed="$(readelf -d "$so" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
[ "$needed" = "libc.so " ] || fail "the musl module needs more than musl's libc.so: $needed"
if readelf -W -V "$so" | grep -q GLIBC_; then fail "the musl module references glibc symbol versions"; fi
readelf -h "$so" | grep -q 'Machine: *Advanced Micro Devices X86-64' || fail "the musl module is not x86_64"
echo "musllinux: $(basename "$musl"), $(stat -c %s "$musl") bytes; NEEDED: $needed; no glibc symbol versions"
# With a musl Python ($ONFIDO_MUSL_PYTHON: a CPython 3.9+ linked against musl, e.g. Debian's python3.11
# source built with musl-gcc), the wheel unpacked onto its path is imported and smoke-tested. (auditwheel
# cannot judge a musl wheel here: it reads the host's glibc layout, not Alpine's, even under that Python.)
if [ -n "${ONFIDO_MUSL_PYTHON:-}" ]; then
  "$ONFIDO_MUSL_PYTHON" -c 'import sys; assert sys.version_info >= (3, 9)'
  readelf -l "$(command -v "$ONFIDO_MUSL_PYTHON")" | grep -q 'interpreter: /lib/ld-musl' ||
    fail "$ONFIDO_MUSL_PYTHON is not linked against musl"
  step "the musllinux wheel under $("$ONFIDO_MUSL_PYTHON" --version) on musl: import and smoke test"
  (cd "$scratch" && PYTHONPATH="$scratch/musl" "$ONFIDO_MUSL_PYTHON" "$here/scripts/smoke.py" "$root/tests/vectors" --unpacked)
else
  echo "musllinux: not imported (no \$ONFIDO_MUSL_PYTHON: this machine's Python is glibc's)"
fi

# --- the manylinux wheel on the oldest supported Python, the READMEs' examples from outside the repo
# The oldest CPython requires-python allows that this machine has (on PATH or installed by pyenv).
oldest=""
requires="$(sed -n 's/^requires-python = ">=3\.\([0-9]*\)"/\1/p' "$here/pyproject.toml")"
for minor in $(seq "$requires" 14); do
  for candidate in "python3.$minor" "${PYENV_ROOT:-$HOME/.pyenv}/versions/3.$minor".*/bin/"python3.$minor"; do
    if "$candidate" -c 'import sys' >/dev/null 2>&1; then oldest="$candidate"; break 2; fi
  done
done
[ -n "$oldest" ] || fail "no CPython 3.$requires or later on this machine"
step "the manylinux wheel on $("$oldest" --version) (requires-python >=3.$requires): the READMEs' examples"
"$oldest" -m venv "$scratch/venv-oldest"
"$scratch/venv-oldest/bin/python" -m pip install -q --disable-pip-version-check "$many"
mkdir -p "$scratch/examples/tests/fixtures"
cp "$root"/tests/fixtures/sample_driving_licence.png "$root"/tests/fixtures/sample_photo.png "$scratch/examples/tests/fixtures/"
examples="$(cd "$root" && "$venv/bin/python" "$here/scripts/readme_examples.py" "$scratch/examples" README.md bindings-python/README.md)"
for example in $examples; do
  echo "--- $example"
  output="$(cd "$scratch/examples" && "$scratch/venv-oldest/bin/python" -I "$example" 2>&1)" ||
    { echo "$output"; fail "$example failed on $("$oldest" --version)"; }
  echo "$output" | head -8
  grep -q "Traceback" <<<"$output" && fail "$example printed a traceback"
  case "$example" in
    readme_root_*) grep -qx "complete clear" <<<"$output" && grep -q "must be a real date" <<<"$output" ||
      fail "$example printed other than its comments say" ;;
    *) grep -q "^complete " <<<"$output" || fail "$example printed no completed check" ;;
  esac
done
echo "package.sh $mode: every artifact built and checked in $(elapsed "$start"): $(cd "$out" && ls | tr '\n' ' ')"
