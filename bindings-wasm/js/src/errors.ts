// The errors of onfido-core: one hierarchy for client-side and server-side failures.
//
// Every error is an `OnfidoError` with `name`, `kind`, `code`, `status`, `type`, `fields` and
// `retryAfter`; the type guards (`isOnfidoApiError`…) work across copies of the package (ESM and
// CommonJS loaded side by side) because they read a brand, not the prototype chain.
// No message ever contains an API token: the core never puts one in, and neither does this file.

const BRAND: unique symbol = Symbol.for("onfido-core.OnfidoError") as never;

/** What kind of failure: the server said no, input refused, unreadable body, bad settings, bad signature, network. */
export type OnfidoErrorKind = "api" | "validation" | "decode" | "config" | "signature" | "transport";

/** How a request failed on the network: `connect` (nothing was sent), `timeout` or `lost`. */
export type TransportFailureKind = "connect" | "timeout" | "lost";

/** Messages per field (`first_name`, `reports[0].name`, `file`…), as the server's `validation_error` shapes them. */
export type FieldErrors = Record<string, string[]>;

/** The documented `type` of an API error (others arrive as sent). */
export type ApiErrorType =
  | "bad_request"
  | "authorization_error"
  | "user_authorization_error"
  | "bad_referrer"
  | "expired_token"
  | "account_disabled"
  | "trial_limits_reached"
  | "resource_not_found"
  | "gone"
  | "validation_error"
  | "missing_billing_info"
  | "missing_documents"
  | "invalid_reports_names"
  | "missing_id_numbers"
  | "invalid_check_type_for_variant"
  | "standard_check_photo_facial_sim_without_document"
  | "failed_check_requirements"
  | "incomplete_checks"
  | "rate_limit"
  | "internal_server_error"
  | "classification_failure"
  | "extraction_failure"
  | (string & {});

interface ErrorInit {
  status?: number | undefined;
  type?: string | undefined;
  fields?: FieldErrors | undefined;
  retryAfter?: number | undefined;
  cause?: unknown;
}

const CODES: Record<OnfidoErrorKind, string> = {
  api: "ONFIDO_API_ERROR",
  validation: "ONFIDO_VALIDATION_ERROR",
  decode: "ONFIDO_DECODE_ERROR",
  config: "ONFIDO_CONFIG_ERROR",
  signature: "ONFIDO_SIGNATURE_ERROR",
  transport: "ONFIDO_TRANSPORT_ERROR",
};

/** Any failure of onfido-core. */
export class OnfidoError extends Error {
  /** The class's name (`OnfidoApiError`, `OnfidoValidationError`, …). */
  declare name: string;
  /** `api`, `validation`, `decode`, `config`, `signature` or `transport`. */
  readonly kind: OnfidoErrorKind;
  /** A stable code per kind (`ONFIDO_API_ERROR`, `ONFIDO_VALIDATION_ERROR`, …). */
  readonly code: string;
  /** The HTTP status (API and decode errors). */
  readonly status: number | undefined;
  /** The API's documented error type (API errors). */
  readonly type: ApiErrorType | undefined;
  /** Messages per field (validation errors, from the client or the server); `{}` when none. */
  readonly fields: FieldErrors;
  /** Seconds to wait before trying again, when the server said (429, 503). */
  readonly retryAfter: number | undefined;
  /** The operation of the call this error ended (`find_applicant`), for API and transport errors. */
  operation: string | undefined;
  /** The URL of the call's last try (never with credentials). */
  url: string | undefined;
  /** Tries the call made, the first included. */
  attempts: number | undefined;
  declare readonly [BRAND]: true;

  constructor(kind: OnfidoErrorKind, message: string, init: ErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.code = CODES[kind];
    this.status = init.status;
    this.type = init.type;
    this.fields = init.fields ?? {};
    this.retryAfter = init.retryAfter;
    this.operation = undefined;
    this.url = undefined;
    this.attempts = undefined;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** The server answered with an error: `status`, `type`, the server's `apiMessage`, `fields`, `errorId`, `requestId`. */
export class OnfidoApiError extends OnfidoError {
  declare readonly status: number;
  declare readonly type: ApiErrorType;
  /** The server's own message (may be empty). */
  readonly apiMessage: string;
  /** The server's error id (the body's `error.id`), for support requests. */
  readonly errorId: string | undefined;
  /** The response's `X-Request-Id`, for support requests. */
  readonly requestId: string | undefined;
  /** When `Retry-After` was a date: that time in Unix seconds (`retryAfter` counts from the clock). */
  readonly retryAt: number | undefined;

  constructor(
    message: string,
    init: {
      status: number;
      type: string;
      apiMessage?: string;
      fields?: FieldErrors;
      errorId?: string | undefined;
      requestId?: string | undefined;
      retryAfter?: number | undefined;
      retryAt?: number | undefined;
    },
  ) {
    super("api", message, init);
    this.apiMessage = init.apiMessage ?? "";
    this.errorId = init.errorId;
    this.requestId = init.requestId;
    this.retryAt = init.retryAt;
  }
}

/** 401: the token is wrong, expired or not allowed (a live token on the sandbox). */
export class OnfidoAuthenticationError extends OnfidoApiError {
}

/** 403: the account is disabled or the trial's limits are reached. */
export class OnfidoPermissionError extends OnfidoApiError {
}

/** 404: no such resource. */
export class OnfidoNotFoundError extends OnfidoApiError {
}

/** 410: deleted, or scheduled for deletion (see `applicants.restore`). */
export class OnfidoGoneError extends OnfidoApiError {
}

/** 422: the server understood the request but refused it (missing documents, billing, …). */
export class OnfidoUnprocessableError extends OnfidoApiError {}

/** 422 `validation_error` from the server: `fields` has the same shape as a client-side `OnfidoValidationError`. */
export class OnfidoApiValidationError extends OnfidoApiError {
}

/** 429: too many requests; `retryAfter` says how many seconds to wait, when the server said. */
export class OnfidoRateLimitError extends OnfidoApiError {
}

/** 5xx: the server failed. */
export class OnfidoServerError extends OnfidoApiError {
}

/** Input refused before anything was sent; `fields` names every bad field. */
export class OnfidoValidationError extends OnfidoError {
  constructor(message: string, fields: FieldErrors) {
    super("validation", message, { fields });
  }
}

/** The body was not what the endpoint promises; `status` and a short, token-free `excerpt`. */
export class OnfidoDecodeError extends OnfidoError {
  declare readonly status: number;
  /** The first characters of the body. */
  readonly excerpt: string;
  constructor(message: string, status: number, excerpt: string) {
    super("decode", message, { status });
    this.excerpt = excerpt;
  }
}

/** Unusable settings; `field` names the setting (`api_token`, `region`, `base_url`, …). */
export class OnfidoConfigError extends OnfidoError {
  /** The setting at fault. */
  readonly field: string;
  constructor(message: string, field: string) {
    super("config", message);
    this.field = field;
  }
}

/** A webhook signature is missing or does not match the body. */
export class OnfidoSignatureError extends OnfidoError {
  constructor(message: string) {
    super("signature", message);
  }
}

/** The request could not be completed over the network, after the retries the policy allows. */
export class OnfidoTransportError extends OnfidoError {
  /** `connect` (nothing was sent), `timeout` or `lost`. */
  readonly failure: TransportFailureKind;
  constructor(message: string, failure: TransportFailureKind, cause?: unknown) {
    super("transport", message, { cause });
    this.failure = failure;
  }
}

// Each class's `name` lives on its prototype, so that stack traces, which V8 renders while the
// constructor runs, already say `OnfidoNotFoundError: …`.
for (const Class of [
  OnfidoError,
  OnfidoApiError,
  OnfidoAuthenticationError,
  OnfidoPermissionError,
  OnfidoNotFoundError,
  OnfidoGoneError,
  OnfidoUnprocessableError,
  OnfidoApiValidationError,
  OnfidoRateLimitError,
  OnfidoServerError,
  OnfidoValidationError,
  OnfidoDecodeError,
  OnfidoConfigError,
  OnfidoSignatureError,
  OnfidoTransportError,
]) {
  Object.defineProperty(Class.prototype, "name", { value: Class.name, writable: true, configurable: true });
}

/** Whether a value is an error of this package (any kind). */
export function isOnfidoError(value: unknown): value is OnfidoError {
  return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** Whether the server answered with an error. */
export function isOnfidoApiError(value: unknown): value is OnfidoApiError {
  return isOnfidoError(value) && value.kind === "api";
}

/** Whether input was refused, before sending (`kind` validation) or by the server (422 `validation_error`). */
export function isOnfidoValidationError(value: unknown): value is OnfidoValidationError | OnfidoApiValidationError {
  return isOnfidoError(value) && (value.kind === "validation" || (value.kind === "api" && value.type === "validation_error"));
}

/** Whether the server refused the token (401). */
export function isOnfidoAuthenticationError(value: unknown): value is OnfidoAuthenticationError {
  return isOnfidoApiError(value) && value.status === 401;
}

/** Whether the resource does not exist (404). */
export function isOnfidoNotFoundError(value: unknown): value is OnfidoNotFoundError {
  return isOnfidoApiError(value) && value.status === 404;
}

/** Whether the resource is deleted or scheduled for deletion (410). */
export function isOnfidoGoneError(value: unknown): value is OnfidoGoneError {
  return isOnfidoApiError(value) && value.status === 410;
}

/** Whether the rate limit was hit (429); see `retryAfter`. */
export function isOnfidoRateLimitError(value: unknown): value is OnfidoRateLimitError {
  return isOnfidoApiError(value) && value.status === 429;
}

/** Whether the server failed (5xx). */
export function isOnfidoServerError(value: unknown): value is OnfidoServerError {
  return isOnfidoApiError(value) && value.status >= 500;
}

/** Whether a response body could not be read as the endpoint promises. */
export function isOnfidoDecodeError(value: unknown): value is OnfidoDecodeError {
  return isOnfidoError(value) && value.kind === "decode";
}

/** Whether the settings are unusable (including a live token in a browser). */
export function isOnfidoConfigError(value: unknown): value is OnfidoConfigError {
  return isOnfidoError(value) && value.kind === "config";
}

/** Whether a webhook signature did not verify. */
export function isOnfidoSignatureError(value: unknown): value is OnfidoSignatureError {
  return isOnfidoError(value) && value.kind === "signature";
}

/** Whether the network failed. */
export function isOnfidoTransportError(value: unknown): value is OnfidoTransportError {
  return isOnfidoError(value) && value.kind === "transport";
}

type ApiClass = new (message: string, init: ConstructorParameters<typeof OnfidoApiError>[1]) => OnfidoApiError;

/** The class for the core's error name (`NotFoundError`, …: the same names in every runtime). */
const API_CLASSES: Record<string, ApiClass> = {
  AuthenticationError: OnfidoAuthenticationError,
  PermissionError: OnfidoPermissionError,
  NotFoundError: OnfidoNotFoundError,
  GoneError: OnfidoGoneError,
  UnprocessableError: OnfidoUnprocessableError,
  RateLimitError: OnfidoRateLimitError,
  ServerError: OnfidoServerError,
};

function retrySeconds(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "object" && value !== null && typeof (value as { at?: unknown }).at === "number") {
    return Math.max(0, (value as { at: number }).at - Math.floor(Date.now() / 1000));
  }
  return undefined;
}

function retryAt(value: unknown): number | undefined {
  const at = typeof value === "object" && value !== null ? (value as { at?: unknown }).at : undefined;
  return typeof at === "number" ? at : undefined;
}

function fieldsOf(value: unknown): FieldErrors {
  return typeof value === "object" && value !== null ? (value as FieldErrors) : {};
}

/** The error for a core error's JSON (`{kind, message, …}`). */
export function fromCore(json: string): OnfidoError {
  let info: Record<string, unknown>;
  try {
    info = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return new OnfidoError("decode", "an unreadable error came from the core");
  }
  const message = String(info["message"] ?? "");
  switch (info["kind"]) {
    case "api": {
      const status = Number(info["status"] ?? 0);
      const type = String(info["type"] ?? "unknown");
      const Class = type === "validation_error" ? OnfidoApiValidationError : (API_CLASSES[String(info["name"])] ?? OnfidoApiError);
      return withCall(
        new Class(message, {
          status,
          type,
          apiMessage: String(info["api_message"] ?? ""),
          fields: fieldsOf(info["fields"]),
          errorId: typeof info["id"] === "string" ? info["id"] : undefined,
          requestId: typeof info["request_id"] === "string" ? info["request_id"] : undefined,
          retryAfter: retrySeconds(info["retry_after"]),
          retryAt: retryAt(info["retry_after"]),
        }),
        info["call"],
      );
    }
    case "validation":
      return new OnfidoValidationError(message, fieldsOf(info["fields"]));
    case "decode":
      return new OnfidoDecodeError(message, Number(info["status"] ?? 0), String(info["excerpt"] ?? ""));
    case "config":
      return new OnfidoConfigError(message, String(info["field"] ?? ""));
    case "signature":
      return new OnfidoSignatureError(message);
    case "transport": {
      const failure = String(info["failure"] ?? "lost");
      const kind: TransportFailureKind = failure === "connect" || failure === "timeout" ? failure : "lost";
      return withCall(new OnfidoTransportError(message, kind), info["call"]);
    }
    default:
      return new OnfidoError("decode", message);
  }
}

/** The call an error ended (`{operation, url, attempts}` of the core's JSON), on the error. */
function withCall<E extends OnfidoError>(error: E, call: unknown): E {
  if (typeof call === "object" && call !== null) {
    const c = call as { operation?: unknown; url?: unknown; attempts?: unknown };
    error.operation = typeof c.operation === "string" ? c.operation : undefined;
    error.url = typeof c.url === "string" ? c.url : undefined;
    error.attempts = typeof c.attempts === "number" ? c.attempts : undefined;
  }
  return error;
}

/** Runs a core call, turning a thrown core error into its `OnfidoError`. */
export function core<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw translate(error);
  }
}

/** A thrown value as an `OnfidoError` when it is a core error; anything else as it is. */
export function translate(error: unknown): unknown {
  if (error instanceof Error && error.name === "CoreError" && typeof (error as { core?: unknown }).core === "string") {
    return fromCore((error as unknown as { core: string }).core);
  }
  return error;
}
