#!/usr/bin/env bash
# Builds the Android library (AAR) in bindings-uniffi/android: libonfido_core_uniffi.so for
# arm64-v8a, armeabi-v7a and x86_64 with `cargo ndk` into android/build/rustJniLibs, then
# `gradle assembleRelease` (android/build/outputs/aar/). Needs the Android SDK and NDK, cargo-ndk,
# the three Rust Android targets and Gradle 8.9+ (or a wrapper in android/); when any is missing it
# says which and stops without building. Not part of `make test`: this repository's machines have
# neither an Android NDK nor a Gradle distribution. Usage: scripts/build-android.sh [--debug]
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
android="$crate/android"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
profile=release
[ "${1:-}" = "--debug" ] && profile=debug

abis="arm64-v8a armeabi-v7a x86_64"
rust_targets="aarch64-linux-android armv7-linux-androideabi x86_64-linux-android"
missing=()
command -v cargo >/dev/null || missing+=("cargo (rustup.rs)")
if command -v cargo >/dev/null && ! cargo ndk --version >/dev/null 2>&1; then
  missing+=("cargo-ndk (cargo install cargo-ndk)")
fi
if command -v rustup >/dev/null; then
  installed="$(rustup target list --installed)"
  for target in $rust_targets; do
    grep -qx "$target" <<<"$installed" || missing+=("the Rust target $target (rustup target add $target)")
  done
else
  missing+=("rustup (for the targets $rust_targets)")
fi
sdk="${ANDROID_HOME:-${ANDROID_SDK_ROOT:-}}"
[ -n "$sdk" ] && [ -d "$sdk" ] || missing+=("the Android SDK (ANDROID_HOME)")
ndk="${ANDROID_NDK_HOME:-${ANDROID_NDK_ROOT:-}}"
if [ -z "$ndk" ] && [ -n "$sdk" ] && [ -d "$sdk/ndk" ]; then
  ndk="$(find "$sdk/ndk" -mindepth 1 -maxdepth 1 -type d | sort -V | tail -1)"
fi
[ -n "$ndk" ] && [ -d "$ndk" ] || missing+=("the Android NDK (ANDROID_NDK_HOME, or an ndk/ in the SDK)")
if [ -x "$android/gradlew" ]; then
  gradle=("$android/gradlew")
elif command -v gradle >/dev/null; then
  gradle=(gradle)
else
  missing+=("Gradle 8.9+ (or a wrapper: gradle wrapper, in android/)")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "build-android.sh: cannot build the AAR here; missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "Nothing was built. The Kotlin it packages is tested on the JVM by 'make test-kotlin'." >&2
  exit 2
fi
export ANDROID_NDK_HOME="$ndk"

flags=()
[ "$profile" = release ] && flags=(--release)
targets=()
for abi in $abis; do targets+=(-t "$abi"); done
echo "==> cargo ndk ${targets[*]} ($profile)"
rm -rf "$android/build/rustJniLibs"
(cd "$crate" && cargo ndk "${targets[@]}" -o "$android/build/rustJniLibs" build "${flags[@]}" -p onfido-core-uniffi --lib)
for abi in $abis; do
  [ -f "$android/build/rustJniLibs/$abi/libonfido_core_uniffi.so" ] || { echo "no library for $abi" >&2; exit 1; }
done

task=assembleRelease
[ "$profile" = debug ] && task=assembleDebug
echo "==> gradle $task"
(cd "$android" && "${gradle[@]}" -q "$task")
ls "$android/build/outputs/aar/"
echo "publish to your repository with: (cd bindings-uniffi/android && gradle publishReleasePublicationToMavenLocal)"
