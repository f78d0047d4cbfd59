#!/usr/bin/env bash
# The FFI round-trip figure: a retrieve (build + transport + parse) against the in-process sandbox,
# from Rust and from Kotlin, side by side in one run (release cdylib). Usage: scripts/bench.sh [ITERATIONS]
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
source "$crate/scripts/tools.sh"
iterations="${1:-20000}"
cd "$crate"
cargo build -q --release -p onfido-core-uniffi --lib --example ffi_roundtrip
jar=$(compile_kotlin_jar onfido-kotlin-bench "$crate/generated/kotlin" "$crate/kotlin/src" "$crate/kotlin/bench")
echo "retrieve_applicant, in-process sandbox, $iterations calls, $(nproc) cores:"
"$CARGO_TARGET_DIR/release/examples/ffi_roundtrip" "$iterations"
java -Djna.library.path="$CARGO_TARGET_DIR/release" -cp "$jar:$CLASSPATH_LIBS" onfido.core.bench.BenchKt "$iterations"
