#!/usr/bin/env bash
# Builds OnfidoCoreFFI.xcframework (next to Package.swift) for the Swift package: the Rust library as
# a static library for iOS devices, the iOS simulator (arm64 + x86_64) and macOS (arm64 + x86_64),
# each with OnfidoCoreFFI.h and its module map. Needs macOS with Xcode (xcodebuild, lipo) and rustup;
# elsewhere it says so and stops. Usage: scripts/build-xcframework.sh [--debug]
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
profile=release
[ "${1:-}" = "--debug" ] && profile=debug

if [ "$(uname -s)" != Darwin ]; then
  echo "build-xcframework.sh needs macOS with Xcode (xcodebuild, lipo, the Apple SDKs); this is $(uname -s)." >&2
  echo "Nothing was built. On a Mac: bindings-uniffi/scripts/build-xcframework.sh" >&2
  exit 2
fi
missing=""
for tool in cargo rustup xcodebuild lipo; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  echo "build-xcframework.sh: missing:$missing (Xcode from the App Store or xcode-select --install; rustup from rustup.rs)" >&2
  exit 2
fi

targets="aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin"
rustup target add $targets
flags=()
[ "$profile" = release ] && flags=(--release)
for target in $targets; do
  echo "==> $target"
  # A static library for this build only: the crate's own crate types stay cdylib and lib.
  (cd "$crate" && cargo rustc -q -p onfido-core-uniffi --lib "${flags[@]}" --target "$target" --crate-type staticlib)
done
lib() { echo "$CARGO_TARGET_DIR/$1/$profile/libonfido_core_uniffi.a"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The headers: the generated C header and its module map, as module.modulemap (the name Xcode reads).
mkdir -p "$work/headers" "$work/ios-simulator" "$work/macos"
cp "$crate/generated/swift/OnfidoCoreFFI.h" "$work/headers/"
cp "$crate/generated/swift/OnfidoCoreFFI.modulemap" "$work/headers/module.modulemap"
# One library per platform: the simulator's and the Mac's two architectures together.
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$work/ios-simulator/libonfido_core_uniffi.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$work/macos/libonfido_core_uniffi.a"

out="$crate/OnfidoCoreFFI.xcframework"
rm -rf "$out"
xcodebuild -create-xcframework \
  -library "$(lib aarch64-apple-ios)" -headers "$work/headers" \
  -library "$work/ios-simulator/libonfido_core_uniffi.a" -headers "$work/headers" \
  -library "$work/macos/libonfido_core_uniffi.a" -headers "$work/headers" \
  -output "$out"
echo "built ${out#"$crate"/} ($profile): add bindings-uniffi as a local Swift package (product OnfidoCore)"
