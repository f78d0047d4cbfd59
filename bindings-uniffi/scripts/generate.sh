#!/usr/bin/env bash
# Regenerates the Kotlin and Swift bindings from the cdylib (uniffi library mode).
# Usage: scripts/generate.sh [OUT_DIR]   (default: bindings-uniffi/generated)
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
out="${1:-$crate/generated}"
case "$(uname -s)" in Darwin) ext=dylib ;; *) ext=so ;; esac

cd "$crate"
# The bindgen (feature `cli`) first, the plain library last: both write the same cdylib file.
cargo build -q -p onfido-core-uniffi --features cli --bin uniffi-bindgen
cargo build -q -p onfido-core-uniffi --lib
lib="$CARGO_TARGET_DIR/debug/libonfido_core_uniffi.$ext"
bindgen="$CARGO_TARGET_DIR/debug/uniffi-bindgen"

rm -rf "$out/kotlin" "$out/swift"
"$bindgen" generate --library "$lib" --language kotlin --no-format --out-dir "$out/kotlin" >/dev/null
"$bindgen" generate --library "$lib" --language swift --no-format --out-dir "$out/swift" >/dev/null
echo "generated $(find "$out/kotlin" "$out/swift" -type f | wc -l | tr -d ' ') files in ${out#"$crate"/}"
