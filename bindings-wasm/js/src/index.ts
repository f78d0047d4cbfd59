// onfido-core: an Onfido API client for Node on a Rust core (WebAssembly): v3.6 (and its v3.4
// profile) as `Onfido`, the superseded v2 as `OnfidoV2` (its models under `v2.`). No runtime dependencies.

export { Onfido, Onfido as OnfidoV3 } from "./v3/client.js";
export type { OnfidoV3Options } from "./v3/client.js";
export type * from "./v3/models.js";
export { Onfido as OnfidoV2 } from "./v2/client.js";
export * as v2 from "./v2.js";
export { Paginated, raw } from "./client.js";
export type { OnfidoOptions, CommonOptions, OnfidoHooks, RetryPolicy, CallOptions } from "./client.js";
export { FetchTransport, SandboxTransport, TransportFailure, redactRequest } from "./transport.js";
export type { Transport, OnfidoRequest, OnfidoResponse, SendOptions, HeaderPairs, FetchLike, FetchInit, FetchResponseLike, AbortSignalLike } from "./transport.js";
export {
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
  isOnfidoError,
  isOnfidoApiError,
  isOnfidoValidationError,
  isOnfidoAuthenticationError,
  isOnfidoNotFoundError,
  isOnfidoGoneError,
  isOnfidoRateLimitError,
  isOnfidoServerError,
  isOnfidoDecodeError,
  isOnfidoConfigError,
  isOnfidoSignatureError,
  isOnfidoTransportError,
} from "./errors.js";
export type { OnfidoErrorKind, TransportFailureKind, FieldErrors, ApiErrorType } from "./errors.js";
export {
  verifyWebhook,
  verifySignature,
  parseWebhookEvent,
  signWebhook,
  ReferrerPattern,
  checkResult,
  findings,
  missingApplicantData,
  sdkTokenClaims,
  parseLinkHeader,
  operations,
  isIdempotent,
  coreVersion,
} from "./rules.js";
export type { BodyInput, HeadersInput, SignatureAlgorithm } from "./rules.js";
// What v2 and v3 share (files, pages, webhooks, rules); v2's other models: `v2.Applicant`…
export type {
  Timestamp,
  Download,
  Page,
  PageLink,
  PageLinks,
  FileInput,
  UrlLike,
  BlobLike,
  ReadableStreamLike,
  LinkRelations,
  WebhookEvent,
  WebhookEventObject,
  Finding,
  MissingData,
  SdkTokenClaims,
} from "./models.js";
export { expressWebhook, fastifyWebhook, webhookRefusal } from "./frameworks.js";
export type { WebhookSecret, ExpressWebhookRequest, ExpressWebhookResponse, FastifyWebhookOptions, FastifyWebhookRequest, FastifyWebhookReply } from "./frameworks.js";
export { proxyFor } from "./proxy.js";
export type { ProxyOptions } from "./proxy.js";
