// onfido-core beside @onfido/api@6.2.0, in one run, on the same bytes:
//   - webhook verify + parse of a ~1.7 KB event (theirs: WebhookEventVerifier.readPayload,
//     node:crypto HMAC-SHA256 + JSON.parse; ours: verifyWebhook, the core picking the header and
//     comparing in constant time around node:crypto's HMAC, then JSON.parse and a shape check)
//   - parsing the reference's document report (and a check with five reports) into objects,
//     beside bare JSON.parse (the floor; @onfido/api's axios does exactly that)
//   - the client .wasm's size, raw and gzipped (the sandbox's module, loaded only on use, is
//     reported beside it), and the installed size of each package (du of a fresh install's
//     node_modules).
// Run after scripts/build.sh:  node bindings-wasm/bench/bench.mjs   (needs the npm registry once)

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, "..");
const repoRoot = join(packageRoot, "..");
const THEIRS = "@onfido/api@6.2.0";

const ours = await import(join(packageRoot, "pkg", "dist", "index.mjs"));

function freshInstall(spec) {
  const dir = mkdtempSync(join(tmpdir(), "onfido-bench-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-scratch", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", spec], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const kib = Number(execFileSync("du", ["-sk", join(dir, "node_modules")], { encoding: "utf8" }).split("\t")[0]);
  const packages = readdirSync(join(dir, "node_modules"))
    .filter((d) => !d.startsWith("."))
    .flatMap((d) => (d.startsWith("@") ? readdirSync(join(dir, "node_modules", d)).map((s) => `${d}/${s}`) : [d]));
  return { dir, kib, packages: packages.length };
}

const tarball = readdirSync(join(packageRoot, "build")).find((f) => /^onfido-core-.*\.tgz$/.test(f));
if (!tarball) throw new Error("run bindings-wasm/scripts/build.sh first");
const theirsInstall = freshInstall(THEIRS);
const oursInstall = freshInstall(join(packageRoot, "build", tarball));
const theirs = createRequire(join(theirsInstall.dir, "index.js"))("@onfido/api");

// ---- inputs (the same bytes for both) ----

const WEBHOOK_TOKEN = "_ABC123abc123ABC123abc123ABC123_";
const event = {
  payload: {
    resource_type: "report",
    action: "report.completed",
    object: {
      id: "12345-23122-32123",
      status: "completed",
      completed_at: "2019-10-28 15:00:39 UTC",
      completed_at_iso8601: "2019-10-28T15:00:39Z",
      href: "https://api.onfido.com/v2/checks/12343-11122-09290/reports/12345-23122-32123",
    },
    resource: {
      id: "12345-23122-32123",
      name: "document",
      status: "complete",
      result: "clear",
      sub_result: "clear",
      created_at: "2019-10-28T14:58:02Z",
      href: "/v2/checks/12343-11122-09290/reports/12345-23122-32123",
      breakdown: {
        data_comparison: { result: "clear", breakdown: { issuing_country: { result: "clear", properties: {} }, gender: { result: "clear", properties: {} }, date_of_birth: { result: "clear", properties: {} }, last_name: { result: "clear", properties: {} }, first_name: { result: "clear", properties: {} } } },
        data_validation: { result: "clear", breakdown: { gender: { result: "clear", properties: {} }, date_of_birth: { result: "clear", properties: {} }, document_numbers: { result: "clear", properties: {} }, document_expiration: { result: "clear", properties: {} }, expiry_date: { result: "clear", properties: {} }, mrz: { result: "clear", properties: {} } } },
        image_integrity: { result: "clear", breakdown: { image_quality: { result: "clear", properties: {} }, supported_document: { result: "clear", properties: {} }, colour_picture: { result: "clear", properties: {} }, conclusive_document_quality: { result: "clear", properties: {} } } },
        visual_authenticity: { result: "clear", breakdown: { fonts: { result: "clear", properties: {} }, picture_face_integrity: { result: "clear", properties: {} }, template: { result: "clear", properties: {} }, security_features: { result: "clear", properties: {} }, original_document_present: { result: "clear", properties: {} } } },
      },
    },
  },
};
const eventBody = Buffer.from(JSON.stringify(event));
const signature = ours.signWebhook(eventBody, WEBHOOK_TOKEN, "sha256");
const requestHeaders = {
  host: "hooks.example.com",
  "user-agent": "Onfido-Webhook",
  "content-type": "application/json",
  "content-length": String(eventBody.length),
  "x-sha2-signature": signature,
  "x-signature": ours.signWebhook(eventBody, WEBHOOK_TOKEN, "sha1"),
  "accept-encoding": "gzip",
  connection: "close",
};

const check = readFileSync(join(repoRoot, "tests", "fixtures", "check_with_five_reports.json"));
const documentReport = Buffer.from(JSON.stringify(JSON.parse(check.toString()).reports.find((r) => r.name === "document")));
const jsonHeaders = [["Content-Type", "application/json; charset=utf-8"]];
const client = new ours.OnfidoV2({ apiToken: "test_bench", transport: { send: () => Promise.reject(new Error("no sending")) } });

// sanity: both sides read the same event
const a = new theirs.WebhookEventVerifier(WEBHOOK_TOKEN).readPayload(eventBody, signature);
const b = ours.verifyWebhook(eventBody, requestHeaders, WEBHOOK_TOKEN);
if (a.payload.object.id !== b.payload.object.id || a.payload.resource.result !== b.payload.resource.result) throw new Error("the two sides disagree");

// ---- timing: interleaved rounds, median per-call time ----

function measure(fns, { rounds = 15, budgetMs = 120 } = {}) {
  const samples = fns.map(() => []);
  for (const f of fns) for (let i = 0; i < 3000; i++) f(); // warm up
  for (let r = 0; r < rounds; r++) {
    fns.forEach((f, i) => {
      let n = 0;
      const start = process.hrtime.bigint();
      const stop = start + BigInt(budgetMs * 1e6) / BigInt(fns.length);
      let now = start;
      while (now < stop) {
        for (let k = 0; k < 50; k++) f();
        n += 50;
        now = process.hrtime.bigint();
      }
      samples[i].push(Number(now - start) / n / 1000);
    });
  }
  return samples.map((s) => s.sort((x, y) => x - y)[Math.floor(s.length / 2)]);
}

const verifier = new theirs.WebhookEventVerifier(WEBHOOK_TOKEN);
const [theirsVerify, oursVerify] = measure([
  () => verifier.readPayload(eventBody, signature),
  () => ours.verifyWebhook(eventBody, requestHeaders, WEBHOOK_TOKEN),
]);
const [floorReport, oursReport] = measure([
  () => JSON.parse(documentReport.toString()),
  () => client.parseResponse("retrieve_report", { status: 200, headers: jsonHeaders, body: documentReport }),
]);
// v3.6: the reference's document report read as `find_report` (the core checks it without
// building it, then JSON.parse reads it: `v3::check_response`).
const referenceReport = Buffer.from(
  JSON.stringify(
    JSON.parse(readFileSync(join(repoRoot, "tests", "vectors", "parse_reports.json"), "utf8")).cases.find((c) =>
      c.name.startsWith("retrieve_report: reference document report ("),
    ).body,
  ),
);
const v3 = new ours.Onfido({ apiToken: "api_sandbox.bench", transport: { send: () => Promise.reject(new Error("no sending")) } });
if (v3.parseResponse("find_report", { status: 200, headers: jsonHeaders, body: referenceReport }).name !== "document") throw new Error("not a document report");
const [floorV3, oursV3] = measure([
  () => JSON.parse(referenceReport.toString()),
  () => v3.parseResponse("find_report", { status: 200, headers: jsonHeaders, body: referenceReport }),
]);
const [floorCheck, oursCheck] = measure([
  () => JSON.parse(check.toString()),
  () => client.parseResponse("retrieve_check", { status: 200, headers: jsonHeaders, body: check }),
]);

// Cold start, each in a fresh node process (median of 7): theirs is `require("@onfido/api")`; ours
// is `require("onfido-core")` from the installed tarball, a v3.6 client and its first request built.
function coldMs(dir, code) {
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const script = `const t0 = process.hrtime.bigint(); ${code}; process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
    runs.push(Number(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" })));
  }
  return runs.sort((x, y) => x - y)[3];
}
const theirsCold = coldMs(theirsInstall.dir, `require("@onfido/api")`);
const oursCold = coldMs(
  oursInstall.dir,
  `const { Onfido } = require("onfido-core"); new Onfido({ apiToken: "api_sandbox.cold" }).buildRequest("find_applicant", { applicant_id: "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10" })`,
);

const wasm = readFileSync(join(packageRoot, "pkg", "dist", "native_bg.wasm"));
const sandboxWasm = readFileSync(join(packageRoot, "pkg", "dist", "sandbox_native_bg.wasm.br"));
const gz = gzipSync(wasm, { level: 9 }).length;
const us = (x) => `${x.toFixed(2)} µs`;
const kb = (x) => `${(x / 1024).toFixed(1)} KiB`;
const ratio = (x) => `${x.toFixed(2)}×`;
const verdict = (ok) => (ok ? "met" : "**missed**");

const rows = [
  ["| what | onfido-core | reference | ratio (ours / reference) | goal |", "|---|---|---|---|---|"],
  [`| webhook verify + parse, ${eventBody.length} B event (HMAC-SHA256) | ${us(oursVerify)} | ${us(theirsVerify)} (${THEIRS} readPayload) | ${ratio(oursVerify / theirsVerify)} | ≤ 1× ${verdict(oursVerify <= theirsVerify)} |`],
  [`| parse the reference's document report, ${documentReport.length} B | ${us(oursReport)} | ${us(floorReport)} (JSON.parse) | ${ratio(oursReport / floorReport)} | ≤ 3× ${verdict(oursReport <= 3 * floorReport)} |`],
  [`| v3.6 \`find_report\`: the reference's document report, ${referenceReport.length} B | ${us(oursV3)} | ${us(floorV3)} (JSON.parse) | ${ratio(oursV3 / floorV3)} | ≤ 2.5× ${verdict(oursV3 <= 2.5 * floorV3)} |`],
  [`| cold \`require\` + a v3.6 client's first request built (fresh process, median of 7) | ${oursCold.toFixed(1)} ms | ${theirsCold.toFixed(1)} ms (\`require("${THEIRS.replace(/@[^@]*$/, "")}")\`) | ${ratio(oursCold / theirsCold)} | ≤ 0.1× ${verdict(oursCold <= theirsCold / 10)} |`],
  [`| parse a check with five reports, ${check.length} B | ${us(oursCheck)} | ${us(floorCheck)} (JSON.parse) | ${ratio(oursCheck / floorCheck)} | ≤ 3× ${verdict(oursCheck <= 3 * floorCheck)} |`],
  [`| client .wasm, gzipped (-9) | ${kb(gz)} (raw ${kb(wasm.length)}; the sandbox's module, loaded on use: ${kb(sandboxWasm.length)} brotli on disk) | — | — | ≤ 150 KiB ${verdict(gz <= 150 * 1024)} |`],
  [`| installed size (du -sk node_modules, fresh install) | ${oursInstall.kib} KiB, ${oursInstall.packages} package | ${theirsInstall.kib} KiB, ${theirsInstall.packages} packages (${THEIRS}) | ${ratio(oursInstall.kib / theirsInstall.kib)} | ≤ 0.25× ${verdict(oursInstall.kib <= theirsInstall.kib / 4)} |`],
].flat();

console.log(`node ${process.version}, ${process.platform}-${process.arch}; medians of 15 interleaved rounds\n`);
console.log(rows.join("\n"));

for (const d of [theirsInstall.dir, oursInstall.dir]) rmSync(d, { recursive: true, force: true });
