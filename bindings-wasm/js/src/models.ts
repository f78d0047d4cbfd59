// The API's resources as plain objects, by the API's JSON names. Absent values are `null`;
// fields this version does not name are kept (the index signatures), so nothing the API adds is lost.

/** A timestamp exactly as the API sent it (`2014-05-23T13:50:33Z` or `2014-05-23 13:50:33 UTC`). */
export type Timestamp = string;

/** A postal address. */
export interface Address {
  flat_number: string | null;
  building_number: string | null;
  building_name: string | null;
  street: string | null;
  sub_street: string | null;
  town: string | null;
  state: string | null;
  postcode: string | null;
  country: string | null;
  start_date: string | null;
  end_date: string | null;
  [field: string]: unknown;
}

/** An identification number. */
export interface IdNumber {
  type: "ssn" | "social_insurance" | "tax_id" | "identity_card" | "driving_licence" | (string & {});
  value: string | null;
  state_code: string | null;
  [field: string]: unknown;
}

/** The individual a check is performed on. */
export interface Applicant {
  id: string;
  created_at: Timestamp | null;
  delete_at: Timestamp | null;
  href: string | null;
  title: string | null;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  email: string | null;
  gender: string | null;
  dob: string | null;
  telephone: string | null;
  mobile: string | null;
  country: string | null;
  mothers_maiden_name: string | null;
  previous_last_name: string | null;
  nationality: string | null;
  country_of_birth: string | null;
  town_of_birth: string | null;
  id_numbers: IdNumber[];
  addresses: Address[];
  sandbox: boolean | null;
  [field: string]: unknown;
}

/** What every uploaded file resource has: documents, live photos and live videos. */
export interface UploadedFile {
  id: string;
  created_at: Timestamp | null;
  href: string | null;
  download_href: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  [field: string]: unknown;
}

/** An uploaded document. */
export interface Document extends UploadedFile {
  type: string | null;
  side: "front" | "back" | (string & {}) | null;
  issuing_country: string | null;
}

/** A photo of the applicant's face. */
export interface LivePhoto extends UploadedFile {}

/** One live video challenge: recite digits or perform a movement. */
export interface Challenge {
  type: "recite" | "movement" | (string & {});
  query: unknown;
  [field: string]: unknown;
}

/** A video of the applicant's face (uploaded by the mobile SDKs). */
export interface LiveVideo extends UploadedFile {
  challenge: Challenge[];
}

/** A report's or breakdown's result. */
export type ReportResult = "clear" | "consider" | "unidentified" | (string & {});

/** One node of a report's breakdown tree. */
export interface BreakdownItem {
  result: ReportResult | null;
  /** Absent when the node has none; an object, or a list for `document_numbers`. */
  properties?: unknown;
  breakdown: Record<string, BreakdownItem>;
  [field: string]: unknown;
}

/** One verification within a check, with its breakdown tree. */
export interface Report {
  id: string;
  name:
    | "document"
    | "facial_similarity"
    | "identity"
    | "watchlist"
    | "street_level"
    | "proof_of_address"
    | "right_to_work"
    | (string & {})
    | null;
  created_at: Timestamp | null;
  href: string | null;
  status: "awaiting_data" | "awaiting_approval" | "complete" | "withdrawn" | "paused" | "cancelled" | (string & {}) | null;
  result: ReportResult | null;
  sub_result: "clear" | "rejected" | "suspected" | "caution" | (string & {}) | null;
  variant: string | null;
  options: unknown;
  breakdown: Record<string, BreakdownItem>;
  properties: Record<string, unknown>;
  documents: unknown[];
  [field: string]: unknown;
}

/** A set of reports run on one applicant; `reports` holds ids, or reports when expanded. */
export interface Check {
  id: string;
  created_at: Timestamp | null;
  href: string | null;
  type: "standard" | "express" | (string & {}) | null;
  status: "in_progress" | "awaiting_applicant" | "complete" | "withdrawn" | "paused" | "reopened" | (string & {}) | null;
  result: "clear" | "consider" | (string & {}) | null;
  redirect_uri: string | null;
  results_uri: string | null;
  download_uri: string | null;
  form_uri: string | null;
  reports: Array<string | Report>;
  report_type_groups: string[];
  tags: string[];
  sandbox: boolean | null;
  paused: boolean | null;
  version: string | null;
  [field: string]: unknown;
}

/** A registered webhook (its `token` signs the notifications). */
export interface Webhook {
  id: string;
  url: string | null;
  token: string | null;
  enabled: boolean | null;
  href: string | null;
  environments: Array<"sandbox" | "live" | (string & {})>;
  events: string[];
  [field: string]: unknown;
}

/** A report type within a group. */
export interface ReportType {
  id: string | null;
  name: string | null;
  [field: string]: unknown;
}

/** A named set of report types configured for the account. */
export interface ReportTypeGroup {
  id: string;
  name: string | null;
  group_only: boolean | null;
  report_types: ReportType[];
  [field: string]: unknown;
}

/** A Web SDK token (a JWT). */
export interface SdkToken {
  token: string;
  [field: string]: unknown;
}

/** OCR Autofill's answer. */
export interface OcrResult {
  document_id: string | null;
  doc_info: { country: string | null; type: string | null; [field: string]: unknown } | null;
  extracted_data: {
    ocr_results: {
      document_number: string | null;
      first_name: string | null;
      last_name: string | null;
      gender: string | null;
      date_of_birth: string | null;
      date_of_expiry: string | null;
      nationality: string | null;
      [field: string]: unknown;
    } | null;
    [field: string]: unknown;
  } | null;
  [field: string]: unknown;
}

/** Whether a Street Level code was accepted. */
export interface SlvResult {
  success: boolean;
  [field: string]: unknown;
}

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
  result: ReportResult;
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

// Inputs: the API's JSON names; fields this version does not name are sent as given.

/** An address to send. */
export interface AddressInput {
  flat_number?: string;
  building_number?: string;
  building_name?: string;
  street?: string;
  sub_street?: string;
  town?: string;
  state?: string;
  postcode?: string;
  country?: string;
  start_date?: string;
  end_date?: string;
  [field: string]: unknown;
}

/** An identification number to send. */
export interface IdNumberInput {
  type: "ssn" | "social_insurance" | "tax_id" | "identity_card" | "driving_licence" | (string & {});
  value?: string;
  state_code?: string;
  [field: string]: unknown;
}

/** An applicant's fields, as sent when updating one. */
export interface ApplicantInput {
  title?: "Mr" | "Mrs" | "Miss" | "Ms" | (string & {});
  first_name?: string;
  middle_name?: string;
  last_name?: string;
  email?: string;
  gender?: "male" | "female" | (string & {});
  /** `yyyy-mm-dd`, not in the future. */
  dob?: string;
  telephone?: string;
  mobile?: string;
  /** ISO 3166-1 alpha-3. */
  country?: string;
  mothers_maiden_name?: string;
  previous_last_name?: string;
  nationality?: string;
  country_of_birth?: string;
  town_of_birth?: string;
  id_numbers?: IdNumberInput[];
  addresses?: AddressInput[];
  [field: string]: unknown;
}

/** An applicant's fields, as sent when creating one. */
export interface CreateApplicantInput extends ApplicantInput {
  first_name: string;
  last_name: string;
}

/** A report to run in a check. */
export interface ReportInput {
  name: string;
  variant?: string;
  options?: Array<{ name: string; [field: string]: unknown }>;
  documents?: Array<{ id: string; [field: string]: unknown }>;
  [field: string]: unknown;
}

/** A check to create. */
export interface CreateCheckInput {
  type: "express" | "standard" | (string & {});
  reports?: ReportInput[];
  report_type_groups?: string[];
  tags?: string[];
  suppress_form_emails?: boolean;
  redirect_uri?: string;
  async?: boolean;
  charge_applicant_for_check?: boolean;
  /** Sandbox only: the reports that return `consider`. */
  consider?: string[];
  [field: string]: unknown;
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

/** A document to upload. */
export interface UploadDocumentInput {
  file: FileInput;
  type: string;
  side?: "front" | "back";
  issuing_country?: string;
  /** The file name sent (default: the `File`'s name, else `upload.png`, `.jpg` or `.pdf` after the bytes); its extension must match them. */
  filename?: string;
  [field: string]: unknown;
}

/** A live photo to upload. */
export interface UploadLivePhotoInput {
  file: FileInput;
  advanced_validation?: boolean;
  /** The file name sent (default: the `File`'s name, else `upload.png` or `.jpg` after the bytes); its extension must match them. */
  filename?: string;
  [field: string]: unknown;
}

/** A webhook to register. */
export interface RegisterWebhookInput {
  url: string;
  events?: string[];
  environments?: Array<"sandbox" | "live" | (string & {})>;
  enabled?: boolean;
  [field: string]: unknown;
}

/** Every operation id. */
export type OperationId =
  | "create_applicant"
  | "retrieve_applicant"
  | "update_applicant"
  | "delete_applicant"
  | "restore_applicant"
  | "list_applicants"
  | "upload_document"
  | "retrieve_document"
  | "list_documents"
  | "download_document"
  | "upload_live_photo"
  | "retrieve_live_photo"
  | "list_live_photos"
  | "download_live_photo"
  | "retrieve_live_video"
  | "list_live_videos"
  | "download_live_video"
  | "create_check"
  | "retrieve_check"
  | "list_checks"
  | "resume_check"
  | "retrieve_report"
  | "list_reports"
  | "resume_report"
  | "cancel_report"
  | "register_webhook"
  | "retrieve_webhook"
  | "list_webhooks"
  | "retrieve_report_type_group"
  | "list_report_type_groups"
  | "pick_addresses"
  | "generate_sdk_token"
  | "extract_ocr"
  | "submit_slv_code";
