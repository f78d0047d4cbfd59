#!/usr/bin/env bash
# Builds the npm package onfido-core: bindings-wasm/pkg/ and build/onfido-core-<version>.tgz.
#
#   scripts/build.sh          install the pinned tools if missing, build, assemble, pack
#   scripts/build.sh tools    only install the pinned tools (rustup target, wasm-bindgen-cli, npm dev deps)
#   scripts/build.sh node-oldest   install Node 18 for the tests if missing, print its path
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

# The oldest Node release the package claims to support; the tests run on it too.
node_oldest=18.20.8

# wasm-opt's features: what rustc emits for wasm32-unknown-unknown today.
wasm_opt_features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)

# Two .wasm files from the one crate (see src/lib.rs): the client's (feature `client`) and the
# offline sandbox's (feature `sandbox`, loaded by the package only when a SandboxTransport sends).
# Profiles: the workspace's release profile plus fat LTO and one codegen unit. The client at
# opt-level 2, not "z": "z" is ~20 % smaller but parses ~2.5x slower (bench/bench.mjs), missing the
# speed goals. Its dependencies are compiled at "z" except serde_json, whose parser is the hot path:
# 13 KiB (4 %) less gzipped at the same parse speed (serde_json at "z" too is larger and slower).
# The sandbox, whose speed nobody measures, at "z". One profile each, so that alternating builds
# do not rebuild every dependency.
profile_config() { # name opt-level [hot-crate: dependencies at "z" but this one]
  printf -- '--config\nprofile.%s.%s\n' "$1" 'inherits="release"' "$1" "opt-level=$2" "$1" "lto=true" \
    "$1" "codegen-units=1" "$1" 'panic="abort"'
  if [ -n "${3:-}" ]; then
    printf -- '--config\nprofile.%s.%s\n' "$1" 'package."*".opt-level="z"' "$1" "package.$3.opt-level=$2"
  fi
}

# Panic locations name source files; the published .wasm names them relative to `crates/` and
# `rust/` rather than after this machine's home directory and registry.
remap_config() {
  local flags=() dir
  for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
    [ -d "$dir" ] && flags+=("\"--remap-path-prefix=${dir%/}=crates\"")
  done
  flags+=("\"--remap-path-prefix=$(rustc --print sysroot)/lib/rustlib/src/rust=rust\"")
  local IFS=,
  printf -- '--config\ntarget.wasm32-unknown-unknown.rustflags=[%s]\n' "${flags[*]}"
}

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
    step "npm ci (typescript, binaryen, @types/node, publint, @arethetypeswrong/cli)"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" > "$here/node_modules/.lock-sha256"
  fi
}

# The oldest Node the package supports (engines: >=18), for a second run of the tests: installed
# on first use from the npm registry's node-linux-* packages (progress on stderr), then its path.
node_oldest_path() {
  local node="$tools/node-$node_oldest/bin/node"
  if [ "$("$node" --version 2>/dev/null)" != "v$node_oldest" ]; then
    local arch scratch
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
    step "npm pack node-linux-$arch@$node_oldest (the oldest supported Node, for the tests)" >&2
    scratch="$(mktemp -d)"
    (cd "$scratch" && npm pack --silent "node-linux-$arch@$node_oldest" > /dev/null && tar xzf ./*.tgz)
    rm -rf "$tools/node-$node_oldest"
    mkdir -p "$tools"
    mv "$scratch/package" "$tools/node-$node_oldest"
    rm -rf "$scratch"
  fi
  echo "$node"
}

# Builds one feature's .wasm, runs wasm-bindgen for both module systems and wasm-opt (cached on its
# input's hash). Outputs build/bindgen-{cjs,esm}/<name>.js and build/<name>_bg.opt.wasm.
build_module() { # feature profile opt-level name [hot-crate]
  local feature="$1" profile="$2" opt_level="$3" name="$4" hot="${5:-}"
  local config=()
  mapfile -t config < <(profile_config "$profile" "$opt_level" "$hot")
  mapfile -t -O "${#config[@]}" config < <(remap_config)
  step "cargo build -p onfido-core-wasm --features $feature --target wasm32-unknown-unknown (opt-level $opt_level)"
  (cd "$here" && cargo build -q -p onfido-core-wasm --no-default-features --features "$feature" \
    --target wasm32-unknown-unknown --profile "$profile" "${config[@]}")
  local wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/onfido_core_wasm.wasm"

  step "wasm-bindgen $bindgen_version: $name for nodejs (CommonJS) and experimental-nodejs-module (ESM)"
  "$tools/bin/wasm-bindgen" --target nodejs --out-dir "$build/bindgen-cjs" --out-name "$name" "$wasm"
  "$tools/bin/wasm-bindgen" --target experimental-nodejs-module --out-dir "$build/bindgen-esm" --out-name "$name" "$wasm"
  cmp -s "$build/bindgen-cjs/${name}_bg.wasm" "$build/bindgen-esm/${name}_bg.wasm" ||
    { echo "build.sh: the two wasm-bindgen targets produced different .wasm files; one cannot serve both" >&2; exit 1; }
  cp "$build/bindgen-esm/$name.d.ts" "$build/native/$name.d.ts"

  # wasm-opt is the slow step: redo it only when its input changed.
  local input_sum opt="$build/${name}_bg.opt.wasm"
  input_sum="$(sha256sum "$build/bindgen-esm/${name}_bg.wasm" | cut -d' ' -f1)"
  if [ "$(cat "$opt.input-sha256" 2>/dev/null)" != "$input_sum" ] || [ ! -f "$opt" ]; then
    step "wasm-opt -Oz $name (binaryen $(node -p 'require(process.argv[1]).version' "$here/node_modules/binaryen/package.json"))"
    "$here/node_modules/.bin/wasm-opt" -Oz "${wasm_opt_features[@]}" --strip-debug --strip-producers \
      "$build/bindgen-esm/${name}_bg.wasm" -o "$opt"
    echo "$input_sum" > "$opt.input-sha256"
  fi
}

build_package() {
  mkdir -p "$build"
  rm -rf "$build/bindgen-cjs" "$build/bindgen-esm" "$build/native"
  mkdir -p "$build/native"
  build_module client wasm-release 2 native serde_json
  build_module sandbox wasm-sandbox '"z"' sandbox_native

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
  local sizes="" wasm
  sizes+="native_bg.wasm $(stat -c %s "$here/pkg/dist/native_bg.wasm") bytes ($(gzip -9 -c "$here/pkg/dist/native_bg.wasm" | wc -c) gzipped), "
  sizes+="sandbox_native_bg.wasm.br $(stat -c %s "$here/pkg/dist/sandbox_native_bg.wasm.br") bytes, "
  echo "built $(basename "$tarball"): ${sizes}tarball $(stat -c %s "$tarball") bytes"
  # The bound on the client's module, gzipped (-9); over it, the build fails. Issue 13 set 350 KiB
  # (v2 + v3.6 tables: 349.1 KiB); the core's call driver (issue 15: retries, pacing, pages,
  # redirects and OAuth in Rust rather than in TypeScript) adds ~17 KiB, so the bound is 370 KiB
  # (362.3 KiB once v2's answers cross as JSON like v3's, without the typed-output glue).
  # What would win it back: v2 read through the description's tables instead of its typed serde
  # models (the largest part of the module), or OAuth behind a core feature (Node has no OAuth yet).
  local gzipped
  gzipped="$(gzip -9 -c "$here/pkg/dist/native_bg.wasm" | wc -c)"
  if [ "$gzipped" -gt $((370 * 1024)) ]; then
    echo "build.sh: native_bg.wasm is $gzipped bytes gzipped, over the 378880-byte (370 KiB) bound" >&2
    exit 1
  fi

  # The packed tarball as a registry would see it: publint (manifest, exports, files; warnings fail)
  # and arethetypeswrong (every entry point's types under node10, node16 CJS and ESM, bundler).
  step "publint --strict and attw on $(basename "$tarball")"
  "$here/node_modules/.bin/publint" run --strict "$tarball"
  "$here/node_modules/.bin/attw" --format table-flipped --no-emoji --no-color "$tarball"
}

case "${1:-build}" in
  tools) install_tools ;;
  node-oldest) node_oldest_path ;;
  build) install_tools; build_package ;;
  *) echo "usage: $0 [build|tools|node-oldest]" >&2; exit 2 ;;
esac
