// onfido-core: an Onfido API v2 client for Node on a Rust core (WebAssembly). No runtime dependencies.

export { Onfido, Paginated, Applicants, Documents, LivePhotos, LiveVideos, Checks, Reports, Webhooks, ReportTypeGroups, Addresses, SdkTokens, Ocr, Slv } from "./client.js";
export type { OnfidoOptions, OnfidoHooks, RetryPolicy, CallOptions } from "./client.js";
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
export type * from "./models.js";
export { expressWebhook, fastifyWebhook, webhookRefusal } from "./frameworks.js";
export type { WebhookSecret, ExpressWebhookRequest, ExpressWebhookResponse, FastifyWebhookOptions, FastifyWebhookRequest, FastifyWebhookReply } from "./frameworks.js";
export { proxyFor } from "./proxy.js";
export type { ProxyOptions } from "./proxy.js";
