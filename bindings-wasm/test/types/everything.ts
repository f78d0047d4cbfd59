// Uses every export of onfido-core with its types, as a Node backend would (with @types/node);
// checked with `tsc --noEmit --strict` as ESM (.mts) and as CommonJS (.cts) against the
// installed package (test/package.test.mjs). Never run: it only has to type-check.

import {
  OnfidoV2 as Onfido,
  Onfido as OnfidoV36,
  OnfidoV3,
  raw,
  v2,
  FetchTransport,
  SandboxTransport,
  TransportFailure,
  redactRequest,
  OnfidoError,
  OnfidoApiError,
  OnfidoAuthenticationError,
  OnfidoPermissionError,
  OnfidoNotFoundError,
  OnfidoGoneError,
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
  Paginated,
  expressWebhook,
  fastifyWebhook,
  webhookRefusal,
  proxyFor,
} from "onfido-core";
import type {
  OnfidoOptions,
  CommonOptions,
  OnfidoHooks,
  RetryPolicy,
  CallOptions,
  Transport,
  OnfidoRequest,
  OnfidoResponse,
  SendOptions,
  HeaderPairs,
  FetchLike,
  OnfidoErrorKind,
  TransportFailureKind,
  FieldErrors,
  ApiErrorType,
  BodyInput,
  HeadersInput,
  SignatureAlgorithm,
  Download,
  Page,
  PageLinks,
  WebhookEvent,
  Finding,
  MissingData,
  SdkTokenClaims,
  LinkRelations,
  FileInput,
  ProxyOptions,
  WebhookSecret,
  ExpressWebhookRequest,
  ExpressWebhookResponse,
  FastifyWebhookOptions,
  FastifyWebhookRequest,
  FastifyWebhookReply,
  UrlLike,
  ReadableStreamLike,
} from "onfido-core";
// API v2's models live under `v2.` (the package's top-level names are v3.6's).
type Applicant = v2.Applicant;
type Address = v2.Address;
type IdNumber = v2.IdNumber;
type Document = v2.Document;
type LivePhoto = v2.LivePhoto;
type LiveVideo = v2.LiveVideo;
type Check = v2.Check;
type Report = v2.Report;
type BreakdownItem = v2.BreakdownItem;
type Webhook = v2.Webhook;
type ReportTypeGroup = v2.ReportTypeGroup;
type SdkToken = v2.SdkToken;
type OcrResult = v2.OcrResult;
type SlvResult = v2.SlvResult;
type CreateApplicantInput = v2.CreateApplicantInput;
type ApplicantInput = v2.UpdateApplicantInput;
type CreateCheckInput = v2.CreateCheckInput;
type UploadDocumentInput = v2.UploadDocumentInput;
type UploadLivePhotoInput = v2.UploadLivePhotoInput;
type RegisterWebhookInput = v2.RegisterWebhookInput;
type OperationId = v2.OperationId;
import type * as v3 from "onfido-core";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";

import type { IncomingHttpHeaders } from "node:http";

declare const requestHeaders: IncomingHttpHeaders;
declare const req: ExpressWebhookRequest;
declare const res: ExpressWebhookResponse;

async function main(): Promise<void> {
  const retry: RetryPolicy = { maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 5000, maxRetryAfterMs: 60_000 };
  const options: OnfidoOptions = { apiToken: process.env["ONFIDO_API_TOKEN"], region: "eu", retry, timeoutMs: 10_000, pace: true };
  const live = new Onfido(options);
  const viaFetch = new Onfido({ apiToken: "test_x", fetch: globalThis.fetch, transport: new FetchTransport({ fetch: globalThis.fetch }) });
  const sandbox = new SandboxTransport({ rateLimit: 30 });
  const onfido = new Onfido({ apiToken: "test_types", transport: sandbox, dangerouslyAllowBrowser: false, retry: false });
  const region: string = onfido.region;
  const environment: "sandbox" | "live" | undefined = onfido.environment;
  const strings: string[] = [live.baseUrl, viaFetch.userAgent, region, String(environment), onfido.toString(), coreVersion];

  const call: CallOptions = { signal: new AbortController().signal };
  const input: CreateApplicantInput = { first_name: "Jane", last_name: "Doe", dob: "1990-01-01", addresses: [{ postcode: "SW4 6EH", country: "GBR" }], id_numbers: [{ type: "ssn", value: "123" }] };
  const applicant: Applicant = await onfido.applicants.create(input, call);
  const firstName: string | null | undefined = applicant.first_name;
  const addresses: Address[] | null | undefined = applicant.addresses;
  const ids: IdNumber[] = applicant.id_numbers ?? [];
  const update: ApplicantInput = { email: "jane@example.com" };
  await onfido.applicants.update(applicant.id, update);
  await onfido.applicants.retrieve(applicant.id);
  for await (const a of onfido.applicants.list({ per_page: 20 })) strings.push(a.id);
  const paginated: Paginated<Applicant> = onfido.applicants.list();
  const page: Page<Applicant> = await onfido.applicants.listPage({ page: 1, per_page: 10 });
  const links: PageLinks = page.links;
  const next: number | null = page.nextPage;

  const file: FileInput = Buffer.from("png bytes");
  const upload: UploadDocumentInput = { file, type: "passport", side: "front", filename: "passport.png" };
  const document: Document = await onfido.documents.upload(applicant.id, upload);
  await onfido.documents.retrieve(applicant.id, document.id);
  const documents: Document[] = await onfido.documents.list(applicant.id);
  const download: Download = await onfido.documents.download(applicant.id, document.id);
  const bytes: Uint8Array = download.content;
  const contentType: string | null = download.contentType;

  // uploads from a path, a file: URL, streams
  const fromPath: FileInput = "licence.png";
  const url: UrlLike = new URL("file:///tmp/licence.png");
  const web: ReadableStreamLike = Readable.toWeb(createReadStream("licence.png"));
  for (const f of [fromPath, url, web, createReadStream("licence.png"), Readable.from([Buffer.alloc(1)]), new Blob([])] as FileInput[]) {
    await onfido.documents.upload(applicant.id, { file: f, type: "passport" });
  }
  // proxies and webhook receivers
  const proxyOptions: ProxyOptions = { proxy: "http://proxy.internal:3128", noProxy: "localhost,.internal" };
  const proxied = new FetchTransport({ ...proxyOptions });
  const proxyUrl: string | undefined = proxyFor("https://api.onfido.com/v2/applicants", { proxy: false });
  const secret: WebhookSecret = () => "token";
  const middleware = expressWebhook(secret);
  middleware(req, res, (error?: unknown) => strings.push(String(error), String(req.onfidoEvent?.payload.action)));
  const fastifyOptions: FastifyWebhookOptions<FastifyWebhookRequest, FastifyWebhookReply> = {
    secret,
    url: "/onfido",
    handler: (event, request, reply) => reply.code(200).send({ action: event.payload.action, body: request.body }),
  };
  await fastifyWebhook({}, fastifyOptions);
  const refusal: { status: 401 | 400; message: string } | undefined = webhookRefusal(new Error("x"));
  strings.push(String(proxied), String(proxyUrl), String(refusal?.status));

  const photoInput: UploadLivePhotoInput = { applicant_id: applicant.id, file: new Uint8Array(40_000), filename: "face.png", advanced_validation: true };
  const photo: LivePhoto = await onfido.livePhotos.upload(photoInput);
  await onfido.livePhotos.retrieve(photo.id);
  await onfido.livePhotos.list({ applicant_id: applicant.id });
  await onfido.livePhotos.download(photo.id);

  const videos: LiveVideo[] = await onfido.liveVideos.list({ applicant_id: applicant.id });
  for (const v of videos) {
    await onfido.liveVideos.retrieve(v.id);
    await onfido.liveVideos.download(v.id);
  }

  const checkInput: CreateCheckInput = { type: "express", reports: [{ name: "document" }, { name: "identity", variant: "kyc" }], tags: ["t"] };
  const check: Check = await onfido.checks.create(applicant.id, checkInput);
  await onfido.checks.retrieve(applicant.id, check.id);
  for (const c of await onfido.checks.list(applicant.id, { expand: "reports" })) {
    for (const r of c.reports ?? []) if (typeof r !== "string") strings.push(r.id);
  }
  await onfido.checks.resume(check.id);
  const reports: Report[] = await onfido.reports.list(check.id);
  const report: Report = await onfido.reports.retrieve(check.id, reports[0]?.id ?? "");
  const breakdown: Record<string, BreakdownItem> | null | undefined = report.breakdown;
  await onfido.reports.resume(check.id, report.id);
  await onfido.reports.cancel(check.id, report.id);

  const hookInput: RegisterWebhookInput = { url: "https://example.com/hook", events: ["check.completed"], environments: ["sandbox"], enabled: true };
  const hook: Webhook = await onfido.webhooks.register(hookInput);
  await onfido.webhooks.retrieve(hook.id);
  const hooks: Webhook[] = await onfido.webhooks.list();
  const hookToken: string | null | undefined = hooks[0]?.token;

  const groups: ReportTypeGroup[] = await onfido.reportTypeGroups.list();
  await onfido.reportTypeGroups.retrieve(groups[0]?.id ?? "");
  const picked: Address[] = await onfido.addresses.pick({ postcode: "SW4 6EH" });
  const token: SdkToken = await onfido.sdkTokens.generate({ applicant_id: applicant.id, referrer: "https://*.example.com/*" });
  const claims: SdkTokenClaims = sdkTokenClaims(token.token);
  const ocr: OcrResult = await onfido.ocr.extract({ document_id: document.id });
  const mrz: string | null | undefined = ocr.extracted_data?.ocr_results?.mrz_line1;
  const slv: SlvResult = await onfido.slv.submitCode({ code: "ABC123" });
  await onfido.applicants.delete(applicant.id);
  await onfido.applicants.restore(applicant.id);

  const operation: OperationId = "list_applicants";
  const raw = await onfido.request<{ applicants: Applicant[] }>(operation, { per_page: 1 });
  const request: OnfidoRequest = onfido.buildRequest("retrieve_applicant", { applicant_id: "a1" }, { now: 0 });
  const headers: HeaderPairs = request.headers;
  const sendOptions: SendOptions = { timeoutMs: 1000 };
  const response: OnfidoResponse = await sandbox.send(request, sendOptions);
  const parsed: Applicant = onfido.parseResponse<Applicant>("retrieve_applicant", response);
  const delivered: OnfidoRequest[] = sandbox.deliveries;
  const shown = redactRequest(request);

  const custom: Transport = {
    async send(req: OnfidoRequest, opts: SendOptions): Promise<OnfidoResponse> {
      if (opts.timeoutMs < 0) throw new TransportFailure("timeout", "never");
      return { status: 204, headers: [], body: new Uint8Array() };
    },
  };
  const fetchLike: FetchLike = async () => ({ status: 200, headers: new Map<string, string>(), arrayBuffer: async () => new ArrayBuffer(0) });
  new Onfido({ apiToken: "test_x", transport: custom, fetch: fetchLike });
  const failureKind: TransportFailureKind = new TransportFailure("lost", "x").failure;

  const body: BodyInput = "{}";
  const hookHeaders: HeadersInput = { "x-sha2-signature": "00", "x-other": ["a", "b"], "x-missing": undefined };
  const algorithm: SignatureAlgorithm = "sha1";
  const signature: string = signWebhook(body, "secret", algorithm);
  const valid: boolean = verifySignature(body, signature, "secret", algorithm);
  try {
    const event: WebhookEvent = verifyWebhook(body, hookHeaders, "secret");
    const action: string = event.payload.action;
    const objectId: string = event.payload.object.id;
    strings.push(action, objectId);
  } catch (error: unknown) {
    if (isOnfidoSignatureError(error)) strings.push(error.message);
  }
  parseWebhookEvent(new Uint8Array());
  verifyWebhook(new ArrayBuffer(0), [["X-Signature", "00"]], "secret");
  verifyWebhook(Buffer.from("{}"), requestHeaders, "secret");
  verifyWebhook("{}", new Headers(), "secret");
  verifyWebhook("{}", new Map<string, string>(), "secret");

  const pattern = new ReferrerPattern("https://*.example.com/*");
  const matches: boolean = pattern.matches("https://a.example.com/");
  const lint: string[] = pattern.lint();
  const result: "clear" | "consider" | null = checkResult(["clear", null]);
  const found: Finding[] = findings(report);
  const missing: MissingData[] = missingApplicantData(checkInput, applicant);
  const relations: LinkRelations = parseLinkHeader('<https://x/?page=2>; rel="next"');
  const all: OperationId[] = operations();
  const idempotent: boolean = isIdempotent("retrieve_check");

  try {
    await onfido.applicants.retrieve("nope");
  } catch (error: unknown) {
    if (isOnfidoApiError(error)) {
      const status: number = error.status;
      const type: ApiErrorType = error.type;
      const fields: FieldErrors = error.fields;
      const retryAfter: number | undefined = error.retryAfter;
      const requestId: string | undefined = error.requestId;
      strings.push(String(status), type, String(Object.keys(fields)), String(retryAfter), String(requestId), error.apiMessage);
    }
    if (isOnfidoError(error)) {
      const kind: OnfidoErrorKind = error.kind;
      const code: string = error.code;
      const name: string = error.name;
      strings.push(kind, code, name);
    }
    if (isOnfidoValidationError(error)) strings.push(...Object.keys(error.fields));
    if (isOnfidoTransportError(error)) strings.push(error.failure);
    if (isOnfidoConfigError(error)) strings.push(error.field);
    if (isOnfidoDecodeError(error)) strings.push(error.excerpt);
    if (isOnfidoRateLimitError(error) || isOnfidoAuthenticationError(error) || isOnfidoNotFoundError(error)) strings.push("api");
    if (isOnfidoGoneError(error) || isOnfidoServerError(error)) strings.push("api");
    if (error instanceof OnfidoError || error instanceof OnfidoApiError) strings.push("class");
  }
  const classes: Array<new (...args: never[]) => OnfidoError> = [
    OnfidoApiError, OnfidoAuthenticationError, OnfidoPermissionError, OnfidoNotFoundError, OnfidoGoneError,
    OnfidoApiValidationError, OnfidoRateLimitError, OnfidoServerError, OnfidoValidationError, OnfidoDecodeError,
    OnfidoConfigError, OnfidoSignatureError, OnfidoTransportError,
  ];
  const made: OnfidoValidationError = new OnfidoValidationError("bad", { first_name: ["can't be blank"] });

  // What `tsc --strict` refuses on the generated v2 surface, as on v3.6's.
  // @ts-expect-error a misspelt field read
  void applicant.frist_name;
  // @ts-expect-error a misspelt input field
  await onfido.applicants.create({ first_name: "Jane", last_name: "Doe", dbo: "1990-01-31" });
  // @ts-expect-error a value the closed input enum lacks
  await onfido.documents.upload(applicant.id, { type: "passport", side: "middle", file });
  // @ts-expect-error a path id is positional
  await onfido.applicants.retrieve({ applicant_id: applicant.id });
  // @ts-expect-error a listing without pages is one array, not a Paginated
  await onfido.documents.list(applicant.id).toArray();
  // @ts-expect-error a misspelt field of a nested answer
  void ocr.extracted_data?.ocr_results?.mrz_lineone;
  // @ts-expect-error OnfidoV2 speaks v2 only
  new Onfido({ apiToken: "test_x", apiVersion: "v3.6" });
  const common: CommonOptions = { apiToken: "test_x", hooks: { request: (e) => strings.push(e.operation) } satisfies OnfidoHooks };

  void [firstName, addresses, ids, paginated, links, next, documents, bytes, contentType, breakdown, picked, claims, ocr, mrz, slv, raw, hookToken, common];
  void [headers, parsed, delivered, shown, failureKind, valid, matches, lint, result, found, missing, relations, all, idempotent, classes, made];
}

void main;

// API v3.6: the generated surface (the package's `Onfido`), its models, and what `tsc --strict` refuses.
async function v3Surface(): Promise<void> {
  const onfido = new OnfidoV36({ apiToken: "api_sandbox.types", transport: new SandboxTransport() });
  const v34: OnfidoV3 = new OnfidoV3({ apiToken: "api_sandbox.types", apiVersion: "v3.4", retry: false });
  const options: v3.OnfidoV3Options = { apiToken: "api_sandbox.types", region: "us", apiVersion: "v3.6" };
  const call: CallOptions = { timeoutMs: 5_000, headers: { "X-Request-Tag": "types" } };

  const input: v3.CreateApplicantInput = {
    first_name: "Jane",
    last_name: "Doe",
    dob: new Date("1990-01-31"),
    address: { country: "GBR", postcode: "SW4 6EH", town: "London" },
    location: { country_of_residence: "GBR" },
  };
  const applicant: v3.Applicant = await onfido.applicants.create(input, call);
  const id: string = applicant.id;
  const dob: string | null | undefined = applicant.dob;
  const created: Date | undefined = applicant.created_at ? new Date(applicant.created_at) : undefined;
  const unknownField: unknown = raw(applicant)["a_field_this_version_does_not_name"];
  const found: v3.Applicant = await onfido.applicants.find(id);
  await onfido.applicants.update(id, { email: "jane@example.com", dob: "1990-01-31" });
  const consents: v3.ApplicantConsent[] = await onfido.applicants.findConsents(id);

  const listing: Paginated<v3.Applicant> = onfido.applicants.list({ per_page: 50, include_deleted: false });
  const page: Page<v3.Applicant> = await onfido.applicants.listPage({ per_page: 50, include_deleted: false });
  const firstOfAll: v3.Applicant[] = await listing.toArray();
  const nextPage: number | null = page.nextPage;
  for await (const each of onfido.applicants.list()) void each.first_name;
  for await (const each of onfido.workflowRuns.list({ status: "approved", created_at_gt: new Date() }).pages()) void each.totalCount;
  const every: v3.WorkflowRun[] = await onfido.workflowRuns.list().toArray();

  const document: v3.Document = await onfido.documents.upload({ applicant_id: id, type: "passport", side: "front", file: "./passport.png", filename: "p.png" });
  const documents: v3.Document[] = await onfido.documents.list({ applicant_id: id });
  const download: Download = await onfido.documents.download(document.id);
  const bytes: Uint8Array = download.content;
  const frame: Download = await onfido.liveVideos.downloadFrame("lv");
  const check: v3.Check = await onfido.checks.create({ applicant_id: id, report_names: ["document", "identity_enhanced"] });
  const status: v3.Open<v3.CheckStatus> | null | undefined = check.status;
  const isComplete: boolean = check.status === "complete" || check.status === "a_status_a_newer_server_sends";
  const reports: v3.Report[] = await onfido.reports.list({ check_id: check.id });
  const breakdown: Record<string, unknown> | null | undefined = reports[0]?.breakdown;
  const resumed: void = await onfido.checks.resume(check.id);
  const run: v3.WorkflowRun = await onfido.workflowRuns.create({ applicant_id: id, workflow_id: "w", tags: ["a"] });
  await onfido.tasks.complete(run.id, "task", { data: { first_name: "Jane" } });
  const location: string | null = await onfido.watchlistMonitors.forceReportCreation("m");
  const pong: string = await onfido.api.ping();
  const operation: v3.OperationId = "find_applicant";
  const rawAnswer: unknown = await onfido.request(operation, { applicant_id: id });

  // @ts-expect-error a misspelt field read
  void applicant.frist_name;
  // @ts-expect-error a misspelt input field
  await onfido.applicants.create({ first_name: "Jane", last_name: "Doe", dbo: "1990-01-31" });
  // @ts-expect-error a value the closed input enum lacks
  await onfido.documents.upload({ applicant_id: id, type: "passport", side: "middle", file: bytes });
  // @ts-expect-error a path id is positional
  await onfido.applicants.find({ applicant_id: id });
  // @ts-expect-error v2 is OnfidoV2
  new OnfidoV36({ apiToken: "test_x", apiVersion: "v2" });
  const old: v2.Onfido = new v2.Onfido({ apiToken: "test_x" });

  // @ts-expect-error a listing is not one page: listPage is
  void (await onfido.applicants.list()).items;
  void [firstOfAll, v34, options, dob, created, unknownField, found, consents, nextPage, every, documents, frame, status, isComplete, breakdown, resumed, location, pong, rawAnswer, old];
}

void v3Surface;
