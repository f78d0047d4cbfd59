#!/usr/bin/env bash
# The FFI round-trip figure: a retrieve (build + transport + parse) against the in-process sandbox,
# from Rust and from Kotlin, side by side in one run (release cdylib). Usage: scripts/bench.sh [ITERATIONS]
# The Kotlin half is the JUnit test tagged `bench` (left out of `mvn verify`), run by Maven.
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
source "$crate/scripts/tools.sh"
iterations="${1:-20000}"
cd "$crate"
cargo build -q --release -p onfido-core-uniffi --lib --example ffi_roundtrip
echo "retrieve_applicant, in-process sandbox, $iterations calls, $(nproc) cores:"
"$CARGO_TARGET_DIR/release/examples/ffi_roundtrip" "$iterations"
# JNA searches jna.library.path before the jar's resources: the release library, not the debug copy.
mkdir -p "$KOTLIN_PROJECT/onfido-core/native"
cd "$KOTLIN_PROJECT"
mvn_offline_first -q test -pl onfido-core -Dgroups=bench -Dtests.excluded=none -Dbench.iterations="$iterations" \
  -DargLine="-Djna.library.path=$CARGO_TARGET_DIR/release"
