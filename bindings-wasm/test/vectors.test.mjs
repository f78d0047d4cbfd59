// The shared vectors (tests/vectors/ and $ONFIDO_VECTORS), run through the package's public API
// by the rules of VECTORS.md. One test per file; prints `vectors: N passed, M failed` at the end.
//
// Build and parse cases are observed twice where the typed API can express them: through the
// generated resource method of the case's operation (`OnfidoV2` for v2, `Onfido` for v3.x; path
// ids positional, the rest as the input object; a transport that keeps the request it is handed,
// or answers the case's response), and through the JSON-by-id path (`buildRequest`,
// `parseResponse`). Both observations go to the core's checker. Cases the typed API cannot express
// (a missing or non-text path id, a field a method without input cannot take, a redirect the
// client follows…) go through the JSON path only, counted and named at the end.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";
import assert from "node:assert/strict";

import { repoRoot } from "./helpers.mjs";
import {
  Onfido as OnfidoV3,
  OnfidoV2,
  ReferrerPattern,
  checkResult,
  isOnfidoError,
  parseLinkHeader,
  verifySignature,
} from "../pkg/dist/index.mjs";
// The core's one vector checker (the onfido-vectors crate), shipped in the sandbox's module.
import { checkVector } from "../pkg/dist/sandbox_native.mjs";

const noTransport = { send: () => Promise.reject(new Error("vectors never send")) };

class Failure extends Error {}
const fail = (message) => {
  throw new Failure(message);
};
const show = (v) => JSON.stringify(v);

function str(v) {
  if (typeof v !== "string") fail(`expected a string, found ${show(v)}`);
  return v;
}

// ---- build_request ----

/** The version a case's config names (`v2` when it names none). */
function versionOf(config) {
  const v = config?.api_version;
  return v === undefined || v === null ? "v2" : v;
}

/** The client of the case's API version (`OnfidoV2`, or `Onfido` for v3.x). */
function client(config, transport = noTransport) {
  const text = (key) => {
    const v = config?.[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") fail(`config.${key} must be a string`);
    return v;
  };
  const options = {
    apiToken: text("token") ?? text("api_token"),
    region: text("region"),
    apiVersion: text("api_version"),
    baseUrl: text("base_url"),
    transport,
    retry: false,
  };
  return /^v3/.test(versionOf(config)) ? new OnfidoV3(options) : new OnfidoV2(options);
}

/** An error as the core describes errors (tests/vectors/README.md). */
function errorView(error) {
  if (!isOnfidoError(error)) fail(`not an OnfidoError: ${error?.stack ?? error}`);
  return {
    kind: error.kind,
    status: error.status ?? null,
    type: error.type ?? null,
    api_message: error.apiMessage ?? null,
    message: error.message,
    id: error.errorId ?? null,
    retry_after: error.retryAt !== undefined ? { at: error.retryAt } : (error.retryAfter ?? null),
    fields: error.fields ?? {},
  };
}

const requestView = (request) => ({ method: request.method, url: request.url, headers: request.headers, body_base64: Buffer.from(request.body).toString("base64") });

function buildRequest(c) {
  try {
    const now = typeof c.now === "number" ? c.now : undefined;
    return requestView(client(c.config ?? {}).buildRequest(str(c.operation), c.input ?? {}, { now }));
  } catch (e) {
    if (e instanceof Failure) throw e;
    return { error: errorView(e) };
  }
}

// ---- the typed API: the generated methods ----

const DESCRIPTIONS = {
  v2: JSON.parse(readFileSync(join(repoRoot, "api", "onfido-v2.json"), "utf8")),
  v3: JSON.parse(readFileSync(join(repoRoot, "api", "onfido-v3.json"), "utf8")),
};
const lowerCamel = (text) => text.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** What a method's answer reads as (as the generator decides it), for turning it back into the vectors' JSON. */
function answerOf(description, op) {
  const ok = op.responses.find((r) => /^2/.test(r.status));
  if (!ok.content_type) return ok.status === "201" ? { kind: "location" } : { kind: "none" };
  if (ok.content_type === "text/plain") return { kind: "text" };
  if (ok.content_type !== "application/json") return { kind: "download" };
  const target = ok.schema?.ref ? description.schemas[ok.schema.ref] : undefined;
  const props = Object.entries(target?.properties ?? {});
  if (props.length === 1 && props[0][1].type === "array") return { kind: "list", key: props[0][0] };
  return { kind: "json" };
}

/** The generated method of an operation of `version`: resource, name, path ids, whether it takes an input, its upload field. */
function methodOf(version, operation) {
  const description = /^v3/.test(version) ? DESCRIPTIONS.v3 : DESCRIPTIONS.v2;
  // The methods are named by v3.6's ids in v3.4 too (a v3.4-only id is refused by the core: the JSON path).
  const op = description.operations.find((o) => o.id === operation);
  if (op === undefined) return undefined;
  const params = op.params ?? [];
  const path = params.filter((p) => p.in === "path").map((p) => p.name);
  let body = op.body?.schema;
  while (body?.ref) body = description.schemas[body.ref];
  const fields = Object.entries(body?.properties ?? {}).filter(([, p]) => !p.readOnly);
  const upload = fields.find(([, p]) => p.type === "string" && p.format === "binary")?.[0];
  const paged = params.some((p) => p.name === "page");
  return {
    resource: lowerCamel(op.surface.resource),
    name: lowerCamel(op.surface.method) + (paged ? "Page" : ""),
    path,
    takesInput: params.some((p) => p.in !== "path") || fields.length > 0,
    upload,
    answer: answerOf(description, op),
  };
}

/** How many build and parse cases ran through the typed API, and why the others could not. */
const typed = { cases: 0, json: 0, why: new Map() };

/**
 * The case's operation as a call of its generated method: `(onfido) => promise`, or the reason
 * the typed API cannot express it.
 */
function typedCall(version, operation, input) {
  const method = methodOf(version, operation);
  if (method === undefined) return { why: "an operation the version has no method for" };
  if (input === null || typeof input !== "object" || Array.isArray(input)) return { why: "an input that is not an object" };
  const rest = { ...input };
  const ids = [];
  for (const name of method.path) {
    if (typeof rest[name] !== "string") return { why: "a path id missing or not text (ids are positional strings)" };
    ids.push(rest[name]);
    delete rest[name];
  }
  if (method.upload !== undefined && rest[method.upload] !== undefined) {
    const file = rest[method.upload];
    const keys = file && typeof file === "object" ? Object.keys(file).sort().join(",") : "";
    if (keys !== "content_base64" && keys !== "content_base64,filename") return { why: "an upload that is not {filename, content_base64}" };
    if (typeof file.content_base64 !== "string" || (file.filename !== undefined && typeof file.filename !== "string")) {
      return { why: "an upload that is not {filename, content_base64}" };
    }
    if (rest.filename !== undefined) return { why: "a body field called filename (the method's own)" };
    rest[method.upload] = Buffer.from(file.content_base64, "base64");
    if (file.filename !== undefined) rest.filename = file.filename;
  }
  if (!method.takesInput && Object.keys(rest).length > 0) return { why: "fields a method without input cannot take" };
  const args = method.takesInput ? [...ids, rest] : ids;
  return {
    method,
    call: (onfido) => {
      const resource = onfido[method.resource];
      if (typeof resource?.[method.name] !== "function") fail(`no method ${method.resource}.${method.name}`);
      return resource[method.name](...args);
    },
  };
}

function countJson(why) {
  typed.json++;
  typed.why.set(why, (typed.why.get(why) ?? 0) + 1);
}

/** Stops a typed call at its first request: the request is what a build case observes. */
class Sent extends Error {
  constructor(request) {
    super("sent");
    this.request = request;
  }
}

/** A build case through the generated method: the request it sends, or its error. */
async function buildRequestTyped(c) {
  const config = c.config ?? {};
  const plan = typedCall(versionOf(config), str(c.operation), c.input ?? {});
  if (plan.why !== undefined) {
    countJson(plan.why);
    return buildRequest(c);
  }
  typed.cases++;
  try {
    const onfido = client(config, { send: async (request) => Promise.reject(new Sent(request)) });
    await plan.call(onfido);
    fail("the method returned without sending");
  } catch (e) {
    if (e instanceof Failure) throw e;
    if (e instanceof Sent) return requestView(e.request);
    return { error: errorView(e) };
  }
}


function responseOf(c) {
  if (typeof c.status !== "number" || !Number.isInteger(c.status) || c.status < 0 || c.status > 65535) fail("no status");
  let body;
  if (typeof c.body_base64 === "string") body = new Uint8Array(Buffer.from(c.body_base64, "base64"));
  else if (c.body === undefined || c.body === null) body = new Uint8Array();
  else if (typeof c.body === "string") body = new TextEncoder().encode(c.body);
  else body = new TextEncoder().encode(JSON.stringify(c.body));
  const headers = [];
  if (Array.isArray(c.headers)) {
    for (const pair of c.headers) headers.push([str(pair[0]), str(pair[1])]);
  } else if (c.headers && typeof c.headers === "object") {
    for (const [k, v] of Object.entries(c.headers)) headers.push([k, typeof v === "string" ? v : JSON.stringify(v)]);
  }
  return { status: c.status, headers, body };
}

/** A typed method's answer in the vectors' shape: lists as the API's wrapper, 204 as {}, downloads as metadata. */
function vectorView(answer, output) {
  switch (answer.kind) {
    case "none":
      return {};
    case "text":
      return { text: output };
    case "location":
      return { location: output };
    case "download":
      return {
        content_type: output.contentType,
        filename: output.filename,
        size: output.content.length,
        sha256: createHash("sha256").update(output.content).digest("hex"),
        content_base64: Buffer.from(output.content).toString("base64"),
      };
    case "list": {
      const items = Array.isArray(output) ? output : output.items;
      return { [answer.key]: items };
    }
    default:
      // A bare array's page (`list_workflow_runs`) reads back as the array.
      return output !== null && typeof output === "object" && Array.isArray(output.items) && output.links ? output.items : output;
  }
}

function parseResponse(c) {
  const operation = str(c.operation);
  const response = responseOf(c);
  try {
    // Answers read back as the API's JSON, v2's as v3's (tests/vectors/README.md).
    return { ok: client({ token: "test_vectors", api_version: c.api_version }).parseResponse(operation, response) };
  } catch (e) {
    return { error: errorView(e) };
  }
}

/**
 * A valid input of each operation (`version operation`), from the build cases that expect a
 * request: what a parse case's typed call is made with.
 */
const VALID_INPUTS = new Map();

/** A parse case through the generated method: called with a valid input, answered with the case's response. */
async function parseResponseTyped(c) {
  const version = c.api_version ?? "v2";
  const operation = str(c.operation);
  const valid = VALID_INPUTS.get(`${version} ${operation}`);
  if (valid === undefined) {
    countJson("no build case with a valid input for the operation");
    return parseResponse(c);
  }
  const response = responseOf(c);
  if (response.status >= 300 && response.status < 400) {
    countJson("a redirect, which the typed call follows");
    return parseResponse(c);
  }
  const plan = typedCall(version, operation, valid.input);
  if (plan.why !== undefined) {
    countJson(plan.why);
    return parseResponse(c);
  }
  typed.cases++;
  let sent = 0;
  const transport = {
    async send() {
      if (++sent > 1) fail("the typed call sent a second request");
      return { status: response.status, headers: response.headers, body: response.body };
    },
  };
  try {
    return { ok: vectorView(plan.method.answer, await plan.call(client({ ...valid.config, api_version: version }, transport))) };
  } catch (e) {
    if (e instanceof Failure) throw e;
    return { error: errorView(e) };
  }
}

// ---- the rules ----

function linkHeader(c) {
  try {
    const links = parseLinkHeader(str(c.header));
    return { ok: { next: links.next, prev: links.prev, first: links.first, last: links.last } };
  } catch (e) {
    return { error: errorView(e) };
  }
}

function referrerPattern(c) {
  try {
    return new ReferrerPattern(str(c.pattern)).matches(str(c.url)) ? "match" : "no_match";
  } catch (e) {
    if (e instanceof Failure) throw e;
    return "invalid_pattern";
  }
}

function checkResultCase(c) {
  if (!Array.isArray(c.report_results)) fail("report_results is not a list");
  return checkResult(c.report_results.map((r) => (typeof r === "string" ? r : null))) ?? null;
}

function webhookSignature(c) {
  let body;
  if (typeof c.body_base64 === "string") body = new Uint8Array(Buffer.from(c.body_base64, "base64"));
  else if (typeof c.body === "string") body = new TextEncoder().encode(c.body);
  else if (c.body === undefined || c.body === null) body = new Uint8Array();
  else body = new TextEncoder().encode(JSON.stringify(c.body));
  return verifySignature(body, str(c.signature), str(c.secret), str(c.algorithm).toLowerCase() === "sha1" ? "sha1" : "sha256");
}

const RUNNERS = {
  build_request: buildRequest,
  parse_response: parseResponse,
  link_header: linkHeader,
  referrer_pattern: referrerPattern,
  check_result: checkResultCase,
  webhook_signature: webhookSignature,
};

/** The typed observations of the kinds the generated methods serve. */
const TYPED_RUNNERS = {
  build_request: buildRequestTyped,
  parse_response: parseResponseTyped,
};

// ---- the run ----

const dirs = [join(repoRoot, "tests", "vectors"), join(repoRoot, "tests", "vectors", "v3")];
if (process.env.ONFIDO_VECTORS) dirs.push(process.env.ONFIDO_VECTORS);

let passed = 0;
let failed = 0;

/** Every vector file: `{dir, file, doc}`, or `{dir, error}` for a directory that cannot be read. */
const files = [];
for (const dir of dirs) {
  let names;
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  } catch (e) {
    files.push({ dir, error: e });
    continue;
  }
  for (const file of names) {
    let doc;
    try {
      doc = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch (e) {
      files.push({ dir, file, error: e });
      continue;
    }
    files.push({ dir, file, doc });
    // Build cases that expect a request give each operation a valid input for the typed parse calls.
    if (doc?.kind !== "build_request" || !Array.isArray(doc.cases)) continue;
    for (const c of doc.cases) {
      if (c?.expect === undefined || c.expect?.error !== undefined || typeof c.operation !== "string") continue;
      const key = `${versionOf(c.config)} ${c.operation}`;
      if (!VALID_INPUTS.has(key)) VALID_INPUTS.set(key, { input: c.input ?? {}, config: c.config ?? {} });
    }
  }
}

for (const { dir, file, doc, error } of files) {
  if (file === undefined) {
    test(`vectors directory ${dir}`, () => {
      failed++;
      console.log(`FAIL ${dir}: cannot read the directory: ${error.message}`);
      assert.fail(`cannot read ${dir}`);
    });
    continue;
  }
  test(`vectors ${file}`, async () => {
    if (error !== undefined) {
      failed++;
      console.log(`FAIL ${file}: not a JSON vector file: ${error.message}`);
      assert.fail(`${file} is not JSON`);
    }
    const kind = typeof doc?.kind === "string" ? doc.kind : "";
    const cases = Array.isArray(doc?.cases) ? doc.cases : [];
    const failures = [];
    for (const c of cases) {
      const name = typeof c?.name === "string" ? c.name : "(unnamed)";
      let why;
      try {
        // Observed through the package's API; judged by the core's checker (unknown kinds too).
        const observe = RUNNERS[kind];
        const observed = observe ? observe(c) : null;
        why = checkVector(kind, JSON.stringify(c), JSON.stringify(observed ?? null));
        // Build and parse cases again through the generated methods (or, where they cannot
        // express the case, the JSON path once more, counted).
        const typedObserve = TYPED_RUNNERS[kind];
        if (why === undefined && typedObserve !== undefined) {
          const again = checkVector(kind, JSON.stringify(c), JSON.stringify((await typedObserve(c)) ?? null));
          if (again !== undefined) why = `through the generated method: ${again}`;
        }
      } catch (e) {
        why = e instanceof Failure ? e.message : `crashed: ${e?.stack ?? e}`;
      }
      if (why === undefined) {
        passed++;
      } else {
        failed++;
        failures.push(`${name}: ${why}`);
        console.log(`FAIL ${file}: ${name}: ${why}`);
      }
    }
    if (cases.length === 0) {
      failed++;
      console.log(`FAIL ${file}: no cases`);
      failures.push("no cases");
    }
    assert.deepEqual(failures, [], `${failures.length} failing case(s) in ${file}`);
  });
}

test.after(() => {
  const reasons = [...typed.why].map(([why, n]) => `${n}: ${why}`).join("; ");
  console.log(`vectors through the generated methods: ${typed.cases} build/parse cases; through the JSON path only: ${typed.json} (${reasons})`);
  console.log(`vectors: ${passed} passed, ${failed} failed`);
});

test("vectors ran", { concurrency: false }, () => {
  // Registered last: the file-level tests above run first, in order.
  assert.ok(passed + failed > 0, "no vector ran");
  assert.ok(typed.cases > 0, "no case ran through the generated methods");
});
