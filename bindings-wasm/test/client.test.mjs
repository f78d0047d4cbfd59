// The client in process: the sandbox transport, errors and their guards, secrets, the browser
// refusal, retries and timeouts on an injected fetch, pacing, uploads, webhooks and rules.

import assert from "node:assert/strict";
import { File } from "node:buffer"; // a global only from Node 20
import { inspect } from "node:util";
import test from "node:test";

import { everyOperation } from "./flow.mjs";
import { drivingLicence, photo } from "./helpers.mjs";
import {
  FetchTransport,
  OnfidoV2 as Onfido,
  OnfidoApiError,
  OnfidoError,
  OnfidoValidationError,
  ReferrerPattern,
  SandboxTransport,
  TransportFailure,
  checkResult,
  coreVersion,
  findings,
  isIdempotent,
  isOnfidoApiError,
  isOnfidoAuthenticationError,
  isOnfidoConfigError,
  isOnfidoDecodeError,
  isOnfidoError,
  isOnfidoGoneError,
  isOnfidoNotFoundError,
  isOnfidoRateLimitError,
  isOnfidoServerError,
  isOnfidoSignatureError,
  isOnfidoTransportError,
  isOnfidoValidationError,
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

const SECRET_TOKEN = "test_S3CRET_T0KEN_never_shown";

test("every operation on the in-process sandbox transport, with webhook deliveries", async () => {
  const transport = new SandboxTransport();
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, region: "eu", transport });
  const { hook, check, sdkToken, report } = await everyOperation(onfido, {
    sendRaw: (request) => transport.send(request),
    origin: "https://api.onfido.com",
    token: SECRET_TOKEN,
  });
  const delivered = transport.deliveries.filter((d) => d.url === "https://hooks.example/onfido");
  assert.ok(delivered.length >= 1, "check.completed was delivered");
  const events = delivered.map((d) => verifyWebhook(d.body, d.headers, hook.token));
  assert.ok(events.some((e) => e.payload.action === "check.completed" && e.payload.object.id === check.id));
  const claims = sdkTokenClaims(sdkToken.token);
  assert.equal(claims.exp - claims.iat, 5400);
  assert.deepEqual(findings(report), []);
});

test("errors: classes, names, codes, fields and type guards", async () => {
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, transport: new SandboxTransport() });
  const notFound = await onfido.applicants.retrieve("missing").catch((e) => e);
  assert.ok(notFound instanceof OnfidoApiError && notFound instanceof OnfidoError && notFound instanceof Error);
  assert.equal(notFound.name, "OnfidoNotFoundError");
  assert.match(notFound.stack, /^OnfidoNotFoundError: GET https:\/\/api\.onfido\.com\/v2\/applicants\/missing \(retrieve_applicant\) was refused: 404 resource_not_found/);
  assert.deepEqual([notFound.operation, notFound.attempts], ["retrieve_applicant", 1]);
  assert.equal(String(notFound).split(":")[0], "OnfidoNotFoundError");
  assert.equal(notFound.code, "ONFIDO_API_ERROR");
  assert.equal(notFound.kind, "api");
  assert.equal(notFound.status, 404);
  assert.equal(notFound.type, "resource_not_found");
  assert.deepEqual(notFound.fields, {});
  assert.equal(notFound.retryAfter, undefined);
  assert.ok(isOnfidoError(notFound) && isOnfidoApiError(notFound) && isOnfidoNotFoundError(notFound));
  assert.ok(!isOnfidoValidationError(notFound) && !isOnfidoGoneError(notFound) && !isOnfidoTransportError(notFound));

  const invalid = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe", dob: "1990-13-45", title: "Dr" }).catch((e) => e);
  assert.ok(invalid instanceof OnfidoValidationError);
  assert.equal(invalid.name, "OnfidoValidationError");
  assert.equal(invalid.code, "ONFIDO_VALIDATION_ERROR");
  assert.ok(invalid.fields.dob.length >= 1 && invalid.fields.title.length >= 1);
  assert.ok(isOnfidoValidationError(invalid) && !isOnfidoApiError(invalid));

  // a wrong input type names the field
  const typed = await onfido.applicants.create({ first_name: "Jane", last_name: 7 }).catch((e) => e);
  assert.ok(isOnfidoValidationError(typed) && "last_name" in typed.fields, inspect(typed));
  const nested = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe", addresses: [{ postcode: 5 }] }).catch((e) => e);
  assert.ok(isOnfidoValidationError(nested) && "addresses[0].postcode" in nested.fields, inspect(nested));
  const cyclic = { first_name: "Jane", last_name: "Doe" };
  cyclic.self = cyclic;
  const notJson = await onfido.applicants.create(cyclic).catch((e) => e);
  assert.ok(isOnfidoValidationError(notJson) && notJson.fields["self.self"]?.[0] === "contains itself", inspect(notJson));

  // server-side 422 validation_error: both an API error and a validation error
  const raw = new Onfido({ apiToken: SECRET_TOKEN, transport: fixed(422, { error: { type: "validation_error", message: "bad", fields: { email: ["invalid format"] } } }) });
  const server422 = await raw.applicants.retrieve("a1").catch((e) => e);
  assert.equal(server422.name, "OnfidoApiValidationError");
  assert.ok(isOnfidoApiError(server422) && isOnfidoValidationError(server422));
  assert.deepEqual(server422.fields, { email: ["invalid format"] });

  for (const [status, name, guard] of [
    [401, "OnfidoAuthenticationError", isOnfidoAuthenticationError],
    [403, "OnfidoPermissionError", isOnfidoApiError],
    [410, "OnfidoGoneError", isOnfidoGoneError],
    [422, "OnfidoUnprocessableError", isOnfidoApiError],
    [429, "OnfidoRateLimitError", isOnfidoRateLimitError],
    [500, "OnfidoServerError", isOnfidoServerError],
  ]) {
    const c = new Onfido({
      apiToken: SECRET_TOKEN,
      retry: false,
      transport: fixed(status, { error: { message: "no", id: "err-1" } }, [["Retry-After", "7"], ["X-Request-Id", "req-1"]]),
    });
    const e = await c.applicants.retrieve("a1").catch((x) => x);
    assert.equal(e.name, name);
    assert.ok(guard(e));
    assert.equal(e.status, status);
    assert.equal(e.errorId, "err-1");
    assert.equal(e.requestId, "req-1");
    assert.equal(e.apiMessage, "no");
    if (status === 429) assert.equal(e.retryAfter, 7);
  }

  const decode = await new Onfido({ apiToken: SECRET_TOKEN, transport: fixed(200, "not json") }).applicants.retrieve("a1").catch((e) => e);
  assert.ok(isOnfidoDecodeError(decode));
  assert.equal(decode.name, "OnfidoDecodeError");
  assert.equal(decode.status, 200);

  const config = (() => {
    try {
      return new Onfido({ apiToken: "us_test_abc", region: "eu" });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(isOnfidoConfigError(config));
  assert.equal(config.name, "OnfidoConfigError");
  assert.equal(config.field, "region");

  assert.throws(() => verifyWebhook("{}", { "X-SHA2-Signature": "00" }, "secret"), (e) => isOnfidoSignatureError(e) && e.name === "OnfidoSignatureError" && e.code === "ONFIDO_SIGNATURE_ERROR");
  assert.ok(!isOnfidoError(new Error("plain")) && !isOnfidoError(null) && !isOnfidoError({ kind: "api" }));
});

test("a token never appears in a message, an inspect() or JSON", async () => {
  const seen = [];
  const collect = (e) => seen.push(e);
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, transport: new SandboxTransport(), retry: false });
  await onfido.applicants.retrieve("nope").catch(collect);
  await onfido.applicants.create({ first_name: "", last_name: "" }).catch(collect);
  await new Onfido({ apiToken: SECRET_TOKEN, transport: fixed(401, { error: { type: "authorization_error", message: "bad token" } }) }).applicants.retrieve("x").catch(collect);
  await new Onfido({ apiToken: SECRET_TOKEN, transport: fixed(200, "<html>") }).applicants.retrieve("x").catch(collect);
  await new Onfido({ apiToken: SECRET_TOKEN, baseUrl: "http://127.0.0.1:9", retry: false }).applicants.retrieve("x").catch(collect);
  for (const bad of [`${SECRET_TOKEN}\r\nX-Evil: 1`, `us_${SECRET_TOKEN}`]) {
    try {
      new Onfido({ apiToken: bad, region: "eu" });
    } catch (e) {
      collect(e);
    }
  }
  assert.equal(seen.length, 7);
  for (const e of seen) {
    assert.ok(isOnfidoError(e), inspect(e));
    for (const text of [e.message, e.stack, inspect(e, { depth: 5 }), JSON.stringify(e)]) {
      assert.ok(!String(text).includes("S3CRET"), `token shown in ${e.name}: ${text}`);
    }
  }
  for (const text of [String(onfido), inspect(onfido, { depth: 5, showHidden: true }), JSON.stringify(onfido)]) {
    assert.ok(!text.includes("S3CRET"), text);
  }
  const request = onfido.buildRequest("retrieve_applicant", { applicant_id: "a1" });
  assert.ok(!JSON.stringify(redactRequest(request)).includes("S3CRET"));
});

test("a live token is refused where `window` exists, unless the caller opts in", () => {
  globalThis.window = {};
  try {
    assert.throws(() => new Onfido({ apiToken: "live_abc123" }), (e) => {
      assert.ok(isOnfidoConfigError(e));
      assert.equal(e.field, "api_token");
      assert.match(e.message, /browser/);
      assert.ok(!e.message.includes("live_abc123"));
      return true;
    });
    assert.throws(() => new Onfido({ apiToken: "us_live_abc123", region: "us" }), (e) => isOnfidoConfigError(e));
    assert.ok(new Onfido({ apiToken: "live_abc123", dangerouslyAllowBrowser: true }));
    assert.ok(new Onfido({ apiToken: "test_abc123" }), "sandbox tokens are fine");
    assert.ok(new Onfido({ baseUrl: "https://backend.example.com/onfido" }), "token-less (behind your proxy) is fine");
  } finally {
    delete globalThis.window;
  }
  assert.ok(new Onfido({ apiToken: "live_abc123" }), "no window: a backend");
});

/** A fetch double: records calls, answers from a list (the last answer repeats). */
function fakeFetch(answers) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, init });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (typeof answer === "function") return answer(url, init);
    const [status, body, headers = []] = answer;
    return new Response(status === 204 ? null : typeof body === "string" ? body : JSON.stringify(body), { status, headers });
  };
  f.calls = calls;
  return f;
}

/** A transport that always answers the same. */
function fixed(status, body, headers = []) {
  const bytes = new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
  return { send: async () => ({ status, headers, body: bytes }) };
}

const applicantJson = { id: "a1", first_name: "Jane", last_name: "Doe" };

test("an injected fetch: requests as built, retries as the core decides, the JS only sleeps", async () => {
  // 429 then 503 then 200 on an idempotent GET: retried twice, honouring Retry-After: 0
  const f = fakeFetch([[429, { error: { type: "rate_limit" } }, [["Retry-After", "0"]]], [503, "down"], [200, applicantJson]]);
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, fetch: f, retry: { initialDelayMs: 1, maxDelayMs: 5 } });
  const a = await onfido.applicants.retrieve("a1");
  assert.equal(a.first_name, "Jane");
  assert.equal(f.calls.length, 3);
  const [first] = f.calls;
  assert.equal(first.url, "https://api.onfido.com/v2/applicants/a1");
  assert.equal(first.init.method, "GET");
  assert.equal(first.init.redirect, "manual");
  assert.equal(first.init.body, undefined);
  assert.ok(first.init.headers.some(([n, v]) => n === "Authorization" && v === `Token token=${SECRET_TOKEN}`));
  assert.ok(first.init.headers.some(([n, v]) => n === "User-Agent" && v.includes("node")));

  // a 503 on a POST is not retried: the server may have acted
  const post = fakeFetch([[503, "down"], [201, applicantJson]]);
  const p = new Onfido({ apiToken: SECRET_TOKEN, fetch: post, retry: { initialDelayMs: 1 } });
  await assert.rejects(p.applicants.create({ first_name: "Jane", last_name: "Doe" }), (e) => isOnfidoServerError(e) && e.status === 503);
  assert.equal(post.calls.length, 1);
  assert.ok(post.calls[0].init.body instanceof Uint8Array);
  assert.deepEqual(JSON.parse(Buffer.from(post.calls[0].init.body).toString()), { first_name: "Jane", last_name: "Doe" });

  // a 429 is always retried, POST included
  const limited = fakeFetch([[429, "", [["Retry-After", "0"]]], [201, applicantJson]]);
  await new Onfido({ apiToken: SECRET_TOKEN, fetch: limited }).applicants.create({ first_name: "Jane", last_name: "Doe" });
  assert.equal(limited.calls.length, 2);

  // 204s resolve to undefined
  const deleted = fakeFetch([[204, ""]]);
  assert.equal(await new Onfido({ apiToken: SECRET_TOKEN, fetch: deleted }).applicants.delete("a1"), undefined);
  assert.equal(deleted.calls[0].init.method, "DELETE");

  // retry: false never retries
  const once = fakeFetch([[500, "x"], [200, applicantJson]]);
  await assert.rejects(new Onfido({ apiToken: SECRET_TOKEN, fetch: once, retry: false }).applicants.retrieve("a1"), (e) => e.status === 500);
  assert.equal(once.calls.length, 1);
});

test("timeouts use AbortSignal (30 s by default); network failures are classified", async () => {
  const hang = fakeFetch([
    (url, init) =>
      new Promise((_, reject) => {
        init.signal.addEventListener("abort", () => reject(init.signal.reason));
      }),
  ]);
  const t = new FetchTransport({ fetch: hang });
  await assert.rejects(t.send({ method: "GET", url: "https://x.invalid/", headers: [], body: new Uint8Array() }, { timeoutMs: 50 }), (e) => e instanceof TransportFailure && e.failure === "timeout");
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, fetch: hang, timeoutMs: 30, retry: { maxAttempts: 2, initialDelayMs: 1 } });
  await assert.rejects(onfido.applicants.retrieve("a1"), (e) => isOnfidoTransportError(e) && e.failure === "timeout" && e.code === "ONFIDO_TRANSPORT_ERROR");
  assert.equal(hang.calls.length, 3);

  // A fetch that ignores its AbortSignal still times out (issue 14): it used to never settle.
  const deaf = fakeFetch([() => new Promise(() => {})]);
  const started = Date.now();
  await assert.rejects(
    new FetchTransport({ fetch: deaf }).send({ method: "GET", url: "https://x.invalid/", headers: [], body: new Uint8Array() }, { timeoutMs: 50 }),
    (e) => e instanceof TransportFailure && e.failure === "timeout",
  );
  const slowBody = fakeFetch([async () => ({ status: 200, headers: new Headers(), arrayBuffer: () => new Promise(() => {}) })]);
  await assert.rejects(
    new Onfido({ apiToken: SECRET_TOKEN, fetch: slowBody, timeoutMs: 50, retry: false }).applicants.retrieve("a1"),
    (e) => isOnfidoTransportError(e) && e.failure === "timeout",
  );
  assert.ok(Date.now() - started < 5_000, "both gave up on their own timeouts");

  const refused = fakeFetch([() => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }))]);
  await assert.rejects(new Onfido({ apiToken: SECRET_TOKEN, fetch: refused, retry: false }).applicants.create({ first_name: "A", last_name: "B" }), (e) => isOnfidoTransportError(e) && e.failure === "connect");
  const reset = fakeFetch([() => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }))]);
  await assert.rejects(new Onfido({ apiToken: SECRET_TOKEN, fetch: reset, retry: false }).applicants.retrieve("a1"), (e) => isOnfidoTransportError(e) && e.failure === "lost");
  // the default: 30 s
  const spy = fakeFetch([[200, applicantJson]]);
  const seen = [];
  const probe = { send: (request, options) => (seen.push(options.timeoutMs), new FetchTransport({ fetch: spy }).send(request, options)) };
  await new Onfido({ apiToken: SECRET_TOKEN, transport: probe }).applicants.retrieve("a1");
  assert.deepEqual(seen, [30_000]);
});

test("pacing: the core's pacer keeps a sandbox token under 30 requests a minute", async () => {
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, transport: new SandboxTransport(), pace: true });
  const started = Date.now();
  for (let i = 0; i < 15; i++) await onfido.reportTypeGroups.list();
  assert.ok(Date.now() - started < 1500, "half the limit goes at once");
  await onfido.reportTypeGroups.list();
  const waited = Date.now() - started;
  assert.ok(waited >= 3000 && waited < 8000, `the 16th request waited ${waited} ms`);
});

test("uploads from Buffer, Uint8Array, ArrayBuffer and Blob; bad files refused before sending", async () => {
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, transport: new SandboxTransport() });
  const a = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe" });
  const ab = photo.buffer.slice(photo.byteOffset, photo.byteOffset + photo.byteLength);
  for (const file of [photo, new Uint8Array(photo), ab, new Blob([photo])]) {
    const p = await onfido.livePhotos.upload({ applicant_id: a.id, file, filename: "face.png" });
    assert.equal(p.file_size, photo.length);
    assert.equal(Buffer.compare(Buffer.from((await onfido.livePhotos.download(p.id)).content), photo), 0);
  }
  // a File's own name is used
  const named = await onfido.documents.upload(a.id, { file: new File([drivingLicence], "mine.png"), type: "passport" });
  assert.equal(named.file_name, "mine.png");
  // no name at all: the core names it after the bytes
  const unnamed = await onfido.livePhotos.upload({ applicant_id: a.id, file: photo });
  assert.equal(unnamed.file_name, "upload.png");
  // a Buffer that is a view into a larger pool keeps its own bytes only
  const pooled = Buffer.concat([Buffer.alloc(7, 1), drivingLicence]).subarray(7);
  const d = await onfido.documents.upload(a.id, { file: pooled, type: "passport", filename: "p.png" });
  assert.equal(d.file_size, drivingLicence.length);
  await assert.rejects(onfido.documents.upload(a.id, { file: drivingLicence.subarray(0, 1000), type: "passport", filename: "p.png" }), (e) => isOnfidoValidationError(e) && "file" in e.fields);
  await assert.rejects(onfido.documents.upload(a.id, { file: drivingLicence, type: "passport", filename: "p.pdf" }), (e) => isOnfidoValidationError(e) && "file" in e.fields);
  await assert.rejects(onfido.documents.upload(a.id, { file: 42, type: "passport" }), TypeError);
  // a string is a path (uploads.test.mjs reads real ones): one that does not exist is the file system's error
  await assert.rejects(onfido.documents.upload(a.id, { file: "not bytes", type: "passport" }), (e) => e.code === "ENOENT");
});

test("webhooks: sign, verify (any header shape, any body shape), parse", async () => {
  const body = JSON.stringify({ payload: { resource_type: "check", action: "check.completed", object: { id: "c1", status: "complete", completed_at_iso8601: "2019-10-28T15:00:39Z", href: "https://api.onfido.com/v2/checks/c1" }, future_field: 1 } });
  const sha256 = signWebhook(body, "secret");
  const sha1 = signWebhook(body, "secret", "sha1");
  assert.equal(sha256.length, 64);
  assert.equal(sha1.length, 40);
  const bodies = [body, Buffer.from(body), new TextEncoder().encode(body), new TextEncoder().encode(body).buffer];
  const headerShapes = [
    { "x-sha2-signature": sha256 },
    { "X-Signature": sha1 },
    { "x-signature": [sha1] },
    new Headers({ "X-SHA2-Signature": sha256 }),
    new Map([["X-Sha2-Signature", sha256]]),
    [["x-signature", "00"], ["X-SHA2-Signature", sha256]],
  ];
  for (const b of bodies) {
    for (const h of headerShapes) {
      const event = verifyWebhook(b, h, "secret");
      assert.equal(event.payload.action, "check.completed");
      assert.equal(event.payload.object.id, "c1");
      assert.equal(event.payload.future_field, 1, "unknown fields are kept");
    }
  }
  assert.throws(() => verifyWebhook(body, {}, "secret"), (e) => isOnfidoSignatureError(e) && /neither/.test(e.message));
  // A status no HTTP answer has, from a custom transport, is a transport error (it used to wrap: 65 736 read as 200).
  for (const status of [65_736, 99, 600, -200, 200.5, Number.NaN]) {
    const odd = { send: async () => ({ status, headers: [], body: new TextEncoder().encode('{"webhooks": []}') }) };
    const onfido = new Onfido({ apiToken: SECRET_TOKEN, transport: odd });
    await assert.rejects(onfido.webhooks.list(), (e) => isOnfidoTransportError(e) && /not an HTTP status/.test(e.message), String(status));
  }
  // A present X-SHA2-Signature that is not text is a failure, never a fallback to X-Signature (issue 14).
  for (const odd of [123, null, {}, [5], true]) {
    for (const shape of [{ "x-sha2-signature": odd, "x-signature": sha1 }, { "X-SHA2-Signature": odd, "X-Signature": sha1 }]) {
      assert.throws(() => verifyWebhook(body, shape, "secret"), (e) => isOnfidoSignatureError(e) && /SHA2/.test(e.message), inspect(shape));
    }
  }
  // Only the headers object's own properties count, never ones inherited from its prototype.
  const inherited = Object.create({ "x-sha2-signature": sha256 });
  assert.throws(() => verifyWebhook(body, inherited, "secret"), (e) => isOnfidoSignatureError(e) && /neither/.test(e.message));
  const withSha1 = Object.assign(Object.create({ "x-sha2-signature": "00" }), { "x-signature": sha1 });
  assert.equal(verifyWebhook(body, withSha1, "secret").payload.object.id, "c1", "an inherited SHA-2 header does not count");
  assert.throws(() => verifyWebhook(body + " ", { "x-sha2-signature": sha256 }, "secret"), (e) => isOnfidoSignatureError(e));
  assert.throws(() => verifyWebhook(body, { "x-sha2-signature": sha256 }, ""), (e) => isOnfidoValidationError(e));
  assert.equal(verifySignature(body, sha256.toUpperCase(), "secret"), true);
  assert.equal(verifySignature(body, sha1, "secret", "sha1"), true);
  assert.equal(verifySignature(body, sha1, "other", "sha1"), false);
  assert.equal(parseWebhookEvent(body).payload.resource_type, "check");
  assert.throws(() => parseWebhookEvent("[]"), (e) => isOnfidoDecodeError(e));
  for (const bad of ["{", '{"payload": {}}', '{"payload": {"action": "check.completed", "object": {"id": 7}}}', Buffer.from([0x7b, 0xff, 0x7d])]) {
    assert.throws(() => parseWebhookEvent(bad), (e) => isOnfidoDecodeError(e) && e.status === 200 && /not a webhook event/.test(e.message), String(bad));
    const signed = signWebhook(bad, "secret");
    assert.throws(() => verifyWebhook(bad, { "x-sha2-signature": signed }, "secret"), (e) => isOnfidoDecodeError(e), "verified, then refused as an event");
  }
  assert.throws(() => verifyWebhook(body, { "x-sha2-signature": sha256 + "zz" }, "secret"), (e) => isOnfidoSignatureError(e), "non-hex is refused");
  assert.equal(verifyWebhook(body, { "x-sha2-signature": [sha256, "00"] }, "secret").payload.object.id, "c1", "of repeated headers, the first counts");
});

test("rules: referrer patterns, check results, findings, requirements, Link headers, operations", async () => {
  const pattern = new ReferrerPattern("https://*.example.com/*");
  assert.ok(pattern.matches("https://app.example.com/onboarding"));
  assert.ok(!pattern.matches("https://example.com.evil.org/"));
  assert.equal(String(pattern), "https://*.example.com/*");
  assert.ok(Array.isArray(new ReferrerPattern("*://*/*").lint()));
  assert.throws(() => new ReferrerPattern("not a pattern"), (e) => isOnfidoValidationError(e) && "referrer" in e.fields);

  assert.equal(checkResult(["clear", "clear"]), "clear");
  assert.equal(checkResult(["clear", "consider"]), "consider");
  assert.equal(checkResult(["clear", null]), null);

  const report = {
    id: "r1", name: "document", result: "consider", sub_result: "rejected",
    breakdown: { image_integrity: { result: "consider", breakdown: { image_quality: { result: "consider", properties: {} } } } },
  };
  const found = findings(report);
  assert.equal(found[0].path, "image_integrity.image_quality");
  assert.equal(found[0].result, "consider");

  const missing = missingApplicantData({ type: "express", reports: [{ name: "identity", variant: "kyc" }] }, { id: "a1", first_name: "Jane", last_name: "Doe" });
  assert.ok(missing.some((m) => m.field === "dob" && m.report === "identity"));

  const links = parseLinkHeader('<https://api.onfido.com/v2/applicants?page=2>; rel="next", <https://api.onfido.com/v2/applicants?page=5>; rel="last"');
  assert.equal(links.next, "https://api.onfido.com/v2/applicants?page=2");
  assert.equal(links.prev, null);
  assert.throws(() => parseLinkHeader("<unterminated"), (e) => isOnfidoDecodeError(e));

  assert.equal(operations().length, 34);
  assert.equal(isIdempotent("retrieve_applicant"), true);
  assert.equal(isIdempotent("create_applicant"), false);
  assert.throws(() => isIdempotent("launch_rocket"), (e) => isOnfidoError(e));
  assert.match(coreVersion, /^\d+\.\d+\.\d+/);
  assert.throws(() => sdkTokenClaims("nope"), (e) => isOnfidoValidationError(e));

  // request() runs any operation by id: the answer as JSON, lists as the API's wrapper (as v3's)
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, transport: new SandboxTransport() });
  const created = await onfido.request("create_applicant", { first_name: "Jane", last_name: "Doe" });
  const listed = await onfido.request("list_applicants", { per_page: 1 });
  assert.deepEqual(listed.applicants.map((a) => a.id), [created.id]);
  const page = await onfido.applicants.listPage({ per_page: 1 });
  assert.equal(page.items[0].id, created.id);
  assert.equal(page.totalCount, 1);
  await assert.rejects(onfido.request("launch_rocket", {}), (e) => isOnfidoError(e));
});

test("the Onfido options: region, version, base URL, environment", () => {
  const us = new Onfido({ apiToken: "us_test_abc", region: "us" });
  assert.equal(us.baseUrl, "https://api.us.onfido.com/v2/");
  assert.equal(us.environment, "sandbox");
  assert.equal(us.region, "us");
  assert.match(us.userAgent, /node/);
  assert.equal(new Onfido({ apiToken: "test_abc", apiVersion: "v2" }).baseUrl, "https://api.onfido.com/v2/");
  assert.throws(() => new Onfido({ apiToken: "test_abc", apiVersion: "v3.4" }), (e) => isOnfidoConfigError(e) && e.field === "api_version" && /Onfido speaks v3.6/.test(e.message));
  assert.throws(() => new Onfido({}), (e) => isOnfidoConfigError(e) && e.field === "base_url");
  assert.throws(() => new Onfido({ apiToken: "test_abc", baseUrl: "http://example.com" }), (e) => isOnfidoConfigError(e));
  assert.throws(() => new Onfido({ apiToken: "test_abc", region: "au" }), (e) => isOnfidoConfigError(e));
  assert.ok(new Onfido({ apiToken: "test_abc", baseUrl: "http://127.0.0.1:8080" }));
});

test("the core's call loop: retries, hooks, per-call headers and timeouts, the application's name", async () => {
  const sent = [];
  let answers = [503, 503, 200];
  const transport = {
    async send(request, options) {
      sent.push({ request, options });
      const status = answers.shift();
      const body = status === 200 ? { id: "a1", first_name: "Jane", last_name: "Doe" } : { error: { type: "internal_server_error" } };
      return { status, headers: [["Content-Type", "application/json"]], body: new TextEncoder().encode(JSON.stringify(body)) };
    },
  };
  const events = [];
  const hooks = {
    request: (e) => events.push(["request", e.operation, e.attempt, e.purpose]),
    response: (e) => events.push(["response", e.status]),
    wait: (e) => {
      events.push(["wait", e.reason]);
      throw new Error("a failing hook is ignored");
    },
  };
  const onfido = new Onfido({ apiToken: SECRET_TOKEN, transport, hooks, appName: "acme-kyc/2.1", retry: { initialDelayMs: 1, maxDelayMs: 2 } });
  const applicant = await onfido.applicants.retrieve("a1", { timeoutMs: 1234, headers: { "X-Trace": "t-1" } });
  assert.equal(applicant.first_name, "Jane");
  assert.deepEqual(events, [
    ["request", "retrieve_applicant", 1, "call"],
    ["response", 503],
    ["wait", "retry"],
    ["request", "retrieve_applicant", 2, "call"],
    ["response", 503],
    ["wait", "retry"],
    ["request", "retrieve_applicant", 3, "call"],
    ["response", 200],
  ]);
  assert.equal(sent.length, 3);
  assert.equal(sent[0].options.timeoutMs, 1234);
  const headers = Object.fromEntries(sent[0].request.headers.map(([n, v]) => [n.toLowerCase(), v]));
  assert.equal(headers["x-trace"], "t-1");
  assert.match(headers["user-agent"], / acme-kyc\/2\.1$/);
  assert.ok(!JSON.stringify(events).includes(SECRET_TOKEN));
  // A header the client owns is refused before anything is sent.
  answers = [200];
  const refused = await onfido.applicants.retrieve("a1", { headers: { Authorization: "x" } }).catch((e) => e);
  assert.equal(refused.name, "OnfidoValidationError");
  assert.equal(sent.length, 3);
});
