// The client every API version shares (`Client`: settings, hooks, the call loop, the entry points
// the generated resources call) and what it returns (`Paginated`, pages, downloads). The core's call
// driver decides retries, pacing, pagination and redirects; this file only sends, sleeps and returns.

import * as native from "./native.js";
import { OnfidoConfigError, OnfidoDecodeError, OnfidoTransportError, OnfidoValidationError, core, translate } from "./errors.js";
import { MAX_BODY, boundedJson, configText, headerPairs, invalid, kindOf, record, text, bytes as checkedBytes } from "./guard.js";
import type { Download, FileInput, Page, PageLink, PageLinks } from "./models.js";
import { parseLinkHeader } from "./rules.js";
import { readFileInput } from "./files.js";
import { FetchTransport, TransportFailure } from "./transport.js";
import type { AbortSignalLike, FetchLike, OnfidoRequest, OnfidoResponse, Transport } from "./transport.js";

/** The core has checked a body it hands back as the answer: valid UTF-8 JSON. */
const utf8 = new TextDecoder();

/** When to retry: 429 always; 5xx, timeouts and lost connections only for requests safe to repeat. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 4; 1 never retries). */
  maxAttempts?: number;
  /**
   * The first backoff after a 5xx, a timeout or a failed connection, doubling each time (default
   * 1 000 ms). A 429 without `Retry-After` waits 30 000 ms first, as the getting-started guide says.
   */
  initialDelayMs?: number;
  /** The longest backoff (default 30 000 ms). */
  maxDelayMs?: number;
  /** The longest `Retry-After` worth waiting for; longer ones give up (default 30 000 ms). */
  maxRetryAfterMs?: number;
  /** Tries and waits together: nothing is waited past this after the first try (default 60 000 ms). */
  deadlineMs?: number;
}

/** How to reach the API: what every version's client takes. */
export interface CommonOptions {
  /** The API token (`test_…`, `live_…`, `us_test_…`, `api_sandbox.…`); leave it out behind your own proxy (then `baseUrl` is required). */
  apiToken?: string | undefined;
  /** `eu`, `us` or `ca` (default: the token's region, else `eu`). */
  region?: "eu" | "us" | "ca" | (string & {}) | undefined;
  /** A base URL instead of the region's: https, or http on loopback. */
  baseUrl?: string | undefined;
  /** The API version (each client speaks its own). */
  apiVersion?: string | undefined;
  /** How requests are sent (default: `FetchTransport` on global `fetch`). */
  transport?: Transport | undefined;
  /** The `fetch` the default transport uses (default: global `fetch`). */
  fetch?: FetchLike | undefined;
  /** Per try, in milliseconds (default 30 000). */
  timeoutMs?: number | undefined;
  /** Retry settings, or `false` never to retry (default: 4 tries, 429 always). */
  retry?: RetryPolicy | false | undefined;
  /** Keep under the documented rate limit (400 a minute live, 30 in the sandbox) by waiting before sending. */
  pace?: boolean | undefined;
  /** Allow a live token where `window` exists. API tokens do not belong in browsers: use a backend. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Your application's name (and version), appended to the `User-Agent`: `my-app/1.2`. */
  appName?: string | undefined;
  /** Called as the client works, for logs and metrics; never given a header or a body. */
  hooks?: OnfidoHooks | undefined;
}

/** What the client reports as it works (each hook optional; a hook that throws is ignored). */
export interface OnfidoHooks {
  /** A request is about to be sent (`purpose`: `call`, `token` or `redirect`). */
  request?(event: { operation: string; method: string; url: string; attempt: number; purpose: string }): void;
  /** A response arrived, or the transport failed (`status` undefined, `failure` set). */
  response?(event: { operation: string; status: number | undefined; failure: string | undefined; elapsedMs: number }): void;
  /** The client waits before trying again (`reason` `retry`) or for the rate limit (`pacing`). */
  wait?(event: { operation: string; ms: number; reason: string }): void;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call, including its waits between retries. */
  signal?: AbortSignalLike | undefined;
  /** This call's timeout per try, in milliseconds (default: the client's `timeoutMs`). */
  timeoutMs?: number | undefined;
  /** Extra headers for this call (`Authorization`, `Content-Type` and the like are the client's). */
  headers?: Record<string, string> | undefined;
}

/** `OnfidoV2`'s options. */
export interface OnfidoOptions extends CommonOptions {
  /** `v2`, the only version this client speaks (v3.6 and v3.4: `Onfido`). */
  apiVersion?: "v2" | undefined;
}

interface Step {
  kind: "send" | "wait" | "done";
  request: OnfidoRequest;
  timeoutMs: number;
  attempt: number;
  purpose: string;
  ms: number;
  reason: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  next?: string;
}

type Input = Record<string, unknown>;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Calls a hook, ignoring what it throws: logging never breaks a call. */
function report<E>(hook: ((event: E) => void) | undefined, event: E): void {
  try {
    hook?.(event);
  } catch {
    // A failing hook is the application's to fix; the call goes on.
  }
}

/** A `TransportFailure` from any copy of this package (ESM or CommonJS). */
function isTransportFailure(error: unknown): error is TransportFailure {
  return error instanceof Error && error.name === "TransportFailure" && typeof (error as { failure?: unknown }).failure === "string";
}

/** Arguments left `undefined` are not sent (`values`, named `field` in errors, must be an object). */
function clean(values: unknown, field = "input"): Input {
  const given = record(values, field);
  const out: Input = {};
  for (const key of Object.keys(given)) if (given[key] !== undefined) out[key] = given[key];
  return out;
}

/** Base64 of bytes (Node's `Buffer`), how an upload's content travels inside the JSON input. */
function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

function isBytes(value: unknown): value is Uint8Array | ArrayBuffer {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

/**
 * An input as the JSON text the core reads: `file.content` bytes become `file.content_base64`.
 * A value JSON cannot hold (a cycle, a BigInt), nests deeper than the core allows or is not an
 * object at all is an `OnfidoValidationError` naming the field (see `guard.ts`).
 */
function inputJson(input: unknown): string {
  let values = clean(input);
  const file = values["file"] as { content?: unknown } | undefined;
  if (file !== null && typeof file === "object" && isBytes(file.content)) {
    const { content, ...rest } = file as { content: Uint8Array | ArrayBuffer };
    const bytes = content instanceof ArrayBuffer ? new Uint8Array(content) : content;
    values = { ...values, file: { ...rest, content_base64: base64(bytes) } };
  }
  return boundedJson(values, "input");
}

/** The options object of `new Onfido()`, or the `OnfidoConfigError` on what is wrong with it. */
function settings(options: unknown): CommonOptions {
  const fail = (field: string, what: string, value: unknown): never => {
    throw new OnfidoConfigError(`invalid configuration: ${field}: must be ${what}, not ${kindOf(value)}`, field);
  };
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) fail("options", "an object", options);
  const o = options as Record<string, unknown>;
  const transport = o["transport"];
  if (transport !== undefined && (transport === null || typeof (transport as { send?: unknown }).send !== "function")) {
    fail("transport", "an object with a send(request, options) method", transport);
  }
  if (o["fetch"] !== undefined && typeof o["fetch"] !== "function") fail("fetch", "a function", o["fetch"]);
  const timeout = o["timeoutMs"];
  if (timeout !== undefined && !(typeof timeout === "number" && Number.isFinite(timeout) && timeout > 0)) {
    fail("timeoutMs", "a positive number of milliseconds", timeout);
  }
  const retry = o["retry"];
  if (retry !== undefined && retry !== false && (retry === null || typeof retry !== "object" || Array.isArray(retry))) {
    fail("retry", "an object or false", retry);
  }
  for (const flag of ["pace", "dangerouslyAllowBrowser"]) {
    if (o[flag] !== undefined && typeof o[flag] !== "boolean") fail(flag, "a boolean", o[flag]);
  }
  return o as CommonOptions;
}

/** A whole number setting in `[min, max]` (default `fallback`), else an `OnfidoConfigError` on `field`. */
function count(value: unknown, field: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    const what = typeof value === "number" ? `the number ${String(value)}` : kindOf(value);
    throw new OnfidoConfigError(`invalid configuration: ${field}: must be a number from ${min} to ${max}, not ${what}`, field);
  }
  return value;
}

/** What is wrong with a transport's answer, if anything (a body that is not bytes, headers that are not pairs). */
function answerProblem(response: unknown): string | undefined {
  if (response === null || typeof response !== "object") return kindOf(response);
  const { headers, body } = response as { headers?: unknown; body?: unknown };
  if (!(body instanceof Uint8Array)) return `a body that is ${kindOf(body)}, not a Uint8Array`;
  if (!Array.isArray(headers) || !headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === "string" && typeof h[1] === "string")) {
    return "headers that are not [name, value] string pairs";
  }
  return undefined;
}

/** How an operation's answer reads (generated into each version's `OPERATIONS`). */
export interface OperationInfo {
  /** `object`, `list` (`key`: the wrapper's list), `page` (a listing with pages), `download`, `none` (204), `location` (201 without a body), `text`. */
  answer: "object" | "list" | "page" | "download" | "none" | "location" | "text";
  key?: string;
  /** The path parameters, in the order the methods take them. */
  path?: readonly string[];
  /** The field that takes a file. */
  upload?: string;
  /** Fields whose format is a date: a `Date` there is sent as its UTC `yyyy-mm-dd`. */
  dates?: readonly string[];
}

/** @internal The API versions a client speaks (the first is its default), and what to say of another. */
export interface ApiVersions {
  readonly speaks: readonly string[];
  readonly refusal: string;
}

type Answer = { output: unknown; next: Input | undefined; headers: [string, string][] };

/**
 * Every member of an answer as sent, those the models do not name included:
 * `raw(applicant)["new_field"]`. The same object, typed as a record.
 */
export function raw(model: object): Readonly<Record<string, unknown>> {
  return model as Readonly<Record<string, unknown>>;
}

/**
 * Every item of a listing with pages, page after page: `for await (const a of onfido.applicants.list())`.
 * `pages()`: each page; `toArray()`: every item in one array. (One page: `listPage`.)
 */
export class Paginated<T> implements AsyncIterable<T> {
  readonly #client: Client<string>;
  readonly #operation: string;
  readonly #ids: readonly string[];
  readonly #input: object;
  readonly #options: CallOptions | undefined;

  /** @internal */
  constructor(client: Client<string>, operation: string, ids: readonly string[], input: object, options?: CallOptions) {
    this.#client = client;
    this.#operation = operation;
    this.#ids = ids;
    this.#input = input;
    this.#options = options;
  }

  /**
   * Each page in turn. A next page that is not after this one (a `Link` that keeps naming the same
   * page) ends the listing with an `OnfidoDecodeError`, by the core's rule, rather than the same
   * pages requested forever.
   */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let input: Input | undefined = await this.#client._input(this.#operation, this.#ids, this.#input);
    while (input !== undefined) {
      const [page, next]: [Page<T>, Input | undefined] = await this.#client._pageOf<T>(this.#operation, input, this.#options);
      yield page;
      // The core names the next page, and refuses one that is not after this one.
      input = next;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item in one array. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }
}

/**
 * The input as the call loop takes it: an upload's file read whole, `Date`s at date-only fields as
 * their UTC `yyyy-mm-dd` (other `Date`s: `JSON.stringify` writes ISO timestamps). A value JSON
 * cannot hold (a cycle, a BigInt) is an `OnfidoValidationError` on `input`, as the call loop says.
 */
async function prepare(info: OperationInfo, input: Input): Promise<Input> {
  let values: Input = input;
  let upload: Input = {};
  if (info.upload !== undefined) {
    const { filename, [info.upload]: file, ...rest } = values;
    values = rest;
    if (filename !== undefined) text(filename, "filename");
    // A file left out is the core's to refuse (a validation error naming it), like any required field.
    if (file !== undefined) {
      const read = await readFileInput(file as FileInput);
      const name = typeof filename === "string" ? filename : read.name;
      upload = { [info.upload]: name === undefined ? { content: read.content } : { filename: name, content: read.content } };
    }
  }
  if (info.dates !== undefined) {
    const names = new Set(info.dates);
    // What JSON cannot hold (a cycle, a BigInt, too deep) is refused naming where, as the call loop does.
    boundedJson(values, "input");
    try {
      // The replacer sees each value after its `toJSON`; `this[key]` is still the `Date`.
      const json = JSON.stringify(values, function (this: Record<string, unknown>, key: string, value: unknown) {
        const original = this[key];
        return original instanceof Date && names.has(key) && !Number.isNaN(original.getTime()) ? original.toISOString().slice(0, 10) : value;
      });
      values = JSON.parse(json) as Input;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new OnfidoValidationError(`invalid input: ${why}`, { input: [`cannot be written as JSON: ${why}`] });
    }
  }
  return { ...values, ...upload };
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function pageLink(url: string | null): PageLink | null {
  if (url === null) return null;
  const number = (name: string): number | null => {
    try {
      const found = new URL(url).searchParams.get(name);
      return found !== null && /^\d+$/.test(found) ? Number(found) : null;
    } catch {
      return null;
    }
  };
  return { url, page: number("page"), per_page: number("per_page") };
}

/** A page from the items and the `Link` and `X-Total-Count` headers. */
function toPage<T>(items: T[], headers: [string, string][]): Page<T> {
  const link = header(headers, "link");
  const relations = link === undefined ? { next: null, prev: null, first: null, last: null } : parseLinkHeader(link);
  const total = header(headers, "x-total-count");
  const links: PageLinks = {
    next: pageLink(relations.next),
    prev: pageLink(relations.prev),
    first: pageLink(relations.first),
    last: pageLink(relations.last),
    total_count: total !== undefined && /^\d+$/.test(total.trim()) ? Number(total.trim()) : null,
  };
  return { items, totalCount: links.total_count, nextPage: links.next?.page ?? null, prevPage: links.prev?.page ?? null, lastPage: links.last?.page ?? null, links };
}

function contentBytes(base64: unknown): Uint8Array {
  const buffer = Buffer.from(typeof base64 === "string" ? base64 : "", "base64");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The items of a list answer (the wrapper's list, or a bare array). */
function listItems(info: OperationInfo, output: unknown): unknown[] {
  const list = info.key === undefined ? output : (output as Input)[info.key];
  return Array.isArray(list) ? (list as unknown[]) : [];
}

/** The answer as the method returns it. */
function shape(info: OperationInfo, answer: Answer): unknown {
  const output = answer.output as Input;
  switch (info.answer) {
    case "none":
      return undefined;
    case "text":
      return typeof output["text"] === "string" ? output["text"] : "";
    case "location":
      return typeof output["location"] === "string" ? output["location"] : null;
    case "download": {
      const optional = (key: string): string | null => (typeof output[key] === "string" ? (output[key] as string) : null);
      const download: Download = { content: contentBytes(output["content_base64"]), contentType: optional("content_type"), filename: optional("filename") };
      return download;
    }
    case "list":
      return listItems(info, answer.output);
    case "page":
      return toPage(listItems(info, answer.output), answer.headers);
    default:
      return answer.output;
  }
}

/**
 * The client every API version shares: settings, the core's call loop (retries, pacing, pages and
 * redirects decided in Rust; this class sends, sleeps and returns), hooks, `request` by operation
 * id, and the entry points the generated resources call (`_call`, `_list`, `_page`). `Onfido`
 * (v3.6) and `OnfidoV2` are this client with their generated resources.
 */
export abstract class Client<Op extends string> {
  readonly #config: native.Config;
  readonly #session: native.Session;
  readonly #transport: Transport;
  readonly #hooks: OnfidoHooks;
  readonly #operations: { readonly [id: string]: OperationInfo };

  /** @internal */
  protected constructor(options: CommonOptions | undefined, versions: ApiVersions, operations: { readonly [id in Op]: OperationInfo }) {
    options = settings(options);
    const [apiToken, region] = [configText(options.apiToken, "api_token"), configText(options.region, "region")];
    const [given, baseUrl] = [configText(options.apiVersion, "api_version"), configText(options.baseUrl, "base_url")];
    const apiVersion = given ?? versions.speaks[0] ?? "";
    if (!versions.speaks.includes(apiVersion)) {
      throw new OnfidoConfigError(`invalid configuration: api_version: ${JSON.stringify(apiVersion)}: ${versions.refusal}`, "api_version");
    }
    this.#operations = operations;
    const appName = configText(options.appName, "app_name");
    this.#config = core(() => new native.Config(apiToken, region, apiVersion, baseUrl, "node", appName));
    const inBrowser = typeof (globalThis as { window?: unknown }).window !== "undefined";
    if (inBrowser && this.#config.environment === "live" && options.dangerouslyAllowBrowser !== true) {
      throw new OnfidoConfigError(
        "invalid configuration: api_token: a live API token must not be used in a browser, where anyone can read it; " +
          "call the API from your backend (or pass dangerouslyAllowBrowser: true if this is not a browser)",
        "api_token",
      );
    }
    this.#transport = options.transport ?? new FetchTransport(options.fetch ? { fetch: options.fetch } : {});
    const retry = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {});
    const ms = (name: keyof RetryPolicy, fallback: number): number => count(retry[name], `retry.${name}`, fallback, 0);
    this.#session = new native.Session(
      this.#config,
      count(retry.maxAttempts, "retry.maxAttempts", 4, 1, 0xffff_ffff),
      ms("initialDelayMs", 1_000),
      ms("maxDelayMs", 30_000),
      ms("maxRetryAfterMs", 30_000),
      ms("deadlineMs", 60_000),
      options.pace === true,
      count(options.timeoutMs, "timeoutMs", 30_000, 1),
    );
    this.#hooks = options.hooks ?? {};
  }

  /** `eu`, `us` or `ca`. */
  get region(): string {
    return this.#config.region;
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return this.#config.baseUrl;
  }

  /** `sandbox` or `live` from the token's prefix, if known. */
  get environment(): "sandbox" | "live" | undefined {
    return this.#config.environment as "sandbox" | "live" | undefined;
  }

  /** The `User-Agent` sent. */
  get userAgent(): string {
    return this.#config.userAgent;
  }

  /** A description without the token. */
  toString(): string {
    return `Onfido(region=${this.region}, baseUrl=${this.baseUrl}, environment=${this.environment ?? "unknown"})`;
  }

  /** @internal Node's `util.inspect`: never the token. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** @internal */
  toJSON(): { region: string; baseUrl: string; environment: string | undefined } {
    return { region: this.region, baseUrl: this.baseUrl, environment: this.environment };
  }

  /**
   * Builds an operation's request (core) without sending it, for your own transport; `now`
   * (Unix seconds, default the clock) is the date the rules that need one check against.
   */
  buildRequest(operation: Op, input: Input = {}, options: { now?: number } = {}): OnfidoRequest {
    const id = text(operation, "operation");
    const json = inputJson(input);
    const now = record(options, "options")["now"] ?? nowSeconds();
    if (typeof now !== "number" || !Number.isFinite(now)) throw invalid("now", `must be a finite number of Unix seconds, not ${kindOf(now)}`);
    return core(() => native.buildRequest(id, this.#config, json, now) as OnfidoRequest);
  }

  /**
   * Parses a response to an operation (core): the output as `request` resolves to it, or the
   * `OnfidoError` it carries (a non-2xx status is an `OnfidoApiError`).
   */
  parseResponse<T = unknown>(operation: Op, response: OnfidoResponse): T {
    const id = text(operation, "operation");
    const answer = record(response, "response");
    const status = answer["status"];
    if (!(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
      throw invalid("status", `must be an HTTP status (an integer from 100 to 599), not ${kindOf(status)}`);
    }
    const headers = headerPairs(answer["headers"], "headers");
    const body = checkedBytes(answer["body"], "body");
    if (body.length > MAX_BODY) {
      throw new OnfidoDecodeError(`could not decode the ${status as number} response: ${id}: its body is ${body.length} bytes, over the ${MAX_BODY}-byte limit`, status as number, "");
    }
    const output = core(() => native.parseResponse(id, status as number, headers, body, this.#config.apiVersion));
    // `undefined`: the core found the body to be the answer (JSON of its declared types).
    if (output === undefined) return JSON.parse(utf8.decode(body)) as T;
    return (output === null ? undefined : output) as T;
  }

  /**
   * Runs any operation by id (`create_applicant`, …) with its input by the API's field names:
   * the answer as JSON, as the core reads it (lists as the API's wrapper `{"applicants": [...]}`,
   * files as `{content_type, filename, size, sha256, content_base64}`, 204s as `{}`).
   */
  async request<T = unknown>(operation: Op, input: Input = {}, options: CallOptions = {}): Promise<T> {
    return (await this.#run(operation, input, options)).output as T;
  }

  /** The operation's answer table entry, or the validation error on an id this version lacks. */
  #info(operation: string): OperationInfo {
    const info = Object.hasOwn(this.#operations, operation) ? this.#operations[operation] : undefined;
    if (info === undefined) {
      throw new OnfidoValidationError(`invalid input: operation: ${JSON.stringify(operation)} is not an operation of this client's API version`, {
        operation: ["is not an operation of this client's API version"],
      });
    }
    return info;
  }

  /** A method's arguments as one input: the path ids (checked: text) over the input (checked: an object). */
  #values(info: OperationInfo, ids: readonly string[], input: object | undefined): Input {
    const values: Input = { ...record(input === undefined ? {} : input, "input") };
    (info.path ?? []).forEach((name, i) => {
      values[name] = text(ids[i], name);
    });
    return values;
  }

  /** @internal A method's input as the call loop takes it: its arguments as one input, prepared. */
  async _input(operation: string, ids: readonly string[], input: object | undefined): Promise<Input> {
    const info = this.#info(operation);
    return prepare(info, this.#values(info, ids, input));
  }

  /** @internal Runs one operation (path ids positional, the rest as the input); its answer as `OPERATIONS` says it reads. */
  async _call<T>(operation: Op, ids: readonly string[], input: object | undefined, options?: CallOptions): Promise<T> {
    const info = this.#info(operation);
    const answer = await this.#run(operation, await this._input(operation, ids, input), options);
    return shape(info, answer) as T;
  }

  /** @internal A listing with pages: every item, page after page. */
  _list<T>(operation: Op, ids: readonly string[], input: object | undefined, options?: CallOptions): Paginated<T> {
    // Wrong arguments are refused at once, not at the first page.
    this.#values(this.#info(operation), ids, input);
    return new Paginated<T>(this as Client<string>, operation, ids, input ?? {}, options);
  }

  /** @internal One page of a listing with pages. */
  async _page<T>(operation: Op, ids: readonly string[], input: object | undefined, options?: CallOptions): Promise<Page<T>> {
    return (await this._pageOf<T>(operation, await this._input(operation, ids, input), options))[0];
  }

  /** @internal One page from a prepared input, and the next page's input (the core's), if any. */
  async _pageOf<T>(operation: string, input: Input, options?: CallOptions): Promise<[Page<T>, Input | undefined]> {
    const info = this.#info(operation);
    const answer = await this.#run(operation, input, options);
    return [toPage(listItems(info, answer.output) as T[], answer.headers), answer.next];
  }

  /**
   * The core's call loop for one operation: sends and sleeps as its steps say. The parsed output
   * (JSON), for listings with pages the next page's input, and the answer's headers.
   */
  async #run(operation: string, input: Input, options: CallOptions = {}): Promise<Answer> {
    text(operation, "operation");
    const signal = record(options, "options")["signal"] as AbortSignalLike | undefined;
    if (signal !== undefined && (signal === null || typeof signal !== "object" || typeof signal.addEventListener !== "function")) {
      throw invalid("signal", `must be an AbortSignal, not ${kindOf(signal)}`);
    }
    const json = inputJson(input);
    const session = this.#session;
    const hooks = this.#hooks;
    const headers = options.headers === undefined ? undefined : Object.entries(options.headers);
    const call = core(() => new native.Call(session, operation, json, nowSeconds(), headers, options.timeoutMs));
    const now = (): [number, number, number] => [nowSeconds(), performance.now(), Math.random()];
    try {
      let step = core(() => call.start(session, ...now())) as Step;
      for (;;) {
        if (step.kind === "send") {
          const { request, attempt, purpose } = step;
          report(hooks.request, { operation, method: request.method, url: request.url, attempt, purpose });
          const started = performance.now();
          let response: OnfidoResponse | undefined;
          let failure: TransportFailure | undefined;
          try {
            response = await this.#transport.send(request, { timeoutMs: step.timeoutMs, signal });
          } catch (error) {
            if (!isTransportFailure(error)) throw translate(error);
            failure = error;
          }
          const elapsedMs = performance.now() - started;
          const shape = response === undefined ? undefined : answerProblem(response);
          if (shape !== undefined) throw new OnfidoTransportError(`${operation}: the transport answered ${shape}`, "lost");
          report(hooks.response, { operation, status: response?.status, failure: failure?.failure, elapsedMs });
          if (response !== undefined && !(Number.isInteger(response.status) && response.status >= 100 && response.status <= 599)) {
            // A custom transport's status that no HTTP answer has (65 736 used to wrap to 200).
            const message = `${operation}: the transport answered status ${String(response.status)}, which is not an HTTP status (100-599)`;
            throw new OnfidoTransportError(message, "lost");
          }
          const got = response;
          step = core(() =>
            got !== undefined
              ? call.received(session, ...now(), got.status, got.headers, got.body, undefined, undefined)
              : call.received(session, ...now(), undefined, undefined, undefined, failure?.failure, failure?.message),
          ) as Step;
        } else if (step.kind === "wait") {
          report(hooks.wait, { operation, ms: step.ms, reason: step.reason });
          await sleep(step.ms, signal);
          step = core(() => call.waited(session, ...now())) as Step;
        } else {
          const output = this.parseResponse(operation as Op, { status: step.status, headers: step.headers, body: step.body });
          return { output, next: step.next === undefined ? undefined : (JSON.parse(step.next) as Input), headers: step.headers };
        }
      }
    } finally {
      call.free();
    }
  }

}
