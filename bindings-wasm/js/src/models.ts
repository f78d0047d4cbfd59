// What every API version shares, not per model: files to upload, downloads, pages, webhook events
// and the rules' results. The per-version models are generated: `v3/models.ts`, `v2/models.ts`.

/** A timestamp exactly as the API sent it (`2014-05-23T13:50:33Z` or `2014-05-23 13:50:33 UTC`). */
export type Timestamp = string;

/** A downloaded file: the exact bytes, the content type and the file name the server sent. */
export interface Download {
  content: Uint8Array;
  contentType: string | null;
  filename: string | null;
}

/** A page a `Link` header points to. */
export interface PageLink {
  url: string;
  page: number | null;
  per_page: number | null;
}

/** Where a list response sits among its pages (`Link` and `X-Total-Count`). */
export interface PageLinks {
  next: PageLink | null;
  prev: PageLink | null;
  first: PageLink | null;
  last: PageLink | null;
  total_count: number | null;
}

/** One page of a list: its items, the total count and the neighbouring page numbers. */
export interface Page<T> {
  items: T[];
  totalCount: number | null;
  nextPage: number | null;
  prevPage: number | null;
  lastPage: number | null;
  links: PageLinks;
}

/** The resource a webhook event is about (the event's JSON as sent: absent fields are absent). */
export interface WebhookEventObject {
  id: string;
  status?: string | null;
  href?: string | null;
  completed_at?: Timestamp | null;
  completed_at_iso8601?: Timestamp | null;
  [field: string]: unknown;
}

/** A webhook notification's event, as sent; `payload.action` and `payload.object.id` are checked. */
export interface WebhookEvent {
  payload: {
    resource_type?: "check" | "report" | (string & {});
    action:
      | "report.completed"
      | "report.withdrawn"
      | "report.resumed"
      | "report.cancelled"
      | "report.awaiting_approval"
      | "check.started"
      | "check.reopened"
      | "check.withdrawn"
      | "check.completed"
      | "check.form_opened"
      | "check.form_completed"
      | (string & {});
    object: WebhookEventObject;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** A breakdown a reviewer must look at: its path, result, properties and what it means. */
export interface Finding {
  path: string;
  result: "clear" | "consider" | "unidentified" | (string & {});
  properties: unknown;
  description: string | null;
}

/** One piece of applicant data a check needs and the applicant lacks. */
export interface MissingData {
  report: string;
  field: string;
  error_type: string;
  reason: string;
}

/** The claims of a Web SDK token, read without checking its signature. */
export interface SdkTokenClaims {
  exp: number | null;
  iat: number | null;
  [claim: string]: unknown;
}

/** The four pagination relations of a `Link` header. */
export interface LinkRelations {
  next: string | null;
  prev: string | null;
  first: string | null;
  last: string | null;
}

/**
 * An upload's file: a path (`string`) or a `file:` `URL`, a `Buffer`/`Uint8Array`/`ArrayBuffer`, a
 * `Blob`/`File`, a Node `Readable` (`fs.createReadStream(…)`) or a web `ReadableStream`. Read whole
 * before the request is built; a path's, `File`'s or `fs.ReadStream`'s own name is the file name
 * unless `filename` is given.
 */
export type FileInput = string | UrlLike | Uint8Array | ArrayBuffer | BlobLike | AsyncIterable<Uint8Array | string> | ReadableStreamLike;

/** A `URL` (structurally); only `file:` URLs are read. */
export interface UrlLike {
  readonly href: string;
  readonly protocol: string;
}

/** A web `ReadableStream` of bytes (structurally, so no DOM types are needed). */
export interface ReadableStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: unknown }>;
    cancel?(reason?: unknown): Promise<void>;
    releaseLock?(): void;
  };
}

/** A `Blob` or `File` (structurally, so no DOM types are needed). */
export interface BlobLike {
  readonly size: number;
  readonly type: string;
  readonly name?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
