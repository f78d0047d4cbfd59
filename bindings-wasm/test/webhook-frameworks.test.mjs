// expressWebhook and fastifyWebhook in real Express and Fastify apps listening on loopback, fed over
// real HTTP with notifications the in-process sandbox signed: accepted and parsed; a wrong or
// missing signature answered 401, a body that is not an event 400; a parsed body (express.json())
// a TypeError that says to use express.raw; the secret in no answer.

import assert from "node:assert/strict";
import test, { after, before } from "node:test";
import express from "express";
import Fastify from "fastify";

import { OnfidoV2 as Onfido, SandboxTransport, signWebhook, verifyWebhook, expressWebhook, fastifyWebhook, webhookRefusal, OnfidoSignatureError } from "../pkg/dist/index.mjs";

const SECRET = "whsec-node-frameworks-51d2";
let deliveries; // [{ body: Buffer, headers: {…} }]

before(async () => {
  const transport = new SandboxTransport();
  const onfido = new Onfido({ apiToken: "test_frameworks", transport });
  const hook = await onfido.webhooks.register({ url: "https://hooks.example/onfido" });
  const applicant = await onfido.applicants.create({ first_name: "Frank", last_name: "Work" });
  await onfido.checks.create(applicant.id, { type: "express", reports: [{ name: "watchlist" }] });
  assert.equal(transport.deliveries.length, 2);
  deliveries = transport.deliveries.map((d) => {
    // re-signed with SECRET so one secret serves every test (the sandbox's token is random)
    const body = Buffer.from(d.body);
    assert.equal(verifyWebhook(body, d.headers, hook.token).payload.action, JSON.parse(body).payload.action);
    return { body, headers: { "content-type": "application/json", "x-sha2-signature": signWebhook(body, SECRET) } };
  });
});

const NOT_AN_EVENT = '{"payload":{"action":7}}';
function badCases() {
  const { body, headers } = deliveries[0];
  return [
    ["wrong signature", body, { "content-type": "application/json", "x-sha2-signature": signWebhook(body, "another-token") }, 401],
    ["no signature", body, { "content-type": "application/json" }, 401],
    ["body changed", Buffer.from(body.toString().replace("complete", "cOmplete")), headers, 401],
    ["sha1 of another token", body, { "content-type": "application/json", "x-signature": signWebhook(body, "x", "sha1") }, 401],
    ["not an event", Buffer.from(NOT_AN_EVENT), { "content-type": "application/json", "x-sha2-signature": signWebhook(NOT_AN_EVENT, SECRET) }, 400],
  ];
}

async function post(url, body, headers) {
  const answer = await fetch(url, { method: "POST", body, headers });
  return { status: answer.status, text: await answer.text() };
}

test("webhookRefusal: 401 for signatures, 400 for bodies, nothing for other errors", () => {
  assert.deepEqual(webhookRefusal(new OnfidoSignatureError("x")), { status: 401, message: "invalid webhook signature" });
  let decode;
  try {
    verifyWebhook(NOT_AN_EVENT, { "x-sha2-signature": signWebhook(NOT_AN_EVENT, "s") }, "s");
  } catch (e) {
    decode = e;
  }
  assert.deepEqual(webhookRefusal(decode), { status: 400, message: "invalid webhook body" });
  assert.equal(webhookRefusal(new Error("x")), undefined);
});

test("Express: express.raw + expressWebhook over HTTP", async (t) => {
  const app = express();
  const seen = [];
  const errors = [];
  app.post("/onfido/:tenant", express.raw({ type: "application/json" }), expressWebhook(() => SECRET), (req, res) => {
    seen.push(req.onfidoEvent);
    res.json({ tenant: req.params.tenant, action: req.onfidoEvent.payload.action });
  });
  // the mistake: express.json() ran first
  app.post("/parsed", express.json(), expressWebhook(SECRET), (_req, res) => res.send("unreachable"));
  // no body parser at all
  app.post("/nothing", expressWebhook(SECRET), (_req, res) => res.send("unreachable"));
  app.use((error, _req, res, _next) => {
    errors.push(error);
    res.status(500).send("misconfigured");
  });
  const server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const base = `http://127.0.0.1:${server.address().port}`;

  const actions = [];
  for (const { body, headers } of deliveries) {
    const answer = await post(`${base}/onfido/acme`, body, headers);
    assert.equal(answer.status, 200, answer.text);
    const json = JSON.parse(answer.text);
    assert.equal(json.tenant, "acme");
    actions.push(json.action);
  }
  assert.deepEqual(actions.sort(), ["check.completed", "report.completed"]);
  assert.deepEqual(seen.map((e) => e.payload.action).sort(), actions);

  for (const [name, body, headers, status] of badCases()) {
    const answer = await post(`${base}/onfido/acme`, body, headers);
    assert.equal(answer.status, status, name);
    assert.ok(!answer.text.includes(SECRET), name);
    assert.equal(answer.text, status === 401 ? "invalid webhook signature" : "invalid webhook body");
  }
  assert.equal(seen.length, 2, "no refused notification reached the route");

  const { body, headers } = deliveries[0];
  assert.equal((await post(`${base}/parsed`, body, headers)).status, 500);
  assert.equal((await post(`${base}/nothing`, body, headers)).status, 500);
  assert.equal(errors.length, 2);
  for (const error of errors) {
    assert.ok(error instanceof TypeError);
    assert.match(error.message, /express\.raw\(\{ type: 'application\/json' \}\)/);
    assert.ok(!error.message.includes(SECRET));
  }
  assert.match(errors[0].message, /JSON already parsed/);
  assert.match(errors[1].message, /no webhook body/);
});

test("Fastify: fastifyWebhook keeps the raw body in its own scope, over HTTP", async (t) => {
  const app = Fastify();
  const seen = [];
  await app.register(fastifyWebhook, {
    secret: SECRET,
    url: "/onfido",
    handler: async (event, request) => {
      seen.push(event);
      return { action: event.payload.action, raw: Buffer.isBuffer(request.body) };
    },
  });
  await app.register(fastifyWebhook, { secret: () => SECRET, url: "/quiet", handler: () => undefined, prefix: "/v2" });
  // outside the plugin, JSON is still parsed as usual
  app.post("/json", async (request) => ({ parsed: request.body }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  t.after(() => app.close());
  const base = `http://127.0.0.1:${app.server.address().port}`;

  const actions = [];
  for (const { body, headers } of deliveries) {
    const answer = await post(`${base}/onfido`, body, headers);
    assert.equal(answer.status, 200, answer.text);
    const json = JSON.parse(answer.text);
    assert.equal(json.raw, true);
    actions.push(json.action);
    assert.equal((await post(`${base}/v2/quiet`, body, headers)).status, 204);
  }
  assert.deepEqual(actions.sort(), ["check.completed", "report.completed"]);
  assert.equal(seen.length, 2);
  for (const [name, body, headers, status] of badCases()) {
    const answer = await post(`${base}/onfido`, body, headers);
    assert.equal(answer.status, status, name);
    assert.ok(!answer.text.includes(SECRET), name);
  }
  assert.equal(seen.length, 2, "no refused notification reached the handler");
  const json = await post(`${base}/json`, JSON.stringify({ a: 1 }), { "content-type": "application/json" });
  assert.deepEqual(JSON.parse(json.text), { parsed: { a: 1 } });
  await assert.rejects(async () => {
    const other = Fastify();
    await other.register(fastifyWebhook, { secret: SECRET });
  }, /needs a handler/);
});

test("verifyWebhook: a parsed body, or none, is a TypeError that says to use express.raw", () => {
  const { body, headers } = deliveries[0];
  for (const [parsed, what] of [[JSON.parse(body), /is an object, JSON already parsed/], [[1], /is an array/], [undefined, /no webhook body/], [null, /no webhook body/], [42, /not number/]]) {
    assert.throws(() => verifyWebhook(parsed, headers, SECRET), (e) => e instanceof TypeError && what.test(e.message) && /express\.raw/.test(e.message) && !e.message.includes(SECRET));
  }
  assert.equal(verifyWebhook(body, headers, SECRET).payload.object.id, JSON.parse(body).payload.object.id);
});
