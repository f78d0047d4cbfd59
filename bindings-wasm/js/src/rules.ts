// The core's rules for JavaScript: webhooks, referrer patterns, check results, findings,
// applicant data requirements, Web SDK token claims, Link headers.

import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import * as native from "./native.js";
import { OnfidoValidationError, core, translate } from "./errors.js";
import { bodyTypeError } from "./raw-body.js";
import { MAX_VALUES, boundedJson, deeperThan, invalid, kindOf, record, text } from "./guard.js";
import type * as m from "./models.js";
import type * as v2 from "./v2/models.js";
import type * as v3 from "./v3/models.js";

/** A raw body: the bytes as received (a `Buffer` is a `Uint8Array`), or text (sent as UTF-8). */
export type BodyInput = Uint8Array | ArrayBuffer | string;

/**
 * Request headers: Node's `req.headers` (`IncomingHttpHeaders`), a fetch `Headers`, a `Map`,
 * or `[name, value]` pairs. Names in any case.
 */
export type HeadersInput =
  | Record<string, string | string[] | undefined>
  | Iterable<readonly [string, string]>
  | { forEach(callback: (value: string, name: string) => void): void };

/** The webhook signature algorithms: `sha256` (X-SHA2-Signature, preferred) and `sha1` (X-Signature). */
export type SignatureAlgorithm = "sha256" | "sha1";

const encoder = new TextEncoder();

function bytes(body: BodyInput): Uint8Array {
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) {
    const view = body as ArrayBufferView;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  }
  throw bodyTypeError(body);
}

const SHA256_HEADER = "x-sha2-signature";
const SHA1_HEADER = "x-signature";

/**
 * The first value of a header in any of the accepted shapes (names in any case). A header that is
 * present but holds no text reads as "", an invalid signature: never as absent, so a bad
 * X-SHA2-Signature can not fall back to X-Signature.
 */
function firstValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === "string") ?? "";
  return "";
}

/** A record's own property, never one inherited from its prototype. */
function own(record: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

/**
 * The values of the two signature headers (the core picks which one to check). Node's
 * `req.headers` has lower-case names and is read directly; other shapes are scanned.
 */
function signatureHeaders(headers: HeadersInput): [string | undefined, string | undefined] {
  if (headers === null || typeof headers !== "object") return [undefined, undefined];
  const hasForEach = typeof (headers as { forEach?: unknown }).forEach === "function" && !Array.isArray(headers) && !(headers instanceof Map);
  const isRecord = !hasForEach && !(Symbol.iterator in headers);
  if (isRecord) {
    // Node's req.headers: lower-case names, read directly. Found, X-SHA2-Signature decides alone
    // (the core prefers it); otherwise a scan for names in other cases.
    const record = headers as Record<string, unknown>;
    const sha256 = firstValue(own(record, SHA256_HEADER));
    if (sha256 !== undefined) return [sha256, firstValue(own(record, SHA1_HEADER))];
  }
  let sha256: string | undefined;
  let sha1: string | undefined;
  const take = (name: string, value: unknown): void => {
    const lower = name.toLowerCase();
    if (lower === SHA256_HEADER) sha256 ??= firstValue(value);
    else if (lower === SHA1_HEADER) sha1 ??= firstValue(value);
  };
  if (hasForEach) {
    (headers as { forEach(cb: (value: unknown, name: unknown) => void): void }).forEach((value, name) => {
      if (typeof name === "string") take(name, value);
    });
  } else if (isRecord) {
    const record = headers as Record<string, unknown>;
    for (const name of Object.keys(record)) take(name, record[name]);
  } else {
    // Only [name, value] pairs with a string name count: anything else names no header (and
    // `String()` of a deeply nested array would overflow the stack).
    for (const pair of headers as Iterable<unknown>) if (Array.isArray(pair) && typeof pair[0] === "string") take(pair[0], pair[1]);
  }
  return [sha256, sha1];
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A webhook event from a notification's body: `JSON.parse` by the engine, then the shape every
 * event has (the core's `webhook::parse_event` reads the same): a `payload` object with a string
 * `action` and an `object` whose `id` is a string. Anything else is an `OnfidoDecodeError`.
 */
function readEvent(raw: Uint8Array): m.WebhookEvent {
  // The error's excerpt is the body's first characters: only those cross into the core.
  const notAnEvent = (why: string): unknown => translate(native.webhookEventError(why, raw.subarray(0, 1024)));
  let event: unknown;
  try {
    event = JSON.parse(decoder.decode(raw));
  } catch (error) {
    throw notAnEvent(error instanceof Error ? error.message : String(error));
  }
  // What the core's JSON parser (and so the Python and Kotlin packages) refuses, refused here too.
  if (deeperThan(event, EVENT_DEPTH)) throw notAnEvent(`recursion limit exceeded (nested deeper than ${EVENT_DEPTH} levels)`);
  const payload = isObject(event) ? event["payload"] : undefined;
  if (!isObject(payload)) throw notAnEvent("no payload object");
  if (typeof payload["action"] !== "string") throw notAnEvent("payload.action must be a string");
  const object = payload["object"];
  if (!isObject(object) || typeof object["id"] !== "string") throw notAnEvent("payload.object.id must be a string");
  return event as m.WebhookEvent;
}

/** How deeply a webhook event may nest: `serde_json`'s limit, which the core reads events with. */
const EVENT_DEPTH = 128;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

let lastKey: { secret: string; key: KeyObject } | undefined;

/** The token as a `KeyObject`, kept for the next call (a server verifies with one token). */
function hmacKey(secret: string): KeyObject {
  if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(Buffer.from(secret, "utf8")) };
  return lastKey.key;
}

/**
 * Verifies a webhook notification against the webhook's token and returns its event.
 *
 * Pass the raw body exactly as received (not re-serialised JSON) and the request's headers;
 * `X-SHA2-Signature` (HMAC-SHA256) is used when present, else `X-Signature` (HMAC-SHA1), compared
 * in constant time. Throws `OnfidoSignatureError` when the signature is missing or does not match.
 *
 * The core picks the header and compares (constant time); the HMAC itself is Node's `crypto`
 * (OpenSSL), twice as fast as the core's in WebAssembly.
 */
export function verifyWebhook(body: BodyInput, headers: HeadersInput, secret: string): m.WebhookEvent {
  const raw = bytes(body);
  const [sha256, sha1] = signatureHeaders(headers);
  if (typeof secret !== "string") throw new OnfidoValidationError("invalid input: secret: must be a string", { secret: ["must be a string"] });
  let isSha256: boolean;
  try {
    isSha256 = native.webhookSignatureIsSha256(sha256 !== undefined, sha1 !== undefined, secret === "");
  } catch (error) {
    throw translate(error);
  }
  const mac = createHmac(isSha256 ? "sha256" : "sha1", hmacKey(secret)).update(raw).digest("hex");
  if (!native.webhookMacMatches((isSha256 ? sha256 : sha1) ?? "", mac)) throw translate(native.webhookMismatchError(isSha256));
  return readEvent(raw);
}

/** Whether one signature value (hex) is the body's under `secret`, in constant time. */
export function verifySignature(body: BodyInput, signature: string, secret: string, algorithm: SignatureAlgorithm = "sha256"): boolean {
  const raw = bytes(body);
  const [sig, key, name] = [text(signature, "signature"), text(secret, "secret"), text(algorithm, "algorithm")];
  return core(() => native.verifySignature(raw, sig, key, name));
}

/** Reads a notification's event without verifying it (only after your own verification). */
export function parseWebhookEvent(body: BodyInput): m.WebhookEvent {
  return readEvent(bytes(body));
}

/** The hex signature Onfido sends for a body (`sha256` by default, or `sha1`): for tests. */
export function signWebhook(body: BodyInput, secret: string, algorithm: SignatureAlgorithm = "sha256"): string {
  const raw = bytes(body);
  const [key, name] = [text(secret, "secret"), text(algorithm, "algorithm")];
  return core(() => native.signWebhook(raw, key, name));
}

/** A Web SDK referrer pattern (`https://*.example.com/*`), matched as the API matches it. */
export class ReferrerPattern {
  readonly #native: native.ReferrerPattern;
  /** The pattern as given. */
  readonly pattern: string;

  /** Throws `OnfidoValidationError` (field `referrer`) for an invalid pattern. */
  constructor(pattern: string) {
    text(pattern, "referrer");
    this.#native = core(() => new native.ReferrerPattern(pattern));
    this.pattern = pattern;
  }

  /** Whether a page URL matches (userinfo never decides the host; non-http(s) URLs never match). */
  matches(url: string): boolean {
    return this.#native.matches(text(url, "url"));
  }

  /** Warnings to show a user (path-specific patterns, `*` hosts, `*://`). */
  lint(): string[] {
    return this.#native.lint() as string[];
  }

  toString(): string {
    return this.pattern;
  }
}

/** A check's result from its reports' results: `consider`, `clear`, or `null` while undecided. */
export function checkResult(reportResults: ReadonlyArray<string | null | undefined>): "clear" | "consider" | null {
  if (!Array.isArray(reportResults)) throw invalid("report_results", `must be an array, not ${kindOf(reportResults)}`);
  if (reportResults.length > MAX_VALUES) throw invalid("report_results", `holds more than ${MAX_VALUES} values`);
  const results = reportResults.map((r, i) => (typeof r === "string" ? text(r, `report_results[${i}]`) : null));
  return (core(() => native.checkResult(results)) ?? null) as "clear" | "consider" | null;
}

/** The breakdowns of a report a reviewer must look at, deepest first in name order. */
export function findings(report: v3.Report | v2.Report | Record<string, unknown>): m.Finding[] {
  const json = boundedJson(record(report, "report"), "report");
  return core(() => native.findings(json) as m.Finding[]);
}

/** The applicant data a check's reports need and the applicant lacks (before the server says `failed_check_requirements`). */
export function missingApplicantData(
  check: v3.CreateCheckInput | v2.CreateCheckInput | Record<string, unknown>,
  applicant: v3.Applicant | v3.CreateApplicantInput | v3.UpdateApplicantInput | v2.Applicant | v2.CreateApplicantInput | v2.UpdateApplicantInput | Record<string, unknown>,
): m.MissingData[] {
  const checkJson = boundedJson(record(check, "check"), "check");
  const applicantJson = boundedJson(record(applicant, "applicant"), "applicant");
  return core(() => native.missingApplicantData(checkJson, applicantJson) as m.MissingData[]);
}

/** A Web SDK token's claims (`exp`, `iat`…), read without checking its signature. */
export function sdkTokenClaims(token: string): m.SdkTokenClaims {
  text(token, "token");
  return core(() => native.sdkTokenClaims(token) as m.SdkTokenClaims);
}

/** The `next`, `prev`, `first` and `last` targets of a `Link` header (RFC 8288); throws `OnfidoDecodeError` for an invalid one. */
export function parseLinkHeader(header: string): m.LinkRelations {
  text(header, "link");
  return core(() => native.parseLinkHeader(header) as m.LinkRelations);
}

/** Every v2 operation id (v3.6's: the keys of `Onfido`'s methods' table, `api/METHODS.md`). */
export function operations(): v2.OperationId[] {
  return native.operations() as v2.OperationId[];
}

/** Whether repeating an operation cannot create a second resource (what retries depend on). */
export function isIdempotent(operation: v2.OperationId): boolean {
  text(operation, "operation");
  return core(() => native.isIdempotent(operation));
}

/** The version of the Rust core inside. */
export const coreVersion: string = native.version();
