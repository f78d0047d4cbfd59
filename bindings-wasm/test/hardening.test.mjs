// Issue 14 in Node: wrong types at every entry point, deep and cyclic values, deep responses and
// breakdowns, and a sandbox whose WebAssembly memory runs out. (Listings that never advance:
// pagination.test.mjs.)

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import test from "node:test";

import { dist } from "./helpers.mjs";
import {
  FetchTransport,
  OnfidoV2 as Onfido,
  OnfidoV3,
  OnfidoConfigError,
  OnfidoDecodeError,
  OnfidoSignatureError,
  OnfidoTransportError,
  OnfidoValidationError,
  ReferrerPattern,
  SandboxTransport,
  checkResult,
  findings,
  isIdempotent,
  missingApplicantData,
  operations,
  parseLinkHeader,
  parseWebhookEvent,
  redactRequest,
  sdkTokenClaims,
  signWebhook,
  verifySignature,
  verifyWebhook,
} from "../pkg/dist/index.mjs";

const TOKEN = "test_hardening";
const MAX_STRING = 1 << 20;
const HUGE = "x".repeat(MAX_STRING + 1);
/** Every kind of wrong value a JavaScript caller can pass where a string is expected. */
const NOT_STRINGS = [123, {}, null, undefined, Symbol("s"), 10n, [], () => 1, HUGE];

/** A transport that records requests and answers from `answer` (default: fail the test). */
function recording(answer = () => assert.fail("nothing may be sent")) {
  const calls = [];
  return {
    calls,
    async send(request) {
      calls.push(request);
      return answer(request, calls.length);
    },
  };
}

const json = (status, text, headers = []) => ({
  status,
  headers: [["content-type", "application/json"], ...headers],
  body: new TextEncoder().encode(text),
});

/** Runs `call(value)` and checks it throws (or rejects with) `Class` naming `field`, never a trap. */
async function refuses(what, call, Class, field, values = NOT_STRINGS) {
  for (const value of values) {
    const label = `${what} with ${typeof value === "symbol" ? "a symbol" : typeof value === "string" ? `a ${value.length}-character string` : typeof value === "bigint" ? "a BigInt" : JSON.stringify(value) ?? String(value)}`;
    let error;
    try {
      await call(value);
    } catch (e) {
      error = e;
    }
    assert.ok(error !== undefined, `${label}: accepted`);
    assert.ok(error instanceof Class, `${label}: ${error?.name}: ${error?.message}`);
    if (field !== undefined) {
      assert.ok(error.message.includes(`${field}: `), `${label}: the message names ${field}: ${error.message}`);
      const expected = typeof value === "string" && value.length > MAX_STRING ? /is longer than 1048576 characters/ : /must be/;
      assert.match(error.message, expected, label);
      if (error instanceof OnfidoValidationError) assert.ok(field in error.fields, `${label}: fields ${JSON.stringify(error.fields)}`);
      if (error instanceof OnfidoConfigError) assert.equal(error.field, field, label);
    }
  }
}

const omit = (values, ...out) => values.filter((v) => !out.some((o) => Object.is(o, v)));

test("wrong types at every entry point are the package's errors naming the argument, never a wasm trap", async () => {
  // Settings: OnfidoConfigError naming the setting.
  await refuses("new Onfido(options)", (v) => new Onfido(v), OnfidoConfigError, "options", [123, null, Symbol("s"), 10n, "text", [], () => 1]);
  await refuses("apiToken", (v) => new Onfido({ apiToken: v }), OnfidoConfigError, "api_token", omit(NOT_STRINGS, undefined));
  await refuses("region", (v) => new Onfido({ apiToken: TOKEN, region: v }), OnfidoConfigError, "region", omit(NOT_STRINGS, undefined));
  await refuses("apiVersion", (v) => new Onfido({ apiToken: TOKEN, apiVersion: v }), OnfidoConfigError, "api_version", omit(NOT_STRINGS, undefined));
  await refuses("baseUrl", (v) => new Onfido({ apiToken: TOKEN, baseUrl: v }), OnfidoConfigError, "base_url", omit(NOT_STRINGS, undefined));
  await refuses("transport", (v) => new Onfido({ apiToken: TOKEN, transport: v }), OnfidoConfigError, "transport", [123, {}, null, Symbol("s"), 10n, "x"]);
  await refuses("fetch", (v) => new Onfido({ apiToken: TOKEN, fetch: v }), OnfidoConfigError, "fetch", [123, {}, null, Symbol("s"), 10n, "x"]);
  await refuses("timeoutMs", (v) => new Onfido({ apiToken: TOKEN, timeoutMs: v }), OnfidoConfigError, "timeoutMs", [{}, null, Symbol("s"), 10n, "5", -1, 0, NaN]);
  await refuses("retry", (v) => new Onfido({ apiToken: TOKEN, retry: v }), OnfidoConfigError, "retry", [123, null, Symbol("s"), 10n, "x", true, []]);
  await refuses("retry.maxAttempts", (v) => new Onfido({ apiToken: TOKEN, retry: { maxAttempts: v } }), OnfidoConfigError, "retry.maxAttempts", [{}, null, Symbol("s"), 10n, "4", 0, -1, NaN, 2 ** 40]);
  await refuses("retry.deadlineMs", (v) => new Onfido({ apiToken: TOKEN, retry: { deadlineMs: v } }), OnfidoConfigError, "retry.deadlineMs", [{}, null, Symbol("s"), 10n, "4", -1, Infinity]);
  await refuses("pace", (v) => new Onfido({ apiToken: TOKEN, pace: v }), OnfidoConfigError, "pace", [1, {}, null, Symbol("s"), 10n, "yes"]);
  await refuses("dangerouslyAllowBrowser", (v) => new Onfido({ apiToken: TOKEN, dangerouslyAllowBrowser: v }), OnfidoConfigError, "dangerouslyAllowBrowser", [1, {}, null, "yes"]);

  const transport = recording();
  const onfido = new Onfido({ apiToken: TOKEN, transport, retry: false });
  const V = OnfidoValidationError;
  const notObjects = [123, null, Symbol("s"), 10n, "text", []];

  // The client's own methods.
  await refuses("buildRequest(operation)", (v) => onfido.buildRequest(v, {}), V, "operation");
  await refuses("buildRequest(input)", (v) => onfido.buildRequest("create_applicant", v), V, "input", notObjects);
  await refuses("buildRequest(now)", (v) => onfido.buildRequest("list_webhooks", {}, { now: v }), V, "now", [{}, Symbol("s"), 10n, "1", NaN]);
  await refuses("request(operation)", (v) => onfido.request(v), V, "operation");
  await refuses("request(input)", (v) => onfido.request("create_applicant", v), V, "input", notObjects);
  await refuses("request(options)", (v) => onfido.request("list_webhooks", {}, v), V, "options", [123, null, Symbol("s"), 10n, "x"]);
  await refuses("request(signal)", (v) => onfido.request("list_webhooks", {}, { signal: v }), V, "signal", [123, {}, null, Symbol("s"), 10n, "x"]);
  const ok = json(200, '{"webhooks": []}');
  await refuses("parseResponse(operation)", (v) => onfido.parseResponse(v, ok), V, "operation");
  await refuses("parseResponse(response)", (v) => onfido.parseResponse("list_webhooks", v), V, "response", [123, null, Symbol("s"), 10n, "x", []]);
  await refuses("parseResponse(status)", (v) => onfido.parseResponse("list_webhooks", { ...ok, status: v }), V, "status", [{}, null, undefined, Symbol("s"), 10n, "200", 70_000, 200.5]);
  await refuses("parseResponse(headers)", (v) => onfido.parseResponse("list_webhooks", { ...ok, headers: v }), V, "headers", [123, {}, null, undefined, Symbol("s"), 10n, "x"]);
  await refuses("parseResponse(headers[0])", (v) => onfido.parseResponse("list_webhooks", { ...ok, headers: [v] }), V, "headers[0]", [123, {}, null, undefined, Symbol("s"), 10n, "x", ["a"]]);
  await refuses("parseResponse(header name)", (v) => onfido.parseResponse("list_webhooks", { ...ok, headers: [[v, "x"]] }), V, "headers[0][0]");
  await refuses("parseResponse(header value)", (v) => onfido.parseResponse("list_webhooks", { ...ok, headers: [["x", v]] }), V, "headers[0][1]");
  await refuses("parseResponse(body)", (v) => onfido.parseResponse("list_webhooks", { ...ok, body: v }), V, "body", [123, {}, null, undefined, Symbol("s"), 10n, "x", [1, 2], new ArrayBuffer(2)]);

  // Every resource method, each id and input.
  const rows = [
    ["applicants.create(input)", (v) => onfido.applicants.create(v), "input", notObjects],
    ["applicants.retrieve", (v) => onfido.applicants.retrieve(v), "applicant_id"],
    ["applicants.update(id)", (v) => onfido.applicants.update(v, {}), "applicant_id"],
    ["applicants.update(fields)", (v) => onfido.applicants.update("a1", v), "input", notObjects],
    ["applicants.delete", (v) => onfido.applicants.delete(v), "applicant_id"],
    ["applicants.restore", (v) => onfido.applicants.restore(v), "applicant_id"],
    ["applicants.list(params)", (v) => onfido.applicants.list(v), "input", notObjects],
    ["applicants.listPage(params)", (v) => onfido.applicants.listPage(v), "input", notObjects],
    ["documents.upload(id)", (v) => onfido.documents.upload(v, { file: new Uint8Array(40_000), type: "passport" }), "applicant_id"],
    ["documents.upload(input)", (v) => onfido.documents.upload("a1", v), "input", notObjects],
    ["documents.upload(filename)", (v) => onfido.documents.upload("a1", { file: new Uint8Array(1), filename: v }), "filename", omit(NOT_STRINGS, undefined)],
    ["documents.retrieve(applicantId)", (v) => onfido.documents.retrieve(v, "d1"), "applicant_id"],
    ["documents.retrieve(documentId)", (v) => onfido.documents.retrieve("a1", v), "document_id"],
    ["documents.list", (v) => onfido.documents.list(v), "applicant_id"],
    ["documents.download", (v) => onfido.documents.download("a1", v), "document_id"],
    ["livePhotos.upload(input)", (v) => onfido.livePhotos.upload(v), "input", notObjects],
    ["livePhotos.retrieve", (v) => onfido.livePhotos.retrieve(v), "live_photo_id"],
    ["livePhotos.list", (v) => onfido.livePhotos.list(v), "input", notObjects],
    ["livePhotos.download", (v) => onfido.livePhotos.download(v), "live_photo_id"],
    ["liveVideos.retrieve", (v) => onfido.liveVideos.retrieve(v), "live_video_id"],
    ["liveVideos.list", (v) => onfido.liveVideos.list(v), "input", notObjects],
    ["liveVideos.download", (v) => onfido.liveVideos.download(v), "live_video_id"],
    ["checks.create(id)", (v) => onfido.checks.create(v, { type: "express", reports: [] }), "applicant_id"],
    ["checks.create(input)", (v) => onfido.checks.create("a1", v), "input", notObjects],
    ["checks.retrieve", (v) => onfido.checks.retrieve("a1", v), "check_id"],
    ["checks.list(id)", (v) => onfido.checks.list(v), "applicant_id"],
    ["checks.list(input)", (v) => onfido.checks.list("a1", v), "input", notObjects],
    ["checks.resume", (v) => onfido.checks.resume(v), "check_id"],
    ["reports.retrieve", (v) => onfido.reports.retrieve("c1", v), "report_id"],
    ["reports.list", (v) => onfido.reports.list(v), "check_id"],
    ["reports.resume", (v) => onfido.reports.resume(v, "r1"), "check_id"],
    ["reports.cancel", (v) => onfido.reports.cancel("c1", v), "report_id"],
    ["webhooks.register", (v) => onfido.webhooks.register(v), "input", notObjects],
    ["webhooks.retrieve", (v) => onfido.webhooks.retrieve(v), "webhook_id"],
    ["reportTypeGroups.retrieve", (v) => onfido.reportTypeGroups.retrieve(v), "report_type_group_id"],
    ["addresses.pick", (v) => onfido.addresses.pick(v), "input", notObjects],
    ["sdkTokens.generate(input)", (v) => onfido.sdkTokens.generate(v), "input", notObjects],
    ["ocr.extract", (v) => onfido.ocr.extract(v), "input", notObjects],
    ["slv.submitCode", (v) => onfido.slv.submitCode(v), "input", notObjects],
  ];
  for (const [what, call, field, values] of rows) await refuses(what, call, V, field, values);
  // What is not a file is a TypeError (a string is a path: uploads.test.mjs).
  await refuses("documents.upload(file)", (v) => onfido.documents.upload("a1", { file: v, type: "passport" }), TypeError, undefined, [123, {}, null, Symbol("s"), 10n]);
  // A file left out is the core's validation error naming it, as any required field.
  const noFile = await onfido.documents.upload("a1", { type: "passport" }).catch((e) => e);
  assert.ok(noFile instanceof V && "file" in noFile.fields, `no file: ${noFile}`);
  // A wrong type inside an input is the core's validation error, naming the field.
  await refuses("applicants.create(first_name)", (v) => onfido.applicants.create({ first_name: v, last_name: "B" }), V, undefined, [123, {}, null, 10n, []]);
  for (const [what, call, field] of [
    ["addresses.pick(postcode)", (v) => onfido.addresses.pick({ postcode: v }), "postcode"],
    ["livePhotos.upload(applicant_id)", (v) => onfido.livePhotos.upload({ applicant_id: v, file: new Uint8Array(40_000) }), "applicant_id"],
    ["livePhotos.list(applicant_id)", (v) => onfido.livePhotos.list({ applicant_id: v }), "applicant_id"],
    ["sdkTokens.generate(applicant_id)", (v) => onfido.sdkTokens.generate({ applicant_id: v, referrer: "https://*.example.com/*" }), "applicant_id"],
    ["ocr.extract(document_id)", (v) => onfido.ocr.extract({ document_id: v }), "document_id"],
    ["slv.submitCode(code)", (v) => onfido.slv.submitCode({ code: v }), "code"],
  ]) {
    await refuses(what, call, V, undefined, [123, {}, null, 10n, []]);
    const missing = await call(undefined).catch((e) => e);
    assert.ok(missing instanceof V && field in missing.fields, `${what} left out: ${missing}`);
  }

  // The rules.
  const body = '{"payload": {"resource_type": "check", "action": "check.completed", "object": {"id": "c1"}}}';
  const sig = signWebhook(body, "secret");
  await refuses("verifyWebhook(body)", (v) => verifyWebhook(v, { "x-sha2-signature": sig }, "secret"), TypeError, undefined, [123, {}, null, undefined, Symbol("s"), 10n]);
  await refuses("verifyWebhook(headers)", (v) => verifyWebhook(body, v, "secret"), OnfidoSignatureError, undefined, [123, null, undefined, Symbol("s"), 10n, "x", [[123, sig]], [[{}, sig]], [null]]);
  await refuses("verifyWebhook(secret)", (v) => verifyWebhook(body, { "x-sha2-signature": sig }, v), V, "secret", omit(NOT_STRINGS, HUGE));
  await refuses("verifySignature(signature)", (v) => verifySignature(body, v, "secret"), V, "signature");
  await refuses("verifySignature(secret)", (v) => verifySignature(body, sig, v), V, "secret");
  await refuses("verifySignature(algorithm)", (v) => verifySignature(body, sig, "secret", v), V, "algorithm", omit(NOT_STRINGS, undefined));
  await refuses("signWebhook(secret)", (v) => signWebhook(body, v), V, "secret");
  await refuses("signWebhook(algorithm)", (v) => signWebhook(body, "secret", v), V, "algorithm", omit(NOT_STRINGS, undefined));
  await refuses("parseWebhookEvent(body)", (v) => parseWebhookEvent(v), TypeError, undefined, [123, {}, null, undefined, Symbol("s"), 10n]);
  await refuses("new ReferrerPattern", (v) => new ReferrerPattern(v), V, "referrer");
  const pattern = new ReferrerPattern("https://*.example.com/*");
  await refuses("ReferrerPattern.matches", (v) => pattern.matches(v), V, "url");
  await refuses("checkResult", (v) => checkResult(v), V, "report_results", [123, {}, null, undefined, Symbol("s"), 10n, "clear"]);
  await refuses("checkResult(item)", (v) => checkResult([v]), V, "report_results[0]", [HUGE]);
  await refuses("findings", (v) => findings(v), V, "report", notObjects);
  await refuses("missingApplicantData(check)", (v) => missingApplicantData(v, {}), V, "check", notObjects);
  await refuses("missingApplicantData(applicant)", (v) => missingApplicantData({ type: "express", reports: [] }, v), V, "applicant", notObjects);
  await refuses("sdkTokenClaims", (v) => sdkTokenClaims(v), V, "token");
  await refuses("parseLinkHeader", (v) => parseLinkHeader(v), V, "link");
  await refuses("isIdempotent", (v) => isIdempotent(v), V, "operation");
  await refuses("redactRequest", (v) => redactRequest(v), TypeError, undefined, [123, {}, null, undefined, Symbol("s"), 10n, "x"]);
  await refuses("new FetchTransport", (v) => new FetchTransport({ fetch: v }), TypeError, undefined, [123, {}, Symbol("s"), 10n, "x"]);

  // The sandbox transport: its settings and what it is sent.
  await refuses("new SandboxTransport(rateLimit)", (v) => new SandboxTransport({ rateLimit: v }), OnfidoConfigError, "rateLimit", [{}, null, Symbol("s"), 10n, "30", -1, 1.5, 2 ** 40]);
  await refuses("new SandboxTransport(baseUrl)", (v) => new SandboxTransport({ baseUrl: v }), OnfidoConfigError, "baseUrl", [123, {}, null, Symbol("s"), 10n]);
  await refuses("new SandboxTransport(now)", (v) => new SandboxTransport({ now: v }), OnfidoConfigError, "now", [123, {}, null, Symbol("s"), 10n, "x"]);
  const sandbox = new SandboxTransport();
  const get = { method: "GET", url: "https://api.onfido.com/v2/webhooks", headers: [["Authorization", `Token token=${TOKEN}`]], body: new Uint8Array() };
  await refuses("SandboxTransport.send(request)", (v) => sandbox.send(v), V, "request", [123, null, Symbol("s"), 10n, "x", []]);
  await refuses("SandboxTransport.send(method)", (v) => sandbox.send({ ...get, method: v }), V, "method");
  await refuses("SandboxTransport.send(url)", (v) => sandbox.send({ ...get, url: v }), V, "url");
  await refuses("SandboxTransport.send(headers)", (v) => sandbox.send({ ...get, headers: v }), V, "headers", [123, {}, null, undefined, Symbol("s"), 10n, "x"]);
  await refuses("SandboxTransport.send(body)", (v) => sandbox.send({ ...get, body: v }), V, "body", [123, {}, null, undefined, Symbol("s"), 10n, "x"]);

  // Nothing was sent, and both modules still work: no call trapped.
  assert.equal(transport.calls.length, 0);
  assert.equal(operations().length, 34);
  assert.equal((await sandbox.send(get)).status, 200);
  assert.equal(onfido.buildRequest("retrieve_applicant", { applicant_id: "a1" }).method, "GET");
});

/** `{x: {x: … 1}}`, `depth` objects deep, built without recursion. */
function nested(depth, key = "x") {
  let value = 1;
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

test("deep, cyclic and BigInt-holding values are validation errors naming where, never a RangeError", async () => {
  const transport = recording();
  const onfido = new Onfido({ apiToken: TOKEN, transport });
  const tooDeep = ["is nested deeper than 64 levels"];
  const fieldsOf = async (call) => {
    try {
      await call();
    } catch (e) {
      assert.ok(e instanceof OnfidoValidationError, `${e?.name}: ${e?.message}`);
      return e.fields;
    }
    assert.fail("accepted");
  };

  // 100,000 levels: JSON.stringify alone would overflow the stack.
  const address = "address" + ".x".repeat(63);
  assert.deepEqual(await fieldsOf(() => onfido.applicants.create({ first_name: "A", last_name: "B", address: nested(100_000) })), { [address]: tooDeep });
  assert.deepEqual(await fieldsOf(() => onfido.buildRequest("create_applicant", { first_name: "A", last_name: "B", address: nested(100) })), { [address]: tooDeep });
  assert.deepEqual(await fieldsOf(() => onfido.request("create_check", { type: "express", reports: [[[[nested(100_000)]]]] })), { ["reports[0][0][0][0]" + ".x".repeat(59)]: tooDeep });
  // 64 containers deep is still fine (the core then judges the shape).
  assert.equal(onfido.buildRequest("create_applicant", { first_name: "A", last_name: "B", address: nested(62) }).method, "POST");

  // Cycles.
  const cyclic = { first_name: "A", last_name: "B" };
  cyclic.address = cyclic;
  // (The client writes a copy of the input without its undefined fields: the original is one level down.)
  assert.deepEqual(await fieldsOf(() => onfido.applicants.create(cyclic)), { "address.address": ["contains itself"] });
  assert.deepEqual(await fieldsOf(() => onfido.buildRequest("create_applicant", { first_name: "A", last_name: "B", address: cyclic })), { "address.address": ["contains itself"] });
  const looped = [];
  looped.push(looped);
  assert.deepEqual(await fieldsOf(() => onfido.checks.create("a1", { type: "express", reports: looped })), { "reports[0]": ["contains itself"] });
  // The same object twice side by side is no cycle.
  const shared = { name: "document" };
  assert.equal(onfido.buildRequest("create_check", { applicant_id: "a1", type: "express", reports: [shared, shared] }).method, "POST");
  // A list holding one list many times over: 2^64 paths, refused as too large, not a hang.
  let wide = [];
  for (let i = 0; i < 60; i++) wide = [wide, wide];
  assert.deepEqual(await fieldsOf(() => onfido.checks.create("a1", { type: "express", reports: wide })), { input: ["holds more than 1000000 values"] });
  // BigInts, which JSON cannot hold.
  assert.deepEqual(await fieldsOf(() => onfido.applicants.create({ first_name: "A", last_name: "B", dob: 10n })), { dob: ["cannot be written as JSON (a BigInt)"] });
  // A toJSON that answers a deep value is bounded too.
  assert.deepEqual(await fieldsOf(() => onfido.applicants.create({ first_name: "A", last_name: "B", address: { toJSON: () => nested(100_000) } })), { [address]: tooDeep });

  // Rules on deep and cyclic reports, checks and applicants.
  const deepReport = { id: "r1", breakdown: nested(100_000, "breakdown") };
  assert.deepEqual(Object.values(await fieldsOf(() => findings(deepReport))), [tooDeep]);
  assert.ok(Object.keys(await fieldsOf(() => findings(deepReport)))[0].startsWith("report.breakdown.breakdown."));
  const selfReport = { id: "r1", breakdown: {} };
  selfReport.breakdown.again = selfReport;
  assert.deepEqual(await fieldsOf(() => findings(selfReport)), { "report.breakdown.again": ["contains itself"] });
  assert.deepEqual(Object.values(await fieldsOf(() => missingApplicantData({ type: "express", reports: nested(1000) }, {}))), [tooDeep]);
  assert.deepEqual(await fieldsOf(() => missingApplicantData({ type: "express", reports: [] }, cyclic)), { "applicant.address": ["contains itself"] });

  // Settings: a deep or cyclic object where a string belongs is a config error; a cyclic options object is fine.
  assert.throws(() => new Onfido({ apiToken: nested(100_000) }), (e) => e instanceof OnfidoConfigError && e.field === "api_token");
  const options = { apiToken: TOKEN, transport };
  options.self = options;
  assert.equal(new Onfido(options).environment, "sandbox");

  // Webhooks: deep header shapes name no header; a deep body (signed) is the core's decode error.
  let deepArray = [];
  for (let i = 0; i < 100_000; i++) deepArray = [deepArray];
  const body = `{"payload": {"resource_type": "check", "action": "check.completed", "object": {"id": "c1", "x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}}}`;
  const signature = signWebhook(body, "secret");
  assert.throws(() => verifyWebhook(body, [[deepArray, signature]], "secret"), OnfidoSignatureError);
  const headers = { "x-sha2-signature": signature };
  headers.self = headers;
  assert.throws(() => verifyWebhook(body, headers, "secret"), (e) => e instanceof OnfidoDecodeError && /nested deeper than 128/.test(e.message));
  assert.throws(() => parseWebhookEvent(body), OnfidoDecodeError);
  assert.equal(transport.calls.length, 0, "nothing was sent");
});

test("a server answering 100,000 nested arrays, and deep report breakdowns", async () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const v2 = new Onfido({ apiToken: TOKEN, retry: false, transport: recording(() => json(200, deep)) });
  await assert.rejects(v2.applicants.retrieve("a1"), (e) => e instanceof OnfidoDecodeError && e.status === 200);
  await assert.rejects(v2.applicants.list().toArray(), OnfidoDecodeError);
  await assert.rejects(v2.reports.retrieve("c1", "r1"), OnfidoDecodeError);
  const v3 = new OnfidoV3({ apiToken: TOKEN, apiVersion: "v3.6", retry: false, transport: recording(() => json(200, deep)) });
  assert.throws(() => v3.parseResponse("find_applicant", json(200, deep)), OnfidoDecodeError);
  // A body past 1 GiB never enters the module (whose memory cannot pass 4 GiB nor shrink).
  const giant = { status: 200, headers: [], body: new Uint8Array(2 ** 30 + 1) };
  assert.throws(() => v2.parseResponse("download_document", giant), (e) => e instanceof OnfidoDecodeError && /over the 1073741824-byte limit/.test(e.message));
  assert.throws(() => v3.parseResponse("list_applicants", json(200, deep)), OnfidoDecodeError);

  // Breakdowns nested 60 levels (121 JSON levels): read, and the deepest flagged one found.
  let breakdown = { result: "consider" };
  for (let i = 59; i >= 1; i--) breakdown = { result: "consider", breakdown: { [`b${i}`]: breakdown } };
  const report = { id: "r1", name: "document", status: "complete", result: "consider", breakdown: { top: breakdown } };
  const client = new Onfido({ apiToken: TOKEN, transport: recording(() => json(200, JSON.stringify(report))) });
  const read = await client.reports.retrieve("c1", "r1");
  // 61 levels of breakdown objects inside the report: past the 64-container bound as an argument.
  await assert.rejects(async () => findings(read), (e) => e instanceof OnfidoValidationError && /nested deeper than 64/.test(e.message));
  // 30 levels: within every bound, and the deepest breakdown is the finding.
  let shallow = { result: "consider" };
  for (let i = 29; i >= 1; i--) shallow = { result: "consider", breakdown: { [`b${i}`]: shallow } };
  const found = findings({ id: "r1", breakdown: { top: shallow } });
  assert.equal(found.length, 1);
  assert.equal(found[0].path.split(".").length, 30);
});

/** Runs `script` in a Node whose WebAssembly memories stop at 128 MiB, so that running out is cheap. */
function inSmallWasm(script, type) {
  const args = ["--wasm-max-mem-pages=2048", `--input-type=${type}`, "-e", script];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20, timeout: 120_000 }));
}

const OOM = `
  const transport = new SandboxTransport();
  const onfido = new Onfido({ apiToken: "test_oom", transport, retry: false });
  const out = [];
  // 300 header values of 2 MiB (UTF-8) each: more than the sandbox's 128 MiB can hold.
  const big = "\\u00e9".repeat(1 << 20);
  const giant = { method: "GET", url: "https://api.onfido.com/v2/webhooks", headers: Array.from({ length: 300 }, () => ["x-big", big]), body: new Uint8Array() };
  for (let round = 0; round < 2; round++) {
    await onfido.applicants.create({ first_name: "A", last_name: "B" });
    await onfido.applicants.create({ first_name: "A", last_name: "B" });
    try {
      await transport.send(giant);
      out.push("accepted");
    } catch (e) {
      out.push([e.name, e instanceof OnfidoTransportError, e.failure, e.message]);
    }
    const again = await onfido.applicants.create({ first_name: "C", last_name: "D" });
    out.push([again.first_name, (await onfido.applicants.list().toArray()).length]);
  }
  process.stdout.write(JSON.stringify(out));
`;

test("after the sandbox's WebAssembly memory runs out, the next request gets a fresh sandbox (ESM and CommonJS)", () => {
  const esm = inSmallWasm(`import { Onfido, SandboxTransport, OnfidoTransportError } from ${JSON.stringify(join(dist, "index.mjs"))};\n${OOM}`, "module");
  const cjs = inSmallWasm(
    `const { Onfido, SandboxTransport, OnfidoTransportError } = require(${JSON.stringify(join(dist, "index.cjs"))});\n(async () => {${OOM}})();`,
    "commonjs",
  );
  for (const [name, out] of [["ESM", esm], ["CommonJS", cjs]]) {
    assert.equal(out.length, 4, `${name}: ${JSON.stringify(out)}`);
    for (const round of [0, 2]) {
      const [errorName, isTransportError, failure, message] = out[round];
      assert.deepEqual([errorName, isTransportError, failure], ["OnfidoTransportError", true, "lost"], `${name}: ${message}`);
      assert.match(message, /the in-process sandbox failed .*the next request starts a fresh, empty sandbox/, name);
      assert.doesNotMatch(message, /recursive use/, name);
      // The next request works, on a fresh (empty) sandbox: only the applicant made since.
      assert.deepEqual(out[round + 1], ["C", 1], `${name}: ${JSON.stringify(out[round + 1])}`);
    }
  }
});
