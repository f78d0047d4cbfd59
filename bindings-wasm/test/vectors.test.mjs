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
// The core's one vector checker (the onfido-vectors crate), shipped in the sandbox's module.
import { checkVector } from "../pkg/dist/sandbox_native.mjs";

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

function buildRequest(c) {
  try {
    const now = typeof c.now === "number" ? c.now : undefined;
    const request = client(c.config ?? {}).buildRequest(str(c.operation), c.input ?? {}, { now });
    return { method: request.method, url: request.url, headers: request.headers, body_base64: Buffer.from(request.body).toString("base64") };
  } catch (e) {
    if (e instanceof Failure) throw e;
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
  let output;
  try {
    output = client({ token: "test_vectors", api_version: c.api_version }).parseResponse(operation, response);
  } catch (e) {
    return { error: errorView(e) };
  }
  // v3 answers already read back as the API's JSON (tests/vectors/README.md).
  const v3 = c.api_version === "v3.4" || c.api_version === "v3.6";
  return { ok: v3 ? output : vectorView(operation, output) };
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
        let why;
        try {
          // Observed through the package's API; judged by the core's checker (unknown kinds too).
          const observe = RUNNERS[kind];
          const observed = observe ? observe(c) : null;
          why = checkVector(kind, JSON.stringify(c), JSON.stringify(observed ?? null));
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
}

test.after(() => {
  console.log(`vectors: ${passed} passed, ${failed} failed`);
});

test("vectors ran", { concurrency: false }, () => {
  // Registered last: the file-level tests above run first, in order.
  assert.ok(passed + failed > 0, "no vector ran");
});
