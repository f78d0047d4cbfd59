// The shared vectors (tests/vectors/ and $ONFIDO_VECTORS), run through the package's public API
// by the rules of VECTORS.md. One test per file; prints `vectors: N passed, M failed` at the end.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";
import assert from "node:assert/strict";

import { repoRoot } from "./helpers.mjs";
import {
  OnfidoV2 as Onfido,
  ReferrerPattern,
  checkResult,
  isOnfidoError,
  parseLinkHeader,
  verifySignature,
} from "../pkg/dist/index.mjs";

const KINDS = ["build_request", "parse_response", "link_header", "referrer_pattern", "check_result", "webhook_signature"];

const LIST_KEYS = {
  list_applicants: "applicants",
  list_documents: "documents",
  list_live_photos: "live_photos",
  list_live_videos: "live_videos",
  list_checks: "checks",
  list_reports: "reports",
  list_webhooks: "webhooks",
  list_report_type_groups: "report_type_groups",
  pick_addresses: "addresses",
};

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

function client(config) {
  const text = (key) => {
    const v = config?.[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") fail(`config.${key} must be a string`);
    return v;
  };
  return new Onfido({
    apiToken: text("token") ?? text("api_token"),
    region: text("region"),
    apiVersion: text("api_version"),
    baseUrl: text("base_url"),
    transport: noTransport,
  });
}

function buildRequest(c) {
  const expect = c.expect ?? {};
  const operation = str(c.operation);
  let request;
  let error;
  try {
    const now = typeof c.now === "number" ? c.now : undefined;
    request = client(c.config ?? {}).buildRequest(operation, c.input ?? {}, { now });
  } catch (e) {
    if (e instanceof Failure) throw e;
    error = e;
  }
  if (expect.error) {
    if (!error) fail(`expected a ${expect.error.kind} error, built ${request.method} ${request.url}`);
    return checkError(error, expect.error);
  }
  if (error) fail(`unexpected error: ${error.message}`);
  if (typeof expect.method === "string" && request.method !== expect.method) fail(`method ${request.method} != ${expect.method}`);
  if (typeof expect.url === "string") sameUrl(request.url, expect.url);
  if (expect.headers && typeof expect.headers === "object") {
    for (const [name, value] of Object.entries(expect.headers)) {
      const actual = request.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      if (actual !== value) fail(`header ${name}: ${show(actual)} != ${show(value)}`);
    }
  }
  if ("json" in expect) {
    let actual;
    try {
      actual = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(request.body));
    } catch (e) {
      fail(`body is not JSON: ${e.message}`);
    }
    if (!jsonEqual(actual, expect.json)) fail(`json body ${show(actual)} != ${show(expect.json)}`);
  }
  if (Array.isArray(expect.multipart)) checkMultipart(request, expect.multipart);
}

/** JSON equality: objects by key (any order), arrays in order, numbers by value. */
function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (typeof a === "object") {
    if (Array.isArray(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function sameUrl(actual, expected) {
  let a, e;
  try {
    a = new URL(actual);
  } catch (err) {
    fail(`built URL ${show(actual)}: ${err.message}`);
  }
  try {
    e = new URL(expected);
  } catch (err) {
    fail(`expected URL ${show(expected)}: ${err.message}`);
  }
  const trim = (u) => (u.pathname.endsWith("/") ? u.pathname.slice(0, -1) : u.pathname);
  const pairs = (u) => [...u.searchParams.entries()].map(([k, v]) => `${k}\u0000${v}`).sort();
  if (a.protocol !== e.protocol || a.hostname !== e.hostname || a.port !== e.port || trim(a) !== trim(e) || show(pairs(a)) !== show(pairs(e))) {
    fail(`url ${actual} != ${expected}`);
  }
}

function indexOf(haystack, needle, from = 0) {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Multipart parts as the core's `multipart::parse` reads them (names and file names as on the wire). */
function parseMultipart(contentType, body) {
  const [mime, ...params] = contentType.split(";");
  if (mime.trim().toLowerCase() !== "multipart/form-data") fail("expected multipart/form-data");
  const boundary = params.map((p) => p.split("=")).find(([k]) => k.trim().toLowerCase() === "boundary")?.slice(1).join("=").trim().replace(/^"|"$/g, "");
  if (!boundary) fail("the multipart boundary is missing");
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  let at = indexOf(body, delimiter);
  if (at < 0) fail("no multipart boundary in the body");
  at += delimiter.length;
  const parts = [];
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) fail("malformed multipart boundary line");
    at += 2;
    const end = indexOf(body, delimiter, at);
    if (end < 0) fail("unterminated multipart part");
    if (body[end - 2] !== 0x0d || body[end - 1] !== 0x0a) fail("malformed multipart part ending");
    const chunk = body.subarray(at, end - 2);
    const split = indexOf(chunk, new TextEncoder().encode("\r\n\r\n"));
    if (split < 0) fail("malformed multipart part headers");
    const head = new TextDecoder().decode(chunk.subarray(0, split));
    const part = { name: "", filename: null, contentType: null, data: chunk.subarray(split + 4) };
    for (const line of head.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon < 0) fail("malformed multipart part headers");
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1);
      if (key === "content-disposition") {
        for (const param of value.split(";").slice(1)) {
          const eq = param.indexOf("=");
          if (eq < 0) continue;
          const k = param.slice(0, eq).trim().toLowerCase();
          const v = param.slice(eq + 1).trim().replace(/^"+|"+$/g, "");
          if (k === "name") part.name = v;
          if (k === "filename") part.filename = v;
        }
      } else if (key === "content-type") {
        part.contentType = value.trim();
      }
    }
    if (!part.name) fail("a multipart part without a name");
    parts.push(part);
    at = end + delimiter.length;
  }
}

function checkMultipart(request, expected) {
  const contentType = request.headers.find(([n]) => n.toLowerCase() === "content-type")?.[1];
  if (!contentType) fail("no Content-Type");
  const parts = parseMultipart(contentType, request.body);
  if (parts.length !== expected.length) fail(`${parts.length} parts ${show(parts.map((p) => p.name))}, expected ${expected.length}`);
  for (const want of expected) {
    const name = str(want.name);
    const part = parts.find((p) => p.name === name);
    if (!part) fail(`no part ${show(name)}`);
    if (typeof want.text === "string" && Buffer.compare(Buffer.from(part.data), Buffer.from(want.text, "utf8")) !== 0) {
      fail(`part ${name}: ${show(Buffer.from(part.data).toString())} != ${show(want.text)}`);
    }
    if (typeof want.filename === "string" && part.filename !== want.filename) fail(`part ${name}: filename ${show(part.filename)} != ${show(want.filename)}`);
    if (typeof want.content_type === "string" && part.contentType !== want.content_type) {
      fail(`part ${name}: content type ${show(part.contentType)} != ${show(want.content_type)}`);
    }
    if (typeof want.sha256 === "string") {
      const actual = createHash("sha256").update(part.data).digest("hex");
      if (actual !== want.sha256.toLowerCase()) fail(`part ${name}: sha256 ${actual} != ${want.sha256}`);
    }
  }
}

// ---- parse_response ----

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

/** The package's output in the vectors' shape: lists as the API's wrapper, 204 as {}, downloads as metadata. */
function vectorView(operation, output) {
  if (output === undefined || output === null) return {};
  if (LIST_KEYS[operation]) return { [LIST_KEYS[operation]]: output.items };
  if (output.content instanceof Uint8Array) {
    return {
      content_type: output.contentType,
      filename: output.filename,
      size: output.content.length,
      sha256: createHash("sha256").update(output.content).digest("hex"),
      content_base64: Buffer.from(output.content).toString("base64"),
    };
  }
  return output;
}

function parseResponse(c) {
  const operation = str(c.operation);
  const response = responseOf(c);
  const expect = c.expect ?? {};
  let output;
  let error;
  try {
    output = client({ token: "test_vectors", api_version: c.api_version }).parseResponse(operation, response);
  } catch (e) {
    error = e;
  }
  if (expect.error) {
    if (!error) fail(`expected a ${expect.error.kind} error, parsed ${show(vectorView(operation, output))}`);
    return checkError(error, expect.error);
  }
  if (error) fail(`unexpected error: ${error.message}`);
  if (!("ok" in expect)) fail("expect has neither ok nor error");
  // v3 answers already read back as the API's JSON (tests/vectors/README.md).
  const v3 = c.api_version === "v3.4" || c.api_version === "v3.6";
  subset(v3 ? output : vectorView(operation, output), expect.ok, "");
}

/** `expected` names a subset of `actual`: objects key by key, arrays element by element. */
function subset(actual, expected, path) {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected) && actual !== null && typeof actual === "object" && !Array.isArray(actual)) {
    for (const [k, v] of Object.entries(expected)) {
      const child = `${path}.${k}`;
      if (Object.hasOwn(actual, k)) subset(actual[k], v, child);
      else if (v !== null) fail(`${child}: missing, expected ${show(v)}`);
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) fail(`${path}: ${actual.length} elements, expected ${expected.length}`);
    expected.forEach((w, i) => subset(actual[i], w, `${path}[${i}]`));
    return;
  }
  if (!jsonEqual(actual, expected)) fail(`${path || "."}: ${show(actual)} != ${show(expected)}`);
}

function checkError(error, expected) {
  if (!isOnfidoError(error)) fail(`not an OnfidoError: ${error?.stack ?? error}`);
  const kind = str(expected.kind);
  if (error.kind !== kind) fail(`error kind ${error.kind} != ${kind} (${error.message})`);
  if (typeof expected.status === "number" && error.status !== expected.status) fail(`status ${error.status} != ${expected.status}`);
  if ("type" in expected && (error.type ?? null) !== expected.type) fail(`type ${show(error.type)} != ${show(expected.type)}`);
  if ("id" in expected && (error.errorId ?? null) !== expected.id) fail(`id ${show(error.errorId)} != ${show(expected.id)}`);
  if ("retry_after" in expected) {
    const want = expected.retry_after;
    const actual = error.retryAt !== undefined ? { at: error.retryAt } : (error.retryAfter ?? null);
    if (!jsonEqual(actual, want)) fail(`retry_after ${show(actual)} != ${show(want)}`);
  }
  if (typeof expected.message === "string" && error.apiMessage !== expected.message && error.message !== expected.message) {
    fail(`message ${show(error.apiMessage)} != ${show(expected.message)}`);
  }
  const fields = error.fields ?? {};
  if (Array.isArray(expected.fields)) {
    for (const name of expected.fields) if (!Object.hasOwn(fields, str(name))) fail(`no error on field ${show(name)}; errors: ${error.message}`);
  } else if (expected.fields && typeof expected.fields === "object") {
    for (const [name, messages] of Object.entries(expected.fields)) {
      if (!jsonEqual(fields[name], messages)) fail(`field ${name}: ${show(fields[name])} != ${show(messages)}`);
    }
  }
}

// ---- the rules ----

function linkHeader(c) {
  const header = str(c.header);
  let links;
  let error;
  try {
    links = parseLinkHeader(header);
  } catch (e) {
    error = e;
  }
  if (c.expect === "invalid") {
    if (!error) fail(`expected invalid, parsed ${show(links)}`);
    return;
  }
  if (error) fail(`refused: ${error.message}`);
  subset({ next: links.next, prev: links.prev, first: links.first, last: links.last }, c.expect, "");
}

function referrerPattern(c) {
  let outcome;
  try {
    const pattern = new ReferrerPattern(str(c.pattern));
    outcome = pattern.matches(str(c.url)) ? "match" : "no_match";
  } catch (e) {
    if (e instanceof Failure) throw e;
    outcome = "invalid_pattern";
  }
  if (outcome !== str(c.expect)) fail(`${outcome} != ${c.expect}`);
}

function checkResultCase(c) {
  if (!Array.isArray(c.report_results)) fail("report_results is not a list");
  const actual = checkResult(c.report_results.map((r) => (typeof r === "string" ? r : null)));
  const expected = typeof c.expect === "string" ? c.expect : null;
  if (actual !== expected) fail(`${show(actual)} != ${show(c.expect)}`);
}

function webhookSignature(c) {
  const algorithm = str(c.algorithm).toLowerCase();
  if (!["sha1", "sha256", "sha2"].includes(algorithm)) fail("unknown algorithm");
  let body;
  if (typeof c.body_base64 === "string") body = new Uint8Array(Buffer.from(c.body_base64, "base64"));
  else if (typeof c.body === "string") body = new TextEncoder().encode(c.body);
  else if (c.body === undefined || c.body === null) body = new Uint8Array();
  else body = new TextEncoder().encode(JSON.stringify(c.body));
  const valid = verifySignature(body, str(c.signature), str(c.secret), algorithm === "sha1" ? "sha1" : "sha256");
  if (typeof c.valid !== "boolean") fail("valid is not a boolean");
  if (valid !== c.valid) fail(`verified ${valid}, expected ${c.valid}`);
}

const RUNNERS = {
  build_request: buildRequest,
  parse_response: parseResponse,
  link_header: linkHeader,
  referrer_pattern: referrerPattern,
  check_result: checkResultCase,
  webhook_signature: webhookSignature,
};

// ---- the run ----

const dirs = [join(repoRoot, "tests", "vectors"), join(repoRoot, "tests", "vectors", "v3")];
if (process.env.ONFIDO_VECTORS) dirs.push(process.env.ONFIDO_VECTORS);

let passed = 0;
let failed = 0;

for (const dir of dirs) {
  let files;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  } catch (e) {
    test(`vectors directory ${dir}`, () => {
      failed++;
      console.log(`FAIL ${dir}: cannot read the directory: ${e.message}`);
      assert.fail(`cannot read ${dir}`);
    });
    continue;
  }
  for (const file of files) {
    test(`vectors ${file}`, () => {
      let doc;
      try {
        doc = JSON.parse(readFileSync(join(dir, file), "utf8"));
      } catch (e) {
        failed++;
        console.log(`FAIL ${file}: not a JSON vector file: ${e.message}`);
        assert.fail(`${file} is not JSON`);
      }
      const kind = typeof doc?.kind === "string" ? doc.kind : "";
      const cases = Array.isArray(doc?.cases) ? doc.cases : [];
      const failures = [];
      for (const c of cases) {
        const name = typeof c?.name === "string" ? c.name : "(unnamed)";
        try {
          const run = RUNNERS[kind];
          if (!run) fail(`unknown vector kind ${show(kind)}: this runner supports ${KINDS.join(", ")}`);
          run(c);
          passed++;
        } catch (e) {
          failed++;
          const why = e instanceof Failure ? e.message : `crashed: ${e?.stack ?? e}`;
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
}

test.after(() => {
  console.log(`vectors: ${passed} passed, ${failed} failed`);
});

test("vectors ran", { concurrency: false }, () => {
  // Registered last: the file-level tests above run first, in order.
  assert.ok(passed + failed > 0, "no vector ran");
});
