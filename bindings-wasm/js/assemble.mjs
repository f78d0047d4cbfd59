// Assembles the npm package in pkg/ from the build outputs (called by scripts/build.sh):
//   build/esm/*.js, *.d.ts  (tsc, ES modules)      -> pkg/dist/*.mjs, *.d.mts
//   build/cjs/*.js          (tsc, CommonJS)        -> pkg/dist/*.cjs, *.d.cts
//   build/bindgen-esm/<name>.js (experimental-nodejs-module) -> pkg/dist/<name>.mjs
//   build/bindgen-cjs/<name>.js (nodejs)                      -> pkg/dist/<name>.cjs
//   build/<name>_bg.opt.wasm (wasm-opt)            -> pkg/dist/<name>_bg.wasm (one file, both glues load it)
// for <name> = native (the client) and sandbox_native (the offline sandbox, loaded on first use,
// shipped as sandbox_native_bg.wasm.br).
// Relative specifiers ("./x.js") are rewritten to the file's own extension. Modules in
// subdirectories (src/v3/models.ts) are flattened (dist/v3_models.mjs), their specifiers with them.

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "build");
const pkg = join(root, "pkg");
const dist = join(pkg, "dist");

rmSync(pkg, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

/** A module's path under src/ (`v3/models`) as its flat name in dist/ (`v3_models`). */
const flat = (path) => path.split("/").join("_");

/**
 * Rewrites relative `"./name.js"` / `"../name.js"` specifiers (import, export, require, import())
 * of a module in directory `dir` to the flat `./dir_name<ext>`.
 */
function rewrite(text, ext, dir) {
  return text.replace(/(["'])(\.\.?\/[A-Za-z0-9_/-]+)\.js\1/g, (_, q, spec) => {
    const target = posix.normalize(posix.join(dir, spec));
    if (target.startsWith("..")) throw new Error(`${spec} in ${dir || "."} leaves src/`);
    return `${q}./${flat(target)}${ext}${q}`;
  });
}

function emit(from, to, ext, dir) {
  writeFileSync(join(dist, to), rewrite(readFileSync(from, "utf8"), ext, dir));
}

let modules = 0;
for (const file of readdirSync(join(build, "esm"), { recursive: true }).map(String).sort()) {
  const path = file.split("\\").join("/");
  const dir = posix.dirname(path) === "." ? "" : posix.dirname(path);
  const base = flat(path.replace(/\.d\.ts$|\.js$/, ""));
  if (path.endsWith(".d.ts")) {
    emit(join(build, "esm", path), `${base}.d.mts`, ".mjs", dir);
    emit(join(build, "esm", path), `${base}.d.cts`, ".cjs", dir);
  } else if (path.endsWith(".js")) {
    emit(join(build, "esm", path), `${base}.mjs`, ".mjs", dir);
    emit(join(build, "cjs", path), `${base}.cjs`, ".cjs", dir);
    modules++;
  }
}
if (modules === 0) throw new Error("no compiled modules in build/esm");

// The wasm-bindgen glue of each module: both module systems load <name>_bg.wasm from their own directory.
// The sandbox's module, loaded only by tests and demos, ships brotli-compressed (<name>_bg.wasm.br,
// a third of the size; decompressing it takes a few milliseconds on first use).
function replaceOnce(text, from, to, what) {
  if (!text.includes(from)) throw new Error(`the ${what} glue no longer reads ${from}`);
  return text.replace(from, to);
}

for (const [name, compressed] of [["native", false], ["sandbox_native", true]]) {
  let esm = readFileSync(join(build, "bindgen-esm", `${name}.js`), "utf8");
  let cjs = readFileSync(join(build, "bindgen-cjs", `${name}.js`), "utf8");
  esm = replaceOnce(esm, `/* @ts-self-types="./${name}.d.ts" */`, `/* @ts-self-types="./${name}.d.mts" */`, "ESM");
  esm = replaceOnce(esm, `new URL('${name}_bg.wasm', import.meta.url)`, `new URL('${name}_bg.wasm${compressed ? ".br" : ""}', import.meta.url)`, "ESM");
  cjs = replaceOnce(cjs, `\`\${__dirname}/${name}_bg.wasm\``, `\`\${__dirname}/${name}_bg.wasm${compressed ? ".br" : ""}\``, "CommonJS");
  const wasm = readFileSync(join(build, `${name}_bg.opt.wasm`));
  if (compressed) {
    esm = replaceOnce(esm, "import { readFileSync } from 'node:fs';", "import { readFileSync } from 'node:fs';\nimport { brotliDecompressSync } from 'node:zlib';", "ESM");
    esm = replaceOnce(esm, "const wasmBytes = readFileSync(wasmUrl);", "const wasmBytes = brotliDecompressSync(readFileSync(wasmUrl));", "ESM");
    cjs = replaceOnce(cjs, "const wasmBytes = require('fs').readFileSync(wasmPath);", "const wasmBytes = require('zlib').brotliDecompressSync(require('fs').readFileSync(wasmPath));", "CommonJS");
    const quality = { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: wasm.length } };
    writeFileSync(join(dist, `${name}_bg.wasm.br`), brotliCompressSync(wasm, quality));
  } else {
    writeFileSync(join(dist, `${name}_bg.wasm`), wasm);
  }
  writeFileSync(join(dist, `${name}.mjs`), esm);
  writeFileSync(join(dist, `${name}.cjs`), cjs);
  copyFileSync(join(build, "bindgen-esm", `${name}.d.ts`), join(dist, `${name}.d.mts`));
  copyFileSync(join(build, "bindgen-cjs", `${name}.d.ts`), join(dist, `${name}.d.cts`));
}

copyFileSync(join(root, "js", "package.json"), join(pkg, "package.json"));
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));
console.log(`assembled pkg/: ${modules} modules, ESM and CommonJS`);
