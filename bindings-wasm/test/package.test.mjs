// The packed tarball installed with npm into a scratch project under the OS temp dir, and used
// from there: ESM import, CommonJS require, the README's example, the exports map, and the
// declarations type-checked with `tsc --noEmit --strict` as ESM and as CommonJS.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { after, before } from "node:test";

import { packageRoot, repoRoot } from "./helpers.mjs";

let scratch;
const run = (cmd, args, options = {}) => execFileSync(cmd, args, { cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });

before(() => {
  const tarballs = readdirSync(join(packageRoot, "build")).filter((f) => /^onfido-core-.*\.tgz$/.test(f));
  assert.equal(tarballs.length, 1, "scripts/build.sh packs exactly one tarball");
  scratch = mkdtempSync(join(tmpdir(), "onfido-core-package-"));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(packageRoot, "build", tarballs[0])]);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("installs with no dependencies: the client's .wasm, the sandbox's .wasm (loaded on use) and some glue", () => {
  const installed = readdirSync(join(scratch, "node_modules")).filter((d) => !d.startsWith("."));
  assert.deepEqual(installed, ["onfido-core"]);
  const manifest = JSON.parse(readFileSync(join(scratch, "node_modules", "onfido-core", "package.json"), "utf8"));
  assert.equal(manifest.dependencies, undefined);
  assert.ok(manifest.exports["."].import && manifest.exports["."].require);
  const files = readdirSync(join(scratch, "node_modules", "onfido-core", "dist"));
  assert.deepEqual(files.filter((f) => /\.wasm(\.br)?$/.test(f)).sort(), ["native_bg.wasm", "sandbox_native_bg.wasm.br"]);
});

test("the tarball ships the package's files and nothing else: no sources, tests, maps or build info", () => {
  const [packed] = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: join(packageRoot, "pkg") }));
  const files = packed.files.map((f) => f.path).sort();
  const unexpected = files.filter((f) => !/^(package\.json|README\.md|dist\/[A-Za-z0-9_-]+(\.mjs|\.cjs|\.d\.mts|\.d\.cts)|dist\/native_bg\.wasm|dist\/sandbox_native_bg\.wasm\.br)$/.test(f));
  assert.deepEqual(unexpected, []);
  // Every module in both systems, each with its declarations.
  const modules = files.filter((f) => f.endsWith(".mjs")).map((f) => f.slice(0, -4));
  assert.ok(modules.includes("dist/index") && modules.includes("dist/native") && modules.includes("dist/sandbox_native"));
  for (const m of modules) for (const ext of [".cjs", ".d.mts", ".d.cts"]) assert.ok(files.includes(m + ext), `${m}${ext} is missing`);
  assert.equal(files.length, 2 + 4 * modules.length + 2);
});

test("the manifest: the workspace's version, provenance-ready publishing, types for every entry point", () => {
  const manifest = JSON.parse(readFileSync(join(packageRoot, "pkg", "package.json"), "utf8"));
  const cargo = readFileSync(join(repoRoot, "Cargo.toml"), "utf8");
  assert.equal(manifest.version, /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)?.[1]);
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.match(manifest.repository.url, /^git\+https:\/\/github\.com\/.+\.git$/);
  assert.equal(manifest.repository.url, `git+${/\nrepository = "([^"]+)"/.exec(cargo)?.[1]}.git`);
  assert.ok(manifest.homepage && manifest.bugs.url);
  assert.deepEqual(manifest.publishConfig, { access: "public", provenance: true });
  assert.equal(manifest.engines.node, ">=18");
  assert.equal(manifest.sideEffects, false);
  for (const [condition, entry] of Object.entries(manifest.exports["."])) {
    assert.ok(entry.types && entry.default, `exports["."].${condition} has types and default`);
    assert.equal(Object.keys(entry)[0], "types", `types comes first under ${condition}`);
  }
  assert.equal(manifest.types, manifest.exports["."].require.types);
});

test("import (ESM) from the installed package", () => {
  writeFileSync(
    join(scratch, "esm.mjs"),
    `import { Onfido, OnfidoV2, SandboxTransport, isOnfidoApiError } from "onfido-core";
     const onfido = new Onfido({ apiToken: "api_sandbox.pkg", transport: new SandboxTransport() });
     const a = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe" });
     const err = await onfido.applicants.find("00000000-0000-4000-8000-000000000000").catch((e) => e);
     const old = await new OnfidoV2({ apiToken: "test_pkg", transport: new SandboxTransport() }).applicants.create({ first_name: "Old", last_name: "Doe" });
     console.log(JSON.stringify({ name: a.first_name, href: a.href.split("/")[1], guard: isOnfidoApiError(err), status: err.status, v2: old.first_name }));`,
  );
  assert.deepEqual(JSON.parse(run(process.execPath, ["esm.mjs"])), { name: "Jane", href: "v3.6", guard: true, status: 404, v2: "Old" });
});

test("require (CommonJS) from the installed package", () => {
  writeFileSync(
    join(scratch, "cjs.cjs"),
    `const { Onfido, OnfidoV2, SandboxTransport, verifyWebhook, signWebhook } = require("onfido-core");
     const body = '{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"c1"}}}';
     const event = verifyWebhook(body, { "x-sha2-signature": signWebhook(body, "s") }, "s");
     new OnfidoV2({ apiToken: "test_pkg", transport: new SandboxTransport() }).reportTypeGroups.list()
       .then(async (groups) => {
         const ping = await new Onfido({ apiToken: "api_sandbox.pkg", transport: new SandboxTransport() }).api.ping();
         console.log(JSON.stringify({ action: event.payload.action, groups: groups.length, ping }));
       });`,
  );
  assert.deepEqual(JSON.parse(run(process.execPath, ["cjs.cjs"])), { action: "check.completed", groups: 2, ping: "OK" });
});

test("the exports map: the package and its package.json, nothing deeper", () => {
  writeFileSync(
    join(scratch, "exports.cjs"),
    `const r = (s) => { try { require.resolve(s); return "ok"; } catch (e) { return e.code; } };
     console.log(JSON.stringify([r("onfido-core"), r("onfido-core/package.json"), r("onfido-core/dist/client.cjs")]));`,
  );
  assert.deepEqual(JSON.parse(run(process.execPath, ["exports.cjs"])), ["ok", "ok", "ERR_PACKAGE_PATH_NOT_EXPORTED"]);
});

test("the README's example runs from the installed package", () => {
  const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, "the README has a js example");
  writeFileSync(join(scratch, "readme.mjs"), example);
  copyFileSync(join(repoRoot, "tests", "fixtures", "sample_driving_licence.png"), join(scratch, "sample_driving_licence.png"));
  const env = { ...process.env };
  delete env.ONFIDO_API_TOKEN;
  const out = run(process.execPath, ["readme.mjs"], { env });
  assert.match(out, /uploaded 40896 bytes, downloaded 40896 \(image\/png\)/);
  assert.match(out, /check [0-9a-f-]+: complete, clear/);
  assert.match(out, /^identity_enhanced clear$/m);
  assert.match(out, /check PDF: \d+ bytes/);
  assert.match(out, /1 applicant\(s\), next page: null/);
  assert.match(out, /refused before sending: \{ dob:/);
  assert.match(out, /check\.completed/);
});

const tsc = join(packageRoot, "node_modules", "typescript", "bin", "tsc");
const typeRoots = join(packageRoot, "node_modules", "@types");

function typecheck(files, compilerOptions) {
  const config = { compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: "es2022", typeRoots: [typeRoots], ...compilerOptions }, files };
  writeFileSync(join(scratch, "tsconfig.json"), JSON.stringify(config));
  try {
    run(process.execPath, [tsc, "-p", "tsconfig.json"]);
  } catch (e) {
    assert.fail(`tsc --noEmit --strict failed:\n${e.stdout}${e.stderr}`);
  }
}

test("tsc --noEmit --strict on an example using everything, as ESM and as CommonJS", () => {
  const example = readFileSync(join(packageRoot, "test", "types", "everything.ts"), "utf8");
  writeFileSync(join(scratch, "everything.mts"), example);
  writeFileSync(join(scratch, "everything.cts"), example);
  typecheck(["everything.mts", "everything.cts"], { module: "nodenext", moduleResolution: "nodenext", types: ["node"], lib: ["es2022", "dom"] });
});

test("the declarations need no DOM or Node types", () => {
  writeFileSync(
    join(scratch, "bare.mts"),
    `import { Onfido, SandboxTransport, verifyWebhook, isOnfidoApiError, type Applicant } from "onfido-core";
     const onfido = new Onfido({ apiToken: "test_bare", transport: new SandboxTransport() });
     export async function f(): Promise<Applicant> { return onfido.applicants.create({ first_name: "A", last_name: "B" }); }
     export const g = (b: Uint8Array) => verifyWebhook(b, { "x-signature": "00" }, "s");
     export const h = (e: unknown) => isOnfidoApiError(e) && e.status;`,
  );
  typecheck(["bare.mts"], { module: "nodenext", moduleResolution: "nodenext", types: [], lib: ["es2022"] });
});

test("a proxied request without the optional undici is a config error that says to install it", () => {
  writeFileSync(
    join(scratch, "proxy.mjs"),
    `import { Onfido, isOnfidoConfigError } from "onfido-core";
     const onfido = new Onfido({ apiToken: "test_proxy", baseUrl: "http://127.0.0.1:9" });
     const e = await onfido.applicants.create({ first_name: "A", last_name: "B" }).catch((e) => e);
     console.log(JSON.stringify({ config: isOnfidoConfigError(e), field: e.field, message: e.message }));`,
  );
  const env = { ...process.env, HTTP_PROXY: "http://user:hunter2@127.0.0.1:9" };
  const out = JSON.parse(run(process.execPath, ["proxy.mjs"], { env }));
  assert.equal(out.config, true);
  assert.equal(out.field, "proxy");
  assert.match(out.message, /npm install undici/);
  assert.ok(!out.message.includes("hunter2"));
});

test("the README's webhook receiver and upload examples run in a scratch project with express and fastify", async () => {
  const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
  const examples = new Map([...readme.matchAll(/```js\n\/\/ file: (\S+)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]));
  assert.deepEqual([...examples.keys()].sort(), ["express-webhooks.mjs", "fastify-webhooks.mjs", "uploads.mjs"]);
  const project = mkdtempSync(join(tmpdir(), "onfido-core-readme-"));
  try {
    const tarball = readdirSync(join(packageRoot, "build")).find((f) => /^onfido-core-.*\.tgz$/.test(f));
    const lock = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")).devDependencies;
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "readme", private: true, type: "module" }));
    const inProject = (cmd, args, options = {}) => execFileSync(cmd, args, { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
    inProject("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", join(packageRoot, "build", tarball), `express@${lock.express}`, `fastify@${lock.fastify}`]);
    for (const [name, code] of examples) writeFileSync(join(project, name), code);
    copyFileSync(join(repoRoot, "tests", "fixtures", "sample_driving_licence.png"), join(project, "passport.png"));
    copyFileSync(join(repoRoot, "tests", "fixtures", "sample_photo.png"), join(project, "selfie.png"));
    assert.match(inProject(process.execPath, ["uploads.mjs"]), /^uploaded passport\.png selfie\.png$/m);
    // Each receiver in its own process, driven over HTTP with a signed notification, a bad one and no signature.
    writeFileSync(
      join(project, "drive.mjs"),
      `import { signWebhook } from "onfido-core";
       const [module] = process.argv.slice(2);
       const loaded = await import("./" + module);
       const server = loaded.server ?? loaded.app.server;
       if (!server.listening) await new Promise((r) => server.once("listening", r));
       const url = "http://127.0.0.1:" + server.address().port + "/onfido/webhooks";
       const body = JSON.stringify({ payload: { resource_type: "check", action: "check.completed", object: { id: "c-readme" } } });
       const post = (headers) => fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }).then((r) => r.status);
       const statuses = [await post({ "x-sha2-signature": signWebhook(body, process.env.ONFIDO_WEBHOOK_TOKEN) }), await post({ "x-sha2-signature": signWebhook(body, "wrong") }), await post({})];
       console.log("statuses", statuses.join(","));
       await (loaded.app ? loaded.app.close() : new Promise((r) => server.close(r)));`,
    );
    const env = { ...process.env, PORT: "0", ONFIDO_WEBHOOK_TOKEN: "readme-webhook-token" };
    for (const [module, framework] of [["express-webhooks.mjs", "express"], ["fastify-webhooks.mjs", "fastify"]]) {
      const out = inProject(process.execPath, ["drive.mjs", module], { env });
      assert.match(out, new RegExp(`^${framework} got check\\.completed c-readme$`, "m"), out);
      assert.match(out, /^statuses 204,401,401$/m, out);
      assert.ok(!out.includes("readme-webhook-token"));
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
