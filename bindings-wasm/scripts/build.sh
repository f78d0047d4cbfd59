#!/usr/bin/env bash
# Builds the npm package onfido-core: bindings-wasm/pkg/ and build/onfido-core-<version>.tgz.
#
#   scripts/build.sh          install the pinned tools if missing, build, assemble, pack
#   scripts/build.sh tools    only install the pinned tools (rustup target, wasm-bindgen-cli, npm dev deps)
#
# Tools are pinned: wasm-bindgen-cli at the exact version of the wasm-bindgen crate (Cargo.toml),
# installed under $ONFIDO_TOOLS (default ~/.cache/onfido-core/tools); wasm-opt from the npm package
# binaryen and tsc from typescript, both from package-lock.json. Every step is skipped when its
# result is already there, so warm runs only redo what changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
tools="${ONFIDO_TOOLS:-$HOME/.cache/onfido-core/tools}"
build="$here/build"

# The wasm-bindgen crate's exact version: the CLI must match it.
bindgen_version="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$here/Cargo.toml")"
[ -n "$bindgen_version" ] || { echo "build.sh: wasm-bindgen must be pinned with = in Cargo.toml" >&2; exit 1; }

# wasm-opt's features: what rustc emits for wasm32-unknown-unknown today.
wasm_opt_features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)

# The .wasm's profile: the workspace's release profile plus fat LTO and one codegen unit. opt-level 2,
# not "z": "z" is 20 % smaller but parses 2.5x slower (bench/bench.mjs), missing the speed goals.
profile=wasm-release
profile_config=(--config "profile.$profile.inherits=\"release\"" --config "profile.$profile.opt-level=2"
  --config "profile.$profile.lto=true" --config "profile.$profile.codegen-units=1" --config "profile.$profile.panic=\"abort\"")

step() { printf '==> %s\n' "$*"; }

install_tools() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$("$tools/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
    step "cargo install wasm-bindgen-cli $bindgen_version (about 2 minutes, once)"
    env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "=$bindgen_version" --root "$tools" --force --quiet
  fi
  # npm dev dependencies, exactly as locked; reinstalled only when the lock file changes.
  local lock_sum
  lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$here/node_modules/.lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
    step "npm ci (typescript, binaryen, @types/node)"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" > "$here/node_modules/.lock-sha256"
  fi
}

build_package() {
  step "cargo build -p onfido-core-wasm --target wasm32-unknown-unknown --profile $profile"
  (cd "$here" && cargo build -q -p onfido-core-wasm --target wasm32-unknown-unknown --profile "$profile" "${profile_config[@]}")
  local wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/onfido_core_wasm.wasm"

  step "wasm-bindgen $bindgen_version: nodejs (CommonJS) and experimental-nodejs-module (ESM)"
  mkdir -p "$build"
  rm -rf "$build/bindgen-cjs" "$build/bindgen-esm" "$build/native"
  "$tools/bin/wasm-bindgen" --target nodejs --out-dir "$build/bindgen-cjs" --out-name native "$wasm"
  "$tools/bin/wasm-bindgen" --target experimental-nodejs-module --out-dir "$build/bindgen-esm" --out-name native "$wasm"
  cmp -s "$build/bindgen-cjs/native_bg.wasm" "$build/bindgen-esm/native_bg.wasm" ||
    { echo "build.sh: the two wasm-bindgen targets produced different .wasm files; one cannot serve both" >&2; exit 1; }
  mkdir -p "$build/native"
  cp "$build/bindgen-esm/native.d.ts" "$build/native/native.d.ts"

  # wasm-opt is the slow step: redo it only when its input changed.
  local input_sum
  input_sum="$(sha256sum "$build/bindgen-esm/native_bg.wasm" | cut -d' ' -f1)"
  if [ "$(cat "$build/native_bg.opt.input-sha256" 2>/dev/null)" != "$input_sum" ] || [ ! -f "$build/native_bg.opt.wasm" ]; then
    step "wasm-opt -Oz (binaryen $(node -p 'require(process.argv[1]).version' "$here/node_modules/binaryen/package.json"))"
    "$here/node_modules/.bin/wasm-opt" -Oz "${wasm_opt_features[@]}" --strip-debug --strip-producers \
      "$build/bindgen-esm/native_bg.wasm" -o "$build/native_bg.opt.wasm"
    echo "$input_sum" > "$build/native_bg.opt.input-sha256"
  fi

  step "tsc: ESM and CommonJS"
  rm -rf "$build/esm" "$build/cjs"
  "$here/node_modules/.bin/tsc" -p "$here/js/tsconfig.json"
  "$here/node_modules/.bin/tsc" -p "$here/js/tsconfig.json" --module commonjs --moduleResolution node10 \
    --declaration false --outDir "$build/cjs"

  step "assemble pkg/"
  node "$here/js/assemble.mjs"

  step "npm pack"
  rm -f "$build"/onfido-core-*.tgz
  (cd "$here/pkg" && npm pack --silent --pack-destination "$build" > /dev/null)
  local tarball
  tarball="$(ls "$build"/onfido-core-*.tgz)"
  local raw gz
  raw="$(stat -c %s "$here/pkg/dist/native_bg.wasm")"
  gz="$(gzip -9 -c "$here/pkg/dist/native_bg.wasm" | wc -c)"
  echo "built $(basename "$tarball"): native_bg.wasm $raw bytes, $gz gzipped; tarball $(stat -c %s "$tarball") bytes"
}

case "${1:-build}" in
  tools) install_tools ;;
  build) install_tools; build_package ;;
  *) echo "usage: $0 [build|tools]" >&2; exit 2 ;;
esac
