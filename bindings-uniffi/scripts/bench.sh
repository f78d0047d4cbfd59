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
build="$HOME/.cache/onfido-core/kotlin-build"
mkdir -p "$build"
sources=$(find "$crate/generated/kotlin" "$crate/kotlin/src" "$crate/kotlin/bench" -name '*.kt' | sort)
stamp=$( (echo "$KOTLIN_COMPILER_VERSION"; cat $sources) | sha256sum | cut -c1-16)
jar="$build/onfido-kotlin-bench-$stamp.jar"
if [ ! -f "$jar" ]; then
  rm -f "$build"/onfido-kotlin-bench-*.jar
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$CLASSPATH_LIBS" -d "$jar.tmp.jar" $sources
  mv "$jar.tmp.jar" "$jar"
fi
echo "retrieve_applicant, in-process sandbox, $iterations calls, $(nproc) cores:"
"$CARGO_TARGET_DIR/release/examples/ffi_roundtrip" "$iterations"
java -Djna.library.path="$CARGO_TARGET_DIR/release" -cp "$jar:$CLASSPATH_LIBS" onfido.core.bench.BenchKt "$iterations"
