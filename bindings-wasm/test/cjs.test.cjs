// The CommonJS build: require() it and use it; its errors and ESM's are recognised by either guard.

const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const test = require("node:test");

const onfidoCore = require("../pkg/dist/index.cjs");
const { OnfidoV2: Onfido, SandboxTransport, verifyWebhook, signWebhook, isOnfidoApiError, isOnfidoValidationError, OnfidoError } = onfidoCore;

const png = readFileSync(join(__dirname, "..", "..", "tests", "fixtures", "sample_driving_licence.png"));

test("require(): the client on the in-process sandbox", async () => {
  const transport = new SandboxTransport();
  const onfido = new Onfido({ apiToken: "test_cjs", transport });
  const jane = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe" });
  const document = await onfido.documents.upload(jane.id, { file: png, type: "passport", filename: "passport.png" });
  const download = await onfido.documents.download(jane.id, document.id);
  assert.equal(Buffer.compare(Buffer.from(download.content), png), 0);
  const ids = [];
  for await (const a of onfido.applicants.list()) ids.push(a.id);
  assert.deepEqual(ids, [jane.id]);
  await assert.rejects(onfido.applicants.retrieve("nope"), (e) => e instanceof OnfidoError && isOnfidoApiError(e) && e.status === 404);
});

test("require(): webhooks", () => {
  const body = Buffer.from('{"payload":{"resource_type":"report","action":"report.completed","object":{"id":"r1"}}}');
  const event = verifyWebhook(body, { "x-signature": signWebhook(body, "tok", "sha1") }, "tok");
  assert.equal(event.payload.object.id, "r1");
});

test("ESM and CommonJS side by side: one wasm file, guards work across both copies", async () => {
  const esm = await import("../pkg/dist/index.mjs");
  assert.notEqual(esm.OnfidoV2, Onfido, "two module instances");
  const fromEsm = await new esm.OnfidoV2({ apiToken: "test_x", transport: new esm.SandboxTransport() }).applicants.create({ first_name: "", last_name: "Doe" }).catch((e) => e);
  assert.ok(isOnfidoValidationError(fromEsm), "the CommonJS guard recognises an ESM error");
  assert.ok(!(fromEsm instanceof OnfidoError), "instanceof does not cross copies; the guards do");
  const fromCjs = await new Onfido({ apiToken: "test_x", transport: new SandboxTransport() }).applicants.retrieve("nope").catch((e) => e);
  assert.ok(esm.isOnfidoApiError(fromCjs), "the ESM guard recognises a CommonJS error");
  assert.deepEqual(Object.keys(esm).sort(), Object.keys(onfidoCore).filter((k) => k !== "__esModule").sort(), "the same exports");
});

test("the sandbox's .wasm loads on the first send, not on require()", async () => {
  const script = `
    const path = require("node:path");
    const core = require(${JSON.stringify(join(__dirname, "..", "pkg", "dist", "index.cjs"))});
    const loaded = () => Object.keys(require.cache).some((f) => path.basename(f) === "sandbox_native.cjs");
    const before = loaded();
    const onfido = new core.OnfidoV2({ apiToken: "test_lazy", transport: new core.SandboxTransport() });
    onfido.applicants.create({ first_name: "A", last_name: "B" }).then((a) => console.log(JSON.stringify({ before, after: loaded(), id: typeof a.id })));
  `;
  const out = require("node:child_process").execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), { before: false, after: true, id: "string" });
});
