#!/usr/bin/env bash
# What can be checked of the Android module without the Android tools (none on this project's
# machines), run by scripts/test-kotlin.sh: the source directories android/build.gradle.kts shares
# with the Maven module exist and hold Kotlin, its Kotlin, coroutines and JNA versions are
# kotlin/pom.xml's, and build-android.sh builds the ABIs the module filters on.
# Usage: scripts/check-android.sh
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$crate/scripts/tools.sh"
gradle_file="$crate/android/build.gradle.kts"
failures=0
checked=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The shared source directories (relative to android/).
dirs="$(sed -n 's/.*kotlin\.srcDirs(\(.*\)).*/\1/p' "$gradle_file" | tr ',' '\n' | sed -n 's/.*"\(.*\)".*/\1/p')"
[ -n "$dirs" ] || fail "no kotlin.srcDirs in android/build.gradle.kts"
for dir in $dirs; do
  checked=$((checked + 1))
  [ -n "$(find "$crate/android/$dir" -name '*.kt' 2>/dev/null | head -1)" ] || fail "android/build.gradle.kts shares $dir, which holds no Kotlin"
done

# Versions: the same as the Maven build's.
expect() {  # NAME VERSION PATTERN
  checked=$((checked + 1))
  grep -q "$3" "$gradle_file" || fail "android/build.gradle.kts: $1 is not $2 (kotlin/pom.xml's)"
}
expect Kotlin "$(pom_property kotlin.version)" "id(\"org.jetbrains.kotlin.android\") version \"$(pom_property kotlin.version)\""
expect kotlinx-coroutines "$(pom_property coroutines.version)" "kotlinx-coroutines-android:$(pom_property coroutines.version)\""
expect JNA "$(pom_property jna.version)" "net.java.dev.jna:jna:$(pom_property jna.version)@aar\""

# The ABIs: filtered on by the module, built by the script.
for abi in arm64-v8a armeabi-v7a x86_64; do
  checked=$((checked + 1))
  grep -q "\"$abi\"" "$gradle_file" && grep -q "$abi" "$crate/scripts/build-android.sh" || fail "ABI $abi is not in both build.gradle.kts and build-android.sh"
done

if [ "$failures" -gt 0 ]; then
  echo "android: $failures of $checked checks failed" >&2
  exit 1
fi
echo "android: $checked checks passed (shared sources, versions as kotlin/pom.xml, ABIs; not built: no NDK or Gradle here)"
