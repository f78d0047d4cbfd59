// The generated v3.6 surface (`Onfido`): every method in process and over real HTTP against the
// onfido-sandbox server, the getting-started flow on v3.6 and v3.4, pages, dates, unknown
// members, inputs refused before sending, and v2 still reachable.

import assert from "node:assert/strict";
import { inspect } from "node:util";
import test, { after, before } from "node:test";

import { startSandboxServer } from "./helpers.mjs";
import { DESCRIPTION, EVERY_OPERATION, V34_OPERATIONS, WORKFLOW, everyMethod, gettingStarted } from "./v3-flow.mjs";
import {
  Onfido,
  OnfidoV2,
  OnfidoV3,
  Paginated,
  SandboxTransport,
  isOnfidoConfigError,
  isOnfidoNotFoundError,
  isOnfidoValidationError,
  raw,
  v2,
} from "../pkg/dist/index.mjs";

const TOKEN = "api_sandbox.node-v3-tests";
let server;

before(async () => {
  server = await startSandboxServer();
});
after(async () => {
  await server?.stop();
});

/** A transport answering `respond(request)` and keeping every request. */
function recording(respond) {
  const calls = [];
  return {
    calls,
    async send(request) {
      calls.push(request);
      const answer = respond(request);
      const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
      return { status: answer.status ?? 200, headers: answer.headers ?? [["Content-Type", "application/json"]], body: new TextEncoder().encode(body) };
    },
  };
}
const jsonBody = (request) => JSON.parse(new TextDecoder().decode(request.body));

test("every one of the 84 methods on the in-process sandbox", async () => {
  const seen = await everyMethod(new Onfido({ apiToken: TOKEN, transport: new SandboxTransport() }));
  assert.deepEqual([...seen].sort(), [...EVERY_OPERATION].sort());
});

test("every one of the 84 methods over HTTP against onfido-sandbox", async () => {
  const onfido = new Onfido({ apiToken: TOKEN, baseUrl: server.url });
  assert.equal(onfido.baseUrl.replace(/\/$/, ""), `${server.url.replace(/\/$/, "")}/v3.6`);
  const seen = await everyMethod(onfido);
  assert.equal(seen.size, 84);
});

for (const version of ["v3.6", "v3.4"]) {
  test(`the getting-started flow on ${version} over HTTP`, async () => {
    const onfido = new Onfido({ apiToken: TOKEN, baseUrl: server.url, apiVersion: version });
    const { applicant } = await gettingStarted(onfido, version);
    if (version === "v3.4") {
      // v3.4 lacks passkeys and v3.6's newer fields: refused before anything is sent.
      await assert.rejects(onfido.passkeys.list("jane"), (e) => isOnfidoValidationError(e) && "operation" in e.fields);
      await assert.rejects(
        onfido.workflowRuns.create({ applicant_id: applicant.id, workflow_id: WORKFLOW, tags: ["v3.6 only"] }),
        (e) => isOnfidoValidationError(e) && "tags" in e.fields,
      );
    }
  });
}

test("the getting-started flow on v3.4 in process", async () => {
  await gettingStarted(new Onfido({ apiToken: TOKEN, transport: new SandboxTransport(), apiVersion: "v3.4" }), "v3.4");
});

test("pages: listPage, the page asked for; list, every item of every page the core names", async () => {
  const onfido = new Onfido({ apiToken: TOKEN, baseUrl: server.url });
  for (let i = 0; i < 5; i++) await onfido.applicants.create({ first_name: `Page${i}`, last_name: "Doe" });
  const listing = onfido.applicants.list({ per_page: 2 });
  assert.ok(listing instanceof Paginated);
  assert.equal(typeof listing.then, "undefined", "a listing is not a promise: listPage is one page");
  const first = await onfido.applicants.listPage({ per_page: 2 });
  assert.equal(first.items.length, 2);
  assert.equal(first.nextPage, 2);
  assert.equal(first.prevPage, null);
  assert.ok(first.totalCount >= 5);
  const second = await onfido.applicants.listPage({ per_page: 2, page: first.nextPage });
  assert.equal(second.prevPage, 1);
  assert.equal(second.items.length, 2);
  const sizes = [];
  for await (const page of onfido.applicants.list({ per_page: 2 }).pages()) sizes.push(page.items.length);
  assert.equal(sizes.length, Math.ceil(first.totalCount / 2));
  const all = await onfido.applicants.list({ per_page: 2 }).toArray();
  assert.equal(all.length, first.totalCount);
  assert.equal(new Set(all.map((a) => a.id)).size, all.length);
  const fromThird = [];
  for await (const a of onfido.applicants.list({ per_page: 2, page: 3 })) fromThird.push(a.id);
  assert.deepEqual(fromThird, all.slice(4).map((a) => a.id));
});

test("a page reads the Link and X-Total-Count headers; iteration stops where the core says", async () => {
  const link = (page) =>
    `<https://api.eu.onfido.com/v3.6/applicants?page=${page}&per_page=2>; rel="next", <https://api.eu.onfido.com/v3.6/applicants?page=3&per_page=2>; rel="last"`;
  const transport = recording((request) => {
    const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
    const headers = [["Content-Type", "application/json"], ["X-Total-Count", "5"]];
    if (page < 3) headers.push(["Link", link(page + 1)]);
    return { headers, body: { applicants: page < 3 ? [{ id: `a${page}a` }, { id: `a${page}b` }] : [{ id: "a3a" }] } };
  });
  const onfido = new Onfido({ apiToken: TOKEN, transport });
  const page = await onfido.applicants.listPage({ page: 2, per_page: 2 });
  assert.deepEqual(page.items.map((a) => a.id), ["a2a", "a2b"]);
  assert.deepEqual([page.nextPage, page.lastPage, page.totalCount], [3, 3, 5]);
  assert.equal(page.links.next.per_page, 2);
  assert.ok(transport.calls[0].url.endsWith("/v3.6/applicants?page=2&per_page=2"));
  const ids = (await onfido.applicants.list({ per_page: 2 }).toArray()).map((a) => a.id);
  assert.deepEqual(ids, ["a1a", "a1b", "a2a", "a2b", "a3a"]);
});

test("answers keep unknown members and enum values; raw() reaches them", async () => {
  const checkId = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f";
  const body = { id: checkId, applicant_id: "a", status: "brand_new_status", report_ids: null, surprise: { x: [1] } };
  const onfido = new Onfido({ apiToken: TOKEN, transport: recording(() => ({ body })) });
  const check = await onfido.checks.find(checkId);
  assert.equal(check.status, "brand_new_status");
  assert.equal(check.report_ids, null);
  assert.deepEqual(raw(check)["surprise"], { x: [1] });
  assert.deepEqual(check, body, "the JSON as sent");
});

test("dates: a Date at a date field (body or query) is sent as its UTC yyyy-mm-dd; answers keep the ISO text", async () => {
  const answer = { id: "a1", first_name: "J", last_name: "D", dob: "1990-01-31", created_at: "2024-05-06T07:08:09.123456789Z" };
  const transport = recording((request) => (request.url.includes("/workflow_runs") ? { body: [] } : { body: answer }));
  const onfido = new Onfido({ apiToken: TOKEN, transport });
  const applicant = await onfido.applicants.update("6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10", { dob: new Date("1990-01-31T00:00:00Z") });
  assert.equal(jsonBody(transport.calls[0]).dob, "1990-01-31");
  assert.equal(applicant.dob, "1990-01-31");
  assert.equal(applicant.created_at, "2024-05-06T07:08:09.123456789Z");
  await onfido.workflowRuns.listPage({ created_at_gt: new Date("2024-05-06T23:08:09.5Z"), created_at_lt: "2024-06-01" });
  const query = new URL(transport.calls[1].url).searchParams;
  assert.deepEqual([query.get("created_at_gt"), query.get("created_at_lt")], ["2024-05-06", "2024-06-01"]);
});

test("a misspelt or bad input is refused by the core, naming the field, before anything is sent", async () => {
  const transport = recording(() => ({ body: {} }));
  const onfido = new Onfido({ apiToken: TOKEN, transport });
  await assert.rejects(onfido.applicants.create({ first_name: "Jane", last_name: "Doe", dbo: "1990-01-31" }), (e) => isOnfidoValidationError(e) && "dbo" in e.fields);
  await assert.rejects(onfido.applicants.create({ first_name: "Jane", last_name: "Doe", dob: "1990-02-30" }), (e) => isOnfidoValidationError(e) && "dob" in e.fields);
  await assert.rejects(onfido.applicants.find("not-a-uuid"), (e) => isOnfidoValidationError(e) && "applicant_id" in e.fields);
  await assert.rejects(onfido.documents.upload({ applicant_id: "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10", type: "passport", file: new Uint8Array(10) }), (e) => isOnfidoValidationError(e) && "file" in e.fields);
  await assert.rejects(onfido._call("frobnicate", [], {}), (e) => isOnfidoValidationError(e) && "operation" in e.fields);
  // Values JSON cannot hold, on an operation with date fields (converted first) and on one without.
  const cyclic = { country: "GBR", postcode: "SW4 6EH" };
  cyclic.self = cyclic;
  await assert.rejects(onfido.applicants.create({ first_name: "J", last_name: "D", dob: new Date(), address: cyclic }), (e) => isOnfidoValidationError(e) && e.fields["address.self"]?.[0] === "contains itself");
  await assert.rejects(onfido.webhooks.create({ url: "https://example.com/h", events: [1n] }), (e) => isOnfidoValidationError(e) && "events[0]" in e.fields);
  let deep = {};
  for (let i = 0; i < 100_000; i++) deep = { next: deep };
  await assert.rejects(onfido.applicants.create({ first_name: "J", last_name: "D", location: deep }), (e) => isOnfidoValidationError(e));
  await assert.rejects(onfido.applicants.create(null), (e) => isOnfidoValidationError(e) && "input" in e.fields);
  await assert.rejects(onfido.applicants.create({}), (e) => isOnfidoValidationError(e) && "first_name" in e.fields);
  assert.equal(transport.calls.length, 0);
});

test("API errors are typed; a redirected download is fetched without the token", async () => {
  const onfido = new Onfido({ apiToken: TOKEN, baseUrl: server.url });
  await assert.rejects(onfido.applicants.find("00000000-0000-4000-8000-000000000000"), (e) => isOnfidoNotFoundError(e) && e.status === 404);
  const transport = recording((request) =>
    request.url.includes("/signed_evidence_file")
      ? { status: 302, headers: [["Location", "https://files.example.com/evidence.pdf?sig=abc"]], body: "" }
      : { headers: [["Content-Type", "application/pdf"]], body: "%PDF-1.4 evidence" },
  );
  const evidence = await new Onfido({ apiToken: TOKEN, transport }).workflowRuns.downloadSignedEvidenceFile("d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f8a");
  assert.equal(Buffer.from(evidence.content).toString(), "%PDF-1.4 evidence");
  assert.equal(evidence.contentType, "application/pdf");
  const [first, second] = transport.calls;
  assert.ok(first.headers.some(([n]) => n.toLowerCase() === "authorization"));
  assert.equal(second.url, "https://files.example.com/evidence.pdf?sig=abc");
  assert.ok(!second.headers.some(([n]) => n.toLowerCase() === "authorization"));
});

test("Onfido is v3.6 (v3.4 allowed), OnfidoV2 and v2.Onfido keep API v2; no token in any description", async () => {
  assert.equal(OnfidoV3, Onfido);
  assert.equal(OnfidoV2, v2.Onfido);
  assert.throws(() => new Onfido({ apiToken: TOKEN, apiVersion: "v2" }), (e) => isOnfidoConfigError(e) && e.field === "api_version" && /OnfidoV2/.test(e.message));
  assert.match(new Onfido({ apiToken: TOKEN, apiVersion: "v3.4" }).baseUrl, /\/v3\.4\/?$/);
  const onfido = new Onfido({ apiToken: TOKEN, transport: new SandboxTransport() });
  assert.match(onfido.baseUrl, /\/v3\.6\/?$/);
  for (const shown of [String(onfido), inspect(onfido), JSON.stringify(onfido)]) assert.ok(!shown.includes("node-v3-tests"), shown);
  const old = new OnfidoV2({ apiToken: "test_v2", transport: new SandboxTransport() });
  const jane = await old.applicants.create({ first_name: "Jane", last_name: "Doe" });
  assert.equal((await old.applicants.retrieve(jane.id)).first_name, "Jane");
  assert.deepEqual(await onfido.request("ping"), { text: "OK" });
});

test("one method per operation, named as api/METHODS.md says, in lowerCamelCase", () => {
  const onfido = new Onfido({ apiToken: TOKEN, transport: recording(() => ({ body: {} })) });
  const lower = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
  for (const op of DESCRIPTION.operations) {
    const resource = onfido[lower(op.surface.resource)];
    assert.equal(typeof resource?.[lower(op.surface.method)], "function", `${op.surface.resource}.${op.surface.method}`);
  }
  assert.equal(V34_OPERATIONS.size, 39);
  assert.equal(typeof onfido.liveVideos.downloadFrame, "function");
  assert.equal(typeof onfido.workflowRuns.create, "function");
});
