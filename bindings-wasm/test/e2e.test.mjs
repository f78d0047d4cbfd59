// End to end over real HTTP: the package on global fetch against the onfido-sandbox server.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import test, { after, before } from "node:test";

import { everyOperation } from "./flow.mjs";
import { startSandboxServer } from "./helpers.mjs";
import {
  FetchTransport,
  OnfidoV2 as Onfido,
  isOnfidoApiError,
  isOnfidoAuthenticationError,
  isOnfidoRateLimitError,
  isOnfidoTransportError,
  isOnfidoValidationError,
  verifyWebhook,
} from "../pkg/dist/index.mjs";

const TOKEN = "test_e2e_token_abc";
let server;

before(async () => {
  server = await startSandboxServer();
});
after(async () => {
  await server?.stop();
});

const client = (options = {}) => new Onfido({ apiToken: TOKEN, baseUrl: server.url, ...options });

test("every operation over HTTP on global fetch", async () => {
  const onfido = client();
  const transport = new FetchTransport();
  await everyOperation(onfido, { sendRaw: (request) => transport.send(request, { timeoutMs: 10_000 }), origin: server.url, token: TOKEN });
});

test("pagination follows Link headers page by page", async () => {
  const onfido = client();
  for (let i = 0; i < 5; i++) await onfido.applicants.create({ first_name: `Page${i}`, last_name: "Doe" });
  const first = await onfido.applicants.listPage({ per_page: 2 });
  assert.equal(first.items.length, 2);
  assert.equal(first.nextPage, 2);
  assert.ok(first.totalCount >= 5);
  const pages = [];
  for await (const page of onfido.applicants.list({ per_page: 2 }).pages()) pages.push(page.items.length);
  assert.ok(pages.length >= 3, `pages: ${pages}`);
  const all = await onfido.applicants.list({ per_page: 2 }).toArray();
  assert.equal(all.length, first.totalCount);
  assert.equal(new Set(all.map((a) => a.id)).size, all.length);
});

test("server-side errors become typed errors", async () => {
  const onfido = client();
  await assert.rejects(onfido.applicants.retrieve("nope"), (e) => isOnfidoApiError(e) && e.status === 404 && e.type === "resource_not_found");
  const joe = await onfido.applicants.create({ first_name: "Joe", last_name: "Doe" });
  await assert.rejects(onfido.checks.create(joe.id, { type: "express", reports: [{ name: "document" }] }), (e) => e.status === 422 && e.type === "missing_documents");
  // a live token is refused by the sandbox (401), and the message does not carry it
  const live = new Onfido({ apiToken: "live_secret_token_value", baseUrl: server.url, retry: false });
  await assert.rejects(live.applicants.list().toArray(), (e) => {
    assert.ok(isOnfidoAuthenticationError(e));
    assert.equal(e.name, "OnfidoAuthenticationError");
    assert.ok(!e.message.includes("live_secret_token_value"));
    assert.ok(!JSON.stringify(e).includes("live_secret_token_value"));
    return true;
  });
  // the client refuses bad input before sending, with every field named
  await assert.rejects(onfido.applicants.create({ first_name: "", last_name: "Doe", email: "x" }), (e) => {
    assert.ok(isOnfidoValidationError(e));
    assert.equal(e.kind, "validation");
    assert.ok("first_name" in e.fields);
    return true;
  });
});

test("rate limit: 429 with Retry-After, retried when allowed", async () => {
  const limited = await startSandboxServer(["--rate-limit", "2"]);
  try {
    const noRetry = new Onfido({ apiToken: TOKEN, baseUrl: limited.url, retry: false });
    await noRetry.reportTypeGroups.list();
    await noRetry.reportTypeGroups.list();
    await assert.rejects(noRetry.reportTypeGroups.list(), (e) => {
      assert.ok(isOnfidoRateLimitError(e));
      assert.equal(e.name, "OnfidoRateLimitError");
      assert.ok(e.retryAfter > 0 && e.retryAfter <= 60, `retryAfter ${e.retryAfter}`);
      return true;
    });
    // A Retry-After longer than the policy allows gives up at once rather than sleeping a minute.
    const impatient = new Onfido({ apiToken: TOKEN, baseUrl: limited.url, retry: { maxRetryAfterMs: 1000 } });
    const started = Date.now();
    await assert.rejects(impatient.reportTypeGroups.list(), (e) => isOnfidoRateLimitError(e));
    assert.ok(Date.now() - started < 5000);
  } finally {
    await limited.stop();
  }
});

test("faults: 5xx, slow answers and dropped connections are retried for idempotent requests", async () => {
  const faulty = await startSandboxServer(["--fail-rate", "0.3", "--seed", "7"]);
  try {
    const onfido = new Onfido({
      apiToken: TOKEN,
      baseUrl: faulty.url,
      timeoutMs: 1000,
      retry: { maxAttempts: 8, initialDelayMs: 5, maxDelayMs: 20 },
    });
    for (let i = 0; i < 12; i++) {
      const groups = await onfido.reportTypeGroups.list();
      assert.equal(groups.length, 2);
    }
  } finally {
    await faulty.stop();
  }
});

test("timeouts and refused connections are transport errors", async () => {
  const slow = await startSandboxServer(["--latency-ms", "400"]);
  try {
    const onfido = new Onfido({ apiToken: TOKEN, baseUrl: slow.url, timeoutMs: 100, retry: { maxAttempts: 2, initialDelayMs: 1 } });
    await assert.rejects(onfido.reportTypeGroups.list(), (e) => {
      assert.ok(isOnfidoTransportError(e));
      assert.equal(e.failure, "timeout");
      assert.match(e.message, /\[2 attempts\]\.$/);
      return true;
    });
  } finally {
    await slow.stop();
  }
  // a port nobody listens on: the listener is closed before the request
  const probe = createServer();
  await new Promise((r) => probe.listen(0, "127.0.0.1", r));
  const port = probe.address().port;
  await new Promise((r) => probe.close(r));
  const refused = new Onfido({ apiToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, retry: { maxAttempts: 2, initialDelayMs: 1 } });
  await assert.rejects(refused.applicants.create({ first_name: "A", last_name: "B" }), (e) => isOnfidoTransportError(e) && e.failure === "connect");
});

test("an AbortSignal cancels a call, waits between retries included", async () => {
  const slow = await startSandboxServer(["--latency-ms", "2000"]);
  try {
    const onfido = new Onfido({ apiToken: TOKEN, baseUrl: slow.url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled by the test")), 100);
    const started = Date.now();
    await assert.rejects(onfido.reportTypeGroups.list({ signal: controller.signal }), /cancelled by the test/);
    assert.ok(Date.now() - started < 1500);
  } finally {
    await slow.stop();
  }
});

test("signed webhook deliveries from the server verify with verifyWebhook(raw body, req.headers)", async () => {
  const hooks = await startSandboxServer(["--webhook-delivery"]);
  const received = [];
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const onfido = new Onfido({ apiToken: TOKEN, baseUrl: hooks.url });
    const hook = await onfido.webhooks.register({ url: `http://127.0.0.1:${receiver.address().port}/onfido`, events: ["check.completed"] });
    const jane = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe", dob: "1990-01-01", addresses: [{ street: "Main Street", town: "London", postcode: "SW4 6EH", country: "GBR" }] });
    const check = await onfido.checks.create(jane.id, { type: "express", reports: [{ name: "identity", variant: "kyc" }] });
    const deadline = Date.now() + 15_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(received.length >= 1, "a notification arrived");
    const event = verifyWebhook(received[0].body, received[0].headers, hook.token);
    assert.equal(event.payload.action, "check.completed");
    assert.equal(event.payload.object.id, check.id);
    assert.throws(() => verifyWebhook(received[0].body, received[0].headers, "wrong-token"), (e) => e.name === "OnfidoSignatureError");
  } finally {
    await new Promise((r) => receiver.close(r));
    await hooks.stop();
  }
});
