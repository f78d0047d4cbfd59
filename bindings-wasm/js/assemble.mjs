// Assembles the npm package in pkg/ from the build outputs (called by scripts/build.sh):
//   build/esm/*.js, *.d.ts  (tsc, ES modules)      -> pkg/dist/*.mjs, *.d.mts
//   build/cjs/*.js          (tsc, CommonJS)        -> pkg/dist/*.cjs, *.d.cts
//   build/bindgen-esm/native.js (experimental-nodejs-module) -> pkg/dist/native.mjs
//   build/bindgen-cjs/native.js (nodejs)                      -> pkg/dist/native.cjs
//   build/native_bg.opt.wasm (wasm-opt)            -> pkg/dist/native_bg.wasm (one file, both glues load it)
// Relative specifiers ("./x.js") are rewritten to the file's own extension.

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "build");
const pkg = join(root, "pkg");
const dist = join(pkg, "dist");

rmSync(pkg, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

/** Rewrites `"./name.js"` specifiers (import, export, require, import()) to `./name<ext>`. */
function rewrite(text, ext) {
  const out = text.replace(/(["'])\.\/([A-Za-z0-9_-]+)\.js\1/g, (_, q, name) => `${q}./${name}${ext}${q}`);
  return out;
}

function emit(from, to, ext) {
  writeFileSync(join(dist, to), rewrite(readFileSync(from, "utf8"), ext));
}

let modules = 0;
for (const file of readdirSync(join(build, "esm"))) {
  const base = file.replace(/\.d\.ts$|\.js$/, "");
  if (file.endsWith(".d.ts")) {
    emit(join(build, "esm", file), `${base}.d.mts`, ".mjs");
    emit(join(build, "esm", file), `${base}.d.cts`, ".cjs");
  } else if (file.endsWith(".js")) {
    emit(join(build, "esm", file), `${base}.mjs`, ".mjs");
    emit(join(build, "cjs", file), `${base}.cjs`, ".cjs");
    modules++;
  }
}
if (modules === 0) throw new Error("no compiled modules in build/esm");

// The wasm-bindgen glue: both load native_bg.wasm from their own directory.
const esmGlue = readFileSync(join(build, "bindgen-esm", "native.js"), "utf8").replace('/* @ts-self-types="./native.d.ts" */', '/* @ts-self-types="./native.d.mts" */');
if (!esmGlue.includes("new URL('native_bg.wasm', import.meta.url)")) throw new Error("the ESM glue no longer loads native_bg.wasm as expected");
writeFileSync(join(dist, "native.mjs"), esmGlue);
const cjsGlue = readFileSync(join(build, "bindgen-cjs", "native.js"), "utf8");
if (!cjsGlue.includes("`${__dirname}/native_bg.wasm`")) throw new Error("the CommonJS glue no longer loads native_bg.wasm as expected");
writeFileSync(join(dist, "native.cjs"), cjsGlue);
copyFileSync(join(build, "bindgen-esm", "native.d.ts"), join(dist, "native.d.mts"));
copyFileSync(join(build, "bindgen-cjs", "native.d.ts"), join(dist, "native.d.cts"));
copyFileSync(join(build, "native_bg.opt.wasm"), join(dist, "native_bg.wasm"));

copyFileSync(join(root, "js", "package.json"), join(pkg, "package.json"));
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));
console.log(`assembled pkg/: ${modules} modules, ESM and CommonJS`);
