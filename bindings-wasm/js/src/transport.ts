// Transports: how requests reach the API. Global `fetch` by default, or the in-process sandbox.

import type * as sandboxNative from "./sandbox_native.js";
import { OnfidoConfigError, OnfidoTransportError, translate } from "./errors.js";
import type { TransportFailureKind } from "./errors.js";
import { proxiedFetch, proxyFor, type ProxyOptions } from "./proxy.js";
import { bytes, headerPairs, kindOf, record, text } from "./guard.js";

/** Header pairs in order, names as sent. */
export type HeaderPairs = Array<[string, string]>;

/** A request the core built: send it as it is. */
export interface OnfidoRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderPairs;
  readonly body: Uint8Array;
}

/** What came back: status, headers in order, the raw body. */
export interface OnfidoResponse {
  readonly status: number;
  readonly headers: HeaderPairs;
  readonly body: Uint8Array;
}

/** An `AbortSignal` (structurally). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** How one send may take: its timeout, and the caller's signal to cancel it. */
export interface SendOptions {
  timeoutMs: number;
  signal?: AbortSignalLike | undefined;
}

/** Sends one request. Throws `TransportFailure` when the network fails; the client decides on retries. */
export interface Transport {
  send(request: OnfidoRequest, options: SendOptions): Promise<OnfidoResponse>;
}

/** The network failed: `connect` (nothing was sent), `timeout` or `lost`. */
export class TransportFailure extends Error {
  override name = "TransportFailure";
  readonly failure: TransportFailureKind;
  constructor(failure: TransportFailureKind, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.failure = failure;
  }
}

/** The `init` this package passes to `fetch`. */
export interface FetchInit {
  method: string;
  headers: HeaderPairs;
  /** A `Uint8Array` (typed loosely so that the global `fetch`'s `BodyInit` accepts it in every TypeScript version). */
  body?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** An `AbortSignal`. */
  signal: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  redirect: "manual";
}

/** What this package reads from a `fetch` response. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { forEach(callback: (value: string, name: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `fetch` function: the global one (Node 18+), undici's, or a test double. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"];

const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CONNECT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  const code = errorCode(error);
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return [message, typeof cause === "string" ? cause : undefined, code].filter(Boolean).join(": ");
}

/**
 * Sends requests with `fetch` (global by default, injectable), each aborted through an
 * `AbortSignal` when its timeout passes or the caller's signal fires.
 * Redirects are not followed: the API does not redirect, and a token must not follow one.
 */
export class FetchTransport implements Transport {
  readonly #fetch: FetchLike;
  /** Proxy settings (the global fetch only: a given `fetch` brings its own); the environment is read when constructed. */
  readonly #proxy: ProxyOptions | undefined;
  readonly #env: Record<string, string | undefined> = {};

  /**
   * `fetch`: yours instead of the global one (proxies are then its business). `proxy`, `noProxy`:
   * see `ProxyOptions`; by default `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (either case) are honoured,
   * through the optional dependency `undici`.
   */
  constructor(options: { fetch?: FetchLike } & ProxyOptions = {}) {
    const f = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
    if (typeof f !== "function") {
      throw new TypeError("onfido-core: no global fetch (Node 18+ has one); pass options.fetch");
    }
    this.#fetch = options.fetch ?? ((url, init) => f(url, init));
    if (options.fetch === undefined) {
      this.#proxy = { proxy: options.proxy, noProxy: options.noProxy };
      const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
      for (const name of PROXY_VARIABLES) this.#env[name] = env[name];
    }
  }

  async send(request: OnfidoRequest, options: SendOptions): Promise<OnfidoResponse> {
    if (options.signal?.aborted) throw options.signal.reason ?? abortError();
    const proxy = this.#proxy === undefined ? undefined : proxyFor(request.url, this.#proxy, this.#env);
    // Outside the try below: a missing undici or a bad proxy URL is a configuration error, not a network failure to retry.
    const fetch = proxy === undefined ? this.#fetch : await proxiedFetch(proxy);
    // One signal for fetch: aborted by the timeout or by the caller's signal. (A referenced timer,
    // unlike AbortSignal.timeout's, so a send cannot outlive its timeout with nothing else pending.)
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, "TimeoutError"));
    }, Math.max(1, options.timeoutMs));
    const onAbort = (): void => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const init: FetchInit = { method: request.method, headers: request.headers, signal: controller.signal, redirect: "manual" };
    if (request.body.length > 0 || (request.method !== "GET" && request.method !== "HEAD")) init.body = request.body;
    let stage: "connect" | "body" = "connect";
    // The timeout fires whether or not the fetch honours its signal: every await races it.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
    });
    aborted.catch(() => undefined);
    try {
      const response = await Promise.race([fetch(request.url, init), aborted]);
      stage = "body";
      const headers: HeaderPairs = [];
      response.headers.forEach((value, name) => headers.push([name, value]));
      const body = new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
      return { status: response.status, headers, body };
    } catch (error) {
      if (timedOut) throw new TransportFailure("timeout", `no answer within ${options.timeoutMs} ms`, error);
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      const code = errorCode(error);
      if (stage === "connect" && code !== undefined && CONNECT_CODES.has(code)) {
        throw new TransportFailure("connect", `could not connect: ${describe(error)}`, error);
      }
      throw new TransportFailure("lost", `the connection failed: ${describe(error)}`, error);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }
}

function abortError(): Error {
  const error = new Error("This operation was aborted");
  error.name = "AbortError";
  return error;
}

/** A request shown without its `Authorization` value (for logs). */
export function redactRequest(request: OnfidoRequest): { method: string; url: string; headers: HeaderPairs; body: string } {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers.map(([n, v]): [string, string] => [n, n.toLowerCase() === "authorization" ? "***" : v]),
    body: `<${request.body.length} bytes>`,
  };
}

/** How many sandbox modules were loaded: each after the first is a fresh instance. */
let sandboxInstances = 0;

/**
 * A fresh instance of the sandbox's module (its own WebAssembly memory): the first import
 * normally, later ones under another module URL (ES modules) or with the module cache cleared
 * (CommonJS), since an instance that trapped (out of memory) cannot be used again.
 */
async function freshSandboxModule(): Promise<typeof sandboxNative> {
  const n = sandboxInstances++;
  // CommonJS: this file's own `require`. (ES modules have none.)
  if (typeof require === "function" && typeof module === "object") {
    const path = require.resolve("./sandbox_native.js");
    if (n > 0) delete require.cache[path];
    return require(path) as typeof sandboxNative;
  }
  return (await import(n === 0 ? "./sandbox_native.js" : "./sandbox_native.js" + `?instance=${n}`)) as typeof sandboxNative;
}

/**
 * The offline sandbox in process: the whole v2 API simulated in memory, no server, no network,
 * deterministic ids. Use any sandbox token (`test_…`). The webhook notifications it produces are
 * kept in `deliveries` as signed requests, to test a webhook handler with.
 *
 * The simulator is its own `.wasm` (`sandbox_native_bg.wasm`), loaded on the first `send`, so
 * that code which never uses the sandbox never loads it. Should it fail (its WebAssembly memory
 * exhausted by a giant request), that request is an `OnfidoTransportError` and the next one
 * starts a fresh, empty sandbox.
 */
export class SandboxTransport implements Transport {
  #sandbox: Promise<sandboxNative.Sandbox> | undefined;
  readonly #options: { rateLimit?: number; baseUrl?: string };
  readonly #now: () => number;
  /** The signed webhook notifications produced so far. */
  readonly deliveries: OnfidoRequest[] = [];

  constructor(options: { rateLimit?: number; baseUrl?: string; now?: () => number } = {}) {
    const given = options === undefined ? {} : options;
    if (given === null || typeof given !== "object") throw sandboxConfig("options", "an object", given);
    const { rateLimit, baseUrl, now } = given;
    if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit >= 0 && rateLimit <= 0xffff_ffff)) {
      throw sandboxConfig("rateLimit", "a whole number of requests a minute", rateLimit);
    }
    if (baseUrl !== undefined && typeof baseUrl !== "string") throw sandboxConfig("baseUrl", "a string", baseUrl);
    if (now !== undefined && typeof now !== "function") throw sandboxConfig("now", "a function", now);
    this.#options = { ...given };
    this.#now = now ?? (() => Date.now() / 1000);
  }

  async send(request: OnfidoRequest, options?: SendOptions): Promise<OnfidoResponse> {
    if (options?.signal?.aborted) throw options.signal.reason ?? abortError();
    const r = record(request, "request");
    const method = text(r["method"], "method");
    const url = text(r["url"], "url");
    const headers = headerPairs(r["headers"], "headers");
    const body = bytes(r["body"], "body");
    const now = this.#now();
    if (typeof now !== "number") throw new OnfidoTransportError(`the sandbox's clock answered ${kindOf(now)}, not Unix seconds`, "lost");
    this.#sandbox ??= freshSandboxModule().then((m) => new m.Sandbox(this.#options.baseUrl ?? "https://api.onfido.com", this.#options.rateLimit));
    const sandbox = await this.#sandbox;
    try {
      const response = sandbox.handle(method, url, headers, body, now) as OnfidoResponse;
      for (const delivery of sandbox.takeWebhookDeliveries() as OnfidoRequest[]) this.deliveries.push(delivery);
      return response;
    } catch (error) {
      if (error instanceof Error && error.name === "CoreError") throw translate(error);
      // A trap (out of memory, most likely) leaves the instance unusable: the next send starts afresh.
      this.#sandbox = undefined;
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new OnfidoTransportError(
        `the in-process sandbox failed (${why}); its state is lost, and the next request starts a fresh, empty sandbox`,
        "lost",
        error,
      );
    }
  }
}

function sandboxConfig(field: string, what: string, value: unknown): OnfidoConfigError {
  return new OnfidoConfigError(`invalid configuration: ${field}: must be ${what}, not ${kindOf(value)}`, field);
}
