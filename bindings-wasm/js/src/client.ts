// The client: every operation as a method returning a Promise. The core's call driver decides
// retries, pacing, pagination and redirects; this file only sends, sleeps and returns.

import * as native from "./native.js";
import { OnfidoConfigError, OnfidoDecodeError, OnfidoTransportError, core, translate } from "./errors.js";
import { MAX_BODY, boundedJson, configText, headerPairs, invalid, kindOf, record, text, bytes as checkedBytes } from "./guard.js";
import type * as m from "./models.js";
import { readFileInput } from "./files.js";
import { FetchTransport, TransportFailure } from "./transport.js";
import type { AbortSignalLike, FetchLike, OnfidoRequest, OnfidoResponse, Transport } from "./transport.js";

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

/** How to reach the API. */
export interface OnfidoOptions {
  /** The API token (`test_…`, `live_…`, `us_test_…`, `api_sandbox.…`); leave it out behind your own proxy (then `baseUrl` is required). */
  apiToken?: string | undefined;
  /** `eu`, `us` or `ca` (default: the token's region, else `eu`). */
  region?: "eu" | "us" | "ca" | (string & {}) | undefined;
  /** A base URL instead of the region's: https, or http on loopback. */
  baseUrl?: string | undefined;
  /** `v2` (default) or `v3.4` base URLs. */
  apiVersion?: "v2" | "v3.4" | "v3.6" | undefined;
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

/** An upload's file: its name (given, else its own: a path's, a `File`'s; none: the core names it after the bytes) and bytes. */
async function fileInput(file: m.FileInput, filename: string | undefined): Promise<{ filename?: string; content: Uint8Array }> {
  if (filename !== undefined) text(filename, "filename");
  const { content, name: own } = await readFileInput(file);
  const name = filename ?? own;
  return name === undefined ? { content } : { filename: name, content };
}

function toPage<T>(raw: { items: T[]; page: m.PageLinks }): m.Page<T> {
  const links = raw.page;
  return {
    items: raw.items,
    totalCount: links.total_count ?? null,
    nextPage: links.next?.page ?? null,
    prevPage: links.prev?.page ?? null,
    lastPage: links.last?.page ?? null,
    links,
  };
}

/** Every item of a listing, page after page: `for await (const x of onfido.applicants.list())`. */
export class Paginated<T> implements AsyncIterable<T> {
  readonly #client: Onfido;
  readonly #operation: m.OperationId;
  readonly #input: Input;
  readonly #options: CallOptions | undefined;

  /** @internal */
  constructor(client: Onfido, operation: m.OperationId, input: Input, options?: CallOptions) {
    this.#client = client;
    this.#operation = operation;
    this.#input = input;
    this.#options = options;
  }

  /**
   * Each page in turn. A next page that is not after this one (a `Link` that keeps naming the same
   * page) ends the listing with an `OnfidoDecodeError`, by the core's rule, rather than the same
   * pages requested forever.
   */
  async *pages(): AsyncGenerator<m.Page<T>, void, undefined> {
    let input: Input | undefined = this.#input;
    while (input !== undefined) {
      const answer: { output: { items: T[]; page: m.PageLinks }; next: Input | undefined } = await this.#client._call(
        this.#operation,
        input,
        this.#options,
      );
      yield toPage(answer.output);
      // The core names the next page, and refuses one that is not after this one.
      input = answer.next;
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

/** The options object of `new Onfido()`, or the `OnfidoConfigError` on what is wrong with it. */
function settings(options: unknown): OnfidoOptions {
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
  return o as OnfidoOptions;
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

abstract class Resource {
  protected readonly client: Onfido;
  constructor(client: Onfido) {
    this.client = client;
  }
}

/** Applicants: the individuals checks are performed on. */
export class Applicants extends Resource {
  /** Creates an applicant; other fields (dob, email, addresses, id_numbers…) by their API names. */
  async create(input: m.CreateApplicantInput, options?: CallOptions): Promise<m.Applicant> {
    return this.client.request("create_applicant", input, options);
  }
  /** Retrieves an applicant. */
  async retrieve(applicantId: string, options?: CallOptions): Promise<m.Applicant> {
    return this.client.request("retrieve_applicant", { applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** Changes the given fields of an applicant. */
  async update(applicantId: string, fields: m.ApplicantInput, options?: CallOptions): Promise<m.Applicant> {
    return this.client.request("update_applicant", { ...clean(fields), applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** Deletes an applicant (at once without checks, else scheduled; see `restore`). */
  async delete(applicantId: string, options?: CallOptions): Promise<void> {
    await this.client.request("delete_applicant", { applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** Restores an applicant scheduled for deletion. */
  async restore(applicantId: string, options?: CallOptions): Promise<void> {
    await this.client.request("restore_applicant", { applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** Every applicant, newest first, following every page. */
  list(params: { include_deleted?: boolean; per_page?: number } = {}, options?: CallOptions): Paginated<m.Applicant> {
    return new Paginated(this.client, "list_applicants", clean(params), options);
  }
  /** One page of applicants, with the total count and the neighbouring page numbers. */
  async listPage(params: { page?: number; per_page?: number; include_deleted?: boolean } = {}, options?: CallOptions): Promise<m.Page<m.Applicant>> {
    return toPage(await this.client.request("list_applicants", clean(params), options));
  }
}

/** Documents uploaded for an applicant. */
export class Documents extends Resource {
  /** Uploads a JPEG, PNG or PDF (32 KiB to 10 MiB) from a Buffer, Uint8Array, ArrayBuffer or Blob. */
  async upload(applicantId: string, input: m.UploadDocumentInput, options?: CallOptions): Promise<m.Document> {
    const { file, filename, ...fields } = record(input, "input") as unknown as typeof input;
    const body = { ...clean(fields), applicant_id: text(applicantId, "applicant_id"), file: await fileInput(file, filename) };
    return this.client.request("upload_document", body, options);
  }
  /** Retrieves a document. */
  async retrieve(applicantId: string, documentId: string, options?: CallOptions): Promise<m.Document> {
    return this.client.request("retrieve_document", { applicant_id: text(applicantId, "applicant_id"), document_id: text(documentId, "document_id") }, options);
  }
  /** An applicant's documents. */
  list(applicantId: string, options?: CallOptions): Paginated<m.Document> {
    return new Paginated(this.client, "list_documents", { applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** A document's file: exact bytes, content type and file name. */
  async download(applicantId: string, documentId: string, options?: CallOptions): Promise<m.Download> {
    return this.client.request("download_document", { applicant_id: text(applicantId, "applicant_id"), document_id: text(documentId, "document_id") }, options);
  }
}

/** Photos of an applicant's face. */
export class LivePhotos extends Resource {
  /** Uploads a JPEG or PNG (32 KiB to 10 MiB) from a Buffer, Uint8Array, ArrayBuffer or Blob. */
  async upload(applicantId: string, input: m.UploadLivePhotoInput, options?: CallOptions): Promise<m.LivePhoto> {
    const { file, filename, ...fields } = record(input, "input") as unknown as typeof input;
    const body = { ...clean(fields), applicant_id: text(applicantId, "applicant_id"), file: await fileInput(file, filename) };
    return this.client.request("upload_live_photo", body, options);
  }
  /** Retrieves a live photo. */
  async retrieve(livePhotoId: string, options?: CallOptions): Promise<m.LivePhoto> {
    return this.client.request("retrieve_live_photo", { live_photo_id: text(livePhotoId, "live_photo_id") }, options);
  }
  /** An applicant's live photos. */
  list(applicantId: string, options?: CallOptions): Paginated<m.LivePhoto> {
    return new Paginated(this.client, "list_live_photos", { applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** A live photo's file. */
  async download(livePhotoId: string, options?: CallOptions): Promise<m.Download> {
    return this.client.request("download_live_photo", { live_photo_id: text(livePhotoId, "live_photo_id") }, options);
  }
}

/** Videos of an applicant's face (uploaded by the mobile SDKs). */
export class LiveVideos extends Resource {
  /** Retrieves a live video. */
  async retrieve(liveVideoId: string, options?: CallOptions): Promise<m.LiveVideo> {
    return this.client.request("retrieve_live_video", { live_video_id: text(liveVideoId, "live_video_id") }, options);
  }
  /** An applicant's live videos. */
  list(applicantId: string, options?: CallOptions): Paginated<m.LiveVideo> {
    return new Paginated(this.client, "list_live_videos", { applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** A live video's file. */
  async download(liveVideoId: string, options?: CallOptions): Promise<m.Download> {
    return this.client.request("download_live_video", { live_video_id: text(liveVideoId, "live_video_id") }, options);
  }
}

/** Checks: sets of reports run on an applicant. */
export class Checks extends Resource {
  /** Creates a check (`type` express or standard) with reports like `[{ name: "document" }]`. */
  async create(applicantId: string, input: m.CreateCheckInput, options?: CallOptions): Promise<m.Check> {
    return this.client.request("create_check", { ...clean(input), applicant_id: text(applicantId, "applicant_id") }, options);
  }
  /** Retrieves a check. */
  async retrieve(applicantId: string, checkId: string, options?: CallOptions): Promise<m.Check> {
    return this.client.request("retrieve_check", { applicant_id: text(applicantId, "applicant_id"), check_id: text(checkId, "check_id") }, options);
  }
  /** An applicant's checks; with `expandReports`, reports as objects instead of ids. */
  list(applicantId: string, params: { expandReports?: boolean } = {}, options?: CallOptions): Paginated<m.Check> {
    const expand = record(params, "params")["expandReports"] ? "reports" : undefined;
    const input = clean({ applicant_id: text(applicantId, "applicant_id"), expand });
    return new Paginated(this.client, "list_checks", input, options);
  }
  /** Resumes a paused check. */
  async resume(checkId: string, options?: CallOptions): Promise<void> {
    await this.client.request("resume_check", { check_id: text(checkId, "check_id") }, options);
  }
}

/** Reports of a check. */
export class Reports extends Resource {
  /** Retrieves a report. */
  async retrieve(checkId: string, reportId: string, options?: CallOptions): Promise<m.Report> {
    return this.client.request("retrieve_report", { check_id: text(checkId, "check_id"), report_id: text(reportId, "report_id") }, options);
  }
  /** A check's reports. */
  list(checkId: string, options?: CallOptions): Paginated<m.Report> {
    return new Paginated(this.client, "list_reports", { check_id: text(checkId, "check_id") }, options);
  }
  /** Resumes a paused report. */
  async resume(checkId: string, reportId: string, options?: CallOptions): Promise<void> {
    await this.client.request("resume_report", { check_id: text(checkId, "check_id"), report_id: text(reportId, "report_id") }, options);
  }
  /** Cancels a paused report. */
  async cancel(checkId: string, reportId: string, options?: CallOptions): Promise<void> {
    await this.client.request("cancel_report", { check_id: text(checkId, "check_id"), report_id: text(reportId, "report_id") }, options);
  }
}

/** Webhook endpoints. */
export class Webhooks extends Resource {
  /** Registers an https URL (http only on loopback) for some events (default all). */
  async register(input: m.RegisterWebhookInput, options?: CallOptions): Promise<m.Webhook> {
    return this.client.request("register_webhook", clean(input), options);
  }
  /** Retrieves a webhook. */
  async retrieve(webhookId: string, options?: CallOptions): Promise<m.Webhook> {
    return this.client.request("retrieve_webhook", { webhook_id: text(webhookId, "webhook_id") }, options);
  }
  /** Every webhook of the account. */
  list(options?: CallOptions): Paginated<m.Webhook> {
    return new Paginated(this.client, "list_webhooks", {}, options);
  }
}

/** Report type groups configured for the account. */
export class ReportTypeGroups extends Resource {
  /** Retrieves a group. */
  async retrieve(reportTypeGroupId: string, options?: CallOptions): Promise<m.ReportTypeGroup> {
    return this.client.request("retrieve_report_type_group", { report_type_group_id: text(reportTypeGroupId, "report_type_group_id") }, options);
  }
  /** Every group of the account. */
  list(options?: CallOptions): Paginated<m.ReportTypeGroup> {
    return new Paginated(this.client, "list_report_type_groups", {}, options);
  }
}

/** The UK address picker. */
export class Addresses extends Resource {
  /** The addresses at a UK postcode. */
  async pick(postcode: string, options?: CallOptions): Promise<m.Address[]> {
    const raw = await this.client.request<{ items: m.Address[] }>("pick_addresses", { postcode: text(postcode, "postcode") }, options);
    return raw.items;
  }
}

/** Web SDK tokens. */
export class SdkTokens extends Resource {
  /** A token for one applicant, usable on pages matching the referrer pattern. */
  async generate(applicantId: string, input: { referrer: string }, options?: CallOptions): Promise<m.SdkToken> {
    return this.client.request("generate_sdk_token", { applicant_id: text(applicantId, "applicant_id"), referrer: record(input, "input")["referrer"] }, options);
  }
}

/** OCR Autofill. */
export class Ocr extends Resource {
  /** The data extracted from an uploaded document. */
  async extract(documentId: string, options?: CallOptions): Promise<m.OcrResult> {
    return this.client.request("extract_ocr", { document_id: text(documentId, "document_id") }, options);
  }
}

/** Street Level verification codes. */
export class Slv extends Resource {
  /** Submits the code from a Street Level letter. */
  async submitCode(code: string, options?: CallOptions): Promise<m.SlvResult> {
    return this.client.request("submit_slv_code", { code: text(code, "code") }, options);
  }
}

/**
 * An Onfido API v2 client.
 *
 * ```js
 * const onfido = new Onfido({ apiToken: process.env.ONFIDO_API_TOKEN, region: "eu" });
 * const applicant = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe" });
 * ```
 *
 * Requests are built, retried and parsed by the Rust core; the transport sends them (global
 * `fetch` by default; `new SandboxTransport()` for the offline sandbox). 429s are retried by default.
 */
export class Onfido {
  readonly applicants: Applicants;
  readonly documents: Documents;
  readonly livePhotos: LivePhotos;
  readonly liveVideos: LiveVideos;
  readonly checks: Checks;
  readonly reports: Reports;
  readonly webhooks: Webhooks;
  readonly reportTypeGroups: ReportTypeGroups;
  readonly addresses: Addresses;
  readonly sdkTokens: SdkTokens;
  readonly ocr: Ocr;
  readonly slv: Slv;

  readonly #config: native.Config;
  readonly #session: native.Session;
  readonly #transport: Transport;
  readonly #hooks: OnfidoHooks;

  constructor(options: OnfidoOptions = {}) {
    options = settings(options);
    const [apiToken, region] = [configText(options.apiToken, "api_token"), configText(options.region, "region")];
    const [apiVersion, baseUrl] = [configText(options.apiVersion, "api_version"), configText(options.baseUrl, "base_url")];
    const appName = configText(options.appName, "app_name");
    this.#config = core(() => new native.Config(apiToken, region, apiVersion ?? "v2", baseUrl, "node", appName));
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
    this.applicants = new Applicants(this);
    this.documents = new Documents(this);
    this.livePhotos = new LivePhotos(this);
    this.liveVideos = new LiveVideos(this);
    this.checks = new Checks(this);
    this.reports = new Reports(this);
    this.webhooks = new Webhooks(this);
    this.reportTypeGroups = new ReportTypeGroups(this);
    this.addresses = new Addresses(this);
    this.sdkTokens = new SdkTokens(this);
    this.ocr = new Ocr(this);
    this.slv = new Slv(this);
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
  buildRequest(operation: m.OperationId, input: Input = {}, options: { now?: number } = {}): OnfidoRequest {
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
  parseResponse<T = unknown>(operation: m.OperationId, response: OnfidoResponse): T {
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
    return (output === null ? undefined : output) as T;
  }

  /**
   * Runs any operation by id (`create_applicant`, …) with its input by the API's field names.
   * Resolves to the parsed output: an object; `{items, page}` for lists; a `Download`; `undefined` for 204s.
   */
  async request<T = unknown>(operation: m.OperationId, input: Input = {}, options: CallOptions = {}): Promise<T> {
    return (await this._call<T>(operation, input, options)).output;
  }

  /**
   * @internal Runs the core's call loop for one operation: sends and sleeps as its steps say.
   * The parsed output, for listings the next page's input, and the answer's headers.
   */
  async _call<T>(
    operation: m.OperationId,
    input: Input,
    options: CallOptions = {},
  ): Promise<{ output: T; next: Input | undefined; headers: [string, string][] }> {
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
          const output = this.parseResponse<T>(operation, { status: step.status, headers: step.headers, body: step.body });
          return { output, next: step.next === undefined ? undefined : (JSON.parse(step.next) as Input), headers: step.headers };
        }
      }
    } finally {
      call.free();
    }
  }

}
