#!/usr/bin/env bash
# make test-kotlin (after clippy and cargo test): checks the committed bindings are fresh and the Swift
# package consistent with them (scripts/check-swift.sh) and the Android module with the Maven build
# (scripts/check-android.sh), builds the
# cdylib and onfido-sandbox, puts the library where JNA finds it in the jar, and runs the Maven build
# (`mvn verify`: Kotlin compile, the JUnit 5 tests of onfido-core and onfido-core-okhttp: the shared
# vectors, every operation over HTTP against onfido-sandbox and in process, errors, retries,
# cancellation, secrets, token-less mode, webhooks and rules).
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
# The Swift package, as far as it can be checked without a Swift compiler.
"$crate/scripts/check-swift.sh"
# The Android module, as far as it can be checked without the Android tools.
"$crate/scripts/check-android.sh"

# 2. The cdylib (generate.sh built it last) into the jar's resources, and the sandbox server.
native="$KOTLIN_PROJECT/onfido-core/native/$(native_platform)"
mkdir -p "$native"
cp "$CARGO_TARGET_DIR/debug/libonfido_core_uniffi.$ext" "$native/"
(cd "$repo" && cargo build -q -p onfido-sandbox)

# 3. The Maven build and its tests.
cd "$KOTLIN_PROJECT"
ONFIDO_SANDBOX_BIN="$CARGO_TARGET_DIR/debug/onfido-sandbox" mvn_offline_first -q verify
