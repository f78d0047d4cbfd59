// The v3.6 (and v3.4) client: the generated resources (`resources.ts`) on two entry points,
// `_call` and `_list`. Calls run on the v2 client's call loop (the core's driver), which builds
// and parses v3 requests by operation id; this file only shapes inputs and answers.

import { Onfido as Engine } from "../client.js";
import type { CallOptions, OnfidoOptions } from "../client.js";
import { OnfidoConfigError, OnfidoValidationError } from "../errors.js";
import { readFileInput } from "../files.js";
import type { Download, FileInput, Page, PageLink, PageLinks } from "../models.js";
import type * as v2 from "../models.js";
import { parseLinkHeader } from "../rules.js";
import type { OnfidoRequest, OnfidoResponse } from "../transport.js";
import type { OperationId } from "./models.js";
import { OPERATIONS, Resources } from "./resources.js";

/** How an operation's answer reads (generated into `OPERATIONS`). */
export interface OperationInfo {
  /** `object`, `list` (`key`: the wrapper's list), `page` (a listing with pages), `download`, `none` (204), `location` (201 without a body), `text`. */
  answer: "object" | "list" | "page" | "download" | "none" | "location" | "text";
  key?: string;
  /** The field that takes a file. */
  upload?: string;
  /** Fields whose format is a date: a `Date` there is sent as its UTC `yyyy-mm-dd`. */
  dates?: readonly string[];
}

/** `Onfido`'s options: the v2 client's, with `apiVersion` `v3.6` (default) or `v3.4`. */
export interface OnfidoV3Options extends Omit<OnfidoOptions, "apiVersion"> {
  /** `v3.6` (default) or `v3.4` (the same methods; v3.4 lacks 45 operations and some fields). */
  apiVersion?: "v3.6" | "v3.4" | undefined;
}

type Input = Record<string, unknown>;
type Answer = { output: unknown; next: Input | undefined; headers: [string, string][] };

/** The next page's input of each page a listing fetched (the core names it, and refuses one that is not after this one). */
const nextInputs = new WeakMap<object, Input>();

/**
 * Every member of an answer as sent, those the models do not name included:
 * `raw(applicant)["new_field"]`. The same object, typed as a record.
 */
export function raw(model: object): Readonly<Record<string, unknown>> {
  return model as Readonly<Record<string, unknown>>;
}

/**
 * A listing with pages. Awaited: the page asked for (`page`, default 1). Iterated with
 * `for await`: every item, page after page from there. `pages()`: each page; `toArray()`: every item.
 */
export class Listing<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #client: Onfido;
  readonly #operation: OperationId;
  readonly #input: Input;
  readonly #options: CallOptions | undefined;
  #first: Promise<Page<T>> | undefined;

  /** @internal */
  constructor(client: Onfido, operation: OperationId, input: Input, options?: CallOptions) {
    this.#client = client;
    this.#operation = operation;
    this.#input = input;
    this.#options = options;
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#client._call<Page<T>>(this.#operation, this.#input, this.#options);
    return this.#first;
  }

  then<A = Page<T>, B = never>(
    onfulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  /** Each page in turn, from the one asked for. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> | undefined = await this.#firstPage();
    while (page !== undefined) {
      yield page;
      const input = nextInputs.get(page);
      page = input === undefined ? undefined : await this.#client._call<Page<T>>(this.#operation, input, this.#options);
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
async function prepare(info: OperationInfo, input: object): Promise<Input> {
  let values: Input = { ...(input as Input) };
  let upload: Input = {};
  if (info.upload !== undefined) {
    const { filename, [info.upload]: file, ...rest } = values;
    values = rest;
    if (file !== undefined) {
      const read = await readFileInput(file as FileInput);
      const name = typeof filename === "string" ? filename : read.name;
      upload = { [info.upload]: name === undefined ? { content: read.content } : { filename: name, content: read.content } };
    } else if (filename !== undefined) {
      upload = { filename };
    }
  }
  if (info.dates !== undefined) {
    const names = new Set(info.dates);
    try {
      // The replacer sees each value after its `toJSON`; `this[key]` is still the `Date`.
      const text = JSON.stringify(values, function (this: Record<string, unknown>, key: string, value: unknown) {
        const original = this[key];
        return original instanceof Date && names.has(key) && !Number.isNaN(original.getTime()) ? original.toISOString().slice(0, 10) : value;
      });
      values = JSON.parse(text) as Input;
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

function bytes(base64: unknown): Uint8Array {
  const buffer = Buffer.from(typeof base64 === "string" ? base64 : "", "base64");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
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
      const text = (key: string): string | null => (typeof output[key] === "string" ? (output[key] as string) : null);
      const download: Download = { content: bytes(output["content_base64"]), contentType: text("content_type"), filename: text("filename") };
      return download;
    }
    case "list":
    case "page": {
      const list = info.key === undefined ? answer.output : output[info.key];
      const items = Array.isArray(list) ? (list as unknown[]) : [];
      if (info.answer === "list") return items;
      const page = toPage(items, answer.headers);
      if (answer.next !== undefined) nextInputs.set(page, answer.next);
      return page;
    }
    default:
      return answer.output;
  }
}

/**
 * An Onfido API v3.6 client (`apiVersion: "v3.4"`: the same methods, v3.4's fields), every
 * operation as a method named as in every runtime (`api/METHODS.md`).
 *
 * ```js
 * const onfido = new Onfido({ apiToken: process.env.ONFIDO_API_TOKEN, region: "eu" });
 * const applicant = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe" });
 * ```
 *
 * Requests are built, retried and parsed by the Rust core; the transport sends them (global
 * `fetch` by default; `new SandboxTransport()` for the offline sandbox). API v2: `OnfidoV2`.
 */
export class Onfido extends Resources {
  readonly #engine: Engine;

  constructor(options: OnfidoV3Options = {}) {
    super();
    const apiVersion: string = options.apiVersion ?? "v3.6";
    if (apiVersion !== "v3.6" && apiVersion !== "v3.4") {
      throw new OnfidoConfigError(
        `invalid configuration: api_version: ${JSON.stringify(apiVersion)}: this client speaks v3.6 and v3.4; OnfidoV2 speaks v2`,
        "api_version",
      );
    }
    this.#engine = new Engine({ ...options, apiVersion });
  }

  /** `eu`, `us` or `ca`. */
  get region(): string {
    return this.#engine.region;
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return this.#engine.baseUrl;
  }

  /** `sandbox` or `live` from the token's prefix, if known. */
  get environment(): "sandbox" | "live" | undefined {
    return this.#engine.environment;
  }

  /** The `User-Agent` sent. */
  get userAgent(): string {
    return this.#engine.userAgent;
  }

  /** A description without the token. */
  override toString(): string {
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
   * Runs any operation by id (`find_applicant`, …) with its input by the API's field names:
   * the answer as JSON (files as `{content_type, filename, size, sha256, content_base64}`, 204s as `{}`).
   */
  async request<T = unknown>(operation: OperationId, input: Input = {}, options?: CallOptions): Promise<T> {
    return (await this.#engine._call<T>(operation as v2.OperationId, input, options)).output;
  }

  /** Builds an operation's request (core) without sending it, for your own transport. */
  buildRequest(operation: OperationId, input: Input = {}, options: { now?: number } = {}): OnfidoRequest {
    return this.#engine.buildRequest(operation as v2.OperationId, input, options);
  }

  /** Parses a response to an operation (core): the answer as JSON, or the `OnfidoError` it carries. */
  parseResponse<T = unknown>(operation: OperationId, response: OnfidoResponse): T {
    return this.#engine.parseResponse<T>(operation as v2.OperationId, response);
  }

  /** @internal Runs one operation through the core's call loop; the answer as `OPERATIONS` says it reads. */
  override async _call<T>(operation: OperationId, input: object, options?: CallOptions): Promise<T> {
    const info = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (info === undefined) throw new OnfidoValidationError(`unknown operation ${JSON.stringify(operation)}`, { operation: ["is not a v3.6 operation"] });
    const answer = await this.#engine._call<unknown>(operation as v2.OperationId, await prepare(info, input), options);
    return shape(info, answer) as T;
  }

  /** @internal A listing with pages. */
  override _list<T>(operation: OperationId, input: object, options?: CallOptions): Listing<T> {
    return new Listing<T>(this, operation, input as Input, options);
  }
}
