#!/usr/bin/env bash
# make test-kotlin: builds the cdylib, checks the committed bindings are fresh, compiles the Kotlin
# (generated + hand-written + tests) with kotlinc, and runs the test program: the shared vectors,
# every operation over HTTP against onfido-sandbox and in process, error paths, retries, secrets.
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$crate/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
source "$crate/scripts/tools.sh"
case "$(uname -s)" in Darwin) ext=dylib ;; *) ext=so ;; esac

# 1. Fresh bindings: regenerate into a temporary directory and compare with generated/.
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
"$crate/scripts/generate.sh" "$fresh" >/dev/null
if ! diff -r -q "$crate/generated/kotlin" "$fresh/kotlin" >/dev/null || ! diff -r -q "$crate/generated/swift" "$fresh/swift" >/dev/null; then
  diff -r -u "$crate/generated" "$fresh" | head -40 >&2 || true
  echo "FAIL: bindings-uniffi/generated is stale; run 'make generate-bindings' and commit the result" >&2
  exit 1
fi
echo "generated bindings are up to date"

# 2. Compile (reused while no source and no compiler changed).
jar=$(compile_kotlin_jar onfido-kotlin-tests "$crate/generated/kotlin" "$crate/kotlin/src" "$crate/kotlin/test")

# 3. The sandbox server, then the test program.
(cd "$repo" && cargo build -q -p onfido-sandbox)
ONFIDO_SANDBOX_BIN="$CARGO_TARGET_DIR/debug/onfido-sandbox" \
  java -Djna.library.path="$CARGO_TARGET_DIR/debug" -Donfido.repo="$repo" \
  -cp "$jar:$CLASSPATH_LIBS" onfido.core.test.MainKt
