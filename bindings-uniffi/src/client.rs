//! `OnfidoClient`: every operation as an async method: the core's call driver decides (build,
//! retries, pacing, redirects, pagination, parse); the foreign transport sends and the sleeper waits.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::task::Poll;
use std::time::Instant;

use onfido_core::call::{Answer, Call, Now, Purpose, Session, Step};
use onfido_core::operations::{
    addresses, applicants, checks, documents, live_photos, live_videos, ocr, report_type_groups, reports, sdk_tokens,
    slv, webhooks,
};
use onfido_core::{Config, Failure, Operation};

use crate::config::{CallOptions, ClientConfig};
use crate::enums::{DocumentSide, DocumentType};
use crate::error::{OnfidoError, TransportError};
use crate::http::{HttpRequest, HttpResponse, HttpTransport, Sleeper};
use crate::inputs::{ApplicantInput, CheckInput, FileInput, WebhookInput};
use crate::listener::{shown_header, CallEvent, CallListener};
use crate::models::{
    Address, Applicant, ApplicantPage, Check, Document, Download, LivePhoto, LiveVideo, OcrResult, PageInfo, Report,
    ReportTypeGroup, SdkToken, SlvResult, Webhook,
};
use crate::timer::{jitter, monotonic_ms, unix_now, ThreadSleep};

/// An Onfido API client. Thread-safe; share one per configuration.
///
/// Every method suspends (Kotlin) / is `async` (Swift) while the transport works; no thread is blocked
/// by the client itself. The core's call driver decides everything: retries follow `ClientConfig.retry`
/// (on by default), pacing `ClientConfig.pace`, each try is bounded by `ClientConfig.timeoutMs` (or a
/// call's `CallOptions.timeoutMs`; 30 s by default); the waits go through the `Sleeper`.
#[derive(uniffi::Object)]
pub struct OnfidoClient {
    config: Config,
    /// The core's session (retry policy, pacer, OAuth token): locked per event, never across an await.
    session: Mutex<Session>,
    transport: Arc<dyn HttpTransport>,
    sleeper: Option<Arc<dyn Sleeper>>,
    listener: RwLock<Option<Arc<dyn CallListener>>>,
    /// The origin of the monotonic clock handed to the core.
    origin: Instant,
}

impl std::fmt::Debug for OnfidoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnfidoClient").field("config", &self.config).finish_non_exhaustive()
    }
}

/// A page of a listing by operation id: the answer as JSON and the next page's input.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct JsonPage {
    /// The answer, as `request` gives it.
    pub json: String,
    /// The input of the next page (for `requestPage`), `null` on the last page.
    pub next_input_json: Option<String>,
}

#[uniffi::export]
impl OnfidoClient {
    /// A client sending through `transport`; waits (retries, pacing, timeouts) go through `sleeper`
    /// (without one, a helper thread times the wait).
    #[uniffi::constructor(default(sleeper = None))]
    pub fn new(
        config: ClientConfig,
        transport: Arc<dyn HttpTransport>,
        sleeper: Option<Arc<dyn Sleeper>>,
    ) -> Result<Arc<Self>, OnfidoError> {
        let retry = config.retry_policy()?;
        let core = config.to_core()?;
        let mut session = Session::new(core.clone()).with_retry(retry).with_pacing(config.pace.unwrap_or(false));
        if let Some(ms) = config.timeout_ms.and_then(|ms| u64::try_from(ms).ok()) {
            session = session.with_timeout_ms(ms);
        }
        Ok(Arc::new(OnfidoClient {
            config: core,
            session: Mutex::new(session),
            transport,
            sleeper,
            listener: RwLock::new(None),
            origin: Instant::now(),
        }))
    }

    /// Hears every request, response, wait and error of this client's calls (`null` to stop).
    pub fn set_listener(&self, listener: Option<Arc<dyn CallListener>>) {
        if let Ok(mut slot) = self.listener.write() {
            *slot = listener;
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.config.base_url().to_string()
    }

    /// `sandbox` or `live` from the token's prefix (`None` without a token or for an unknown prefix).
    pub fn environment(&self) -> Option<String> {
        self.config.environment().map(|e| match e {
            onfido_core::Environment::Sandbox => "sandbox".to_owned(),
            onfido_core::Environment::Live => "live".to_owned(),
        })
    }

    /// Any operation by id of the configured version with the API's JSON in and out (lists as
    /// the API's wrapper object or array, downloads as `{content_type, filename, size, sha256,
    /// content_base64}`, 204 as `{}`).
    #[uniffi::method(default(options = None))]
    pub async fn request(
        &self,
        operation: String,
        input_json: String,
        options: Option<CallOptions>,
    ) -> Result<String, OnfidoError> {
        Ok(self.request_page(operation, input_json, options).await?.json)
    }

    /// Like `request`, with the next page's input for listings (`null` on the last page and for
    /// other operations): the core reads the `Link` header and rebuilds the request from the config.
    #[uniffi::method(default(options = None))]
    pub async fn request_page(
        &self,
        operation: String,
        input_json: String,
        options: Option<CallOptions>,
    ) -> Result<JsonPage, OnfidoError> {
        let input = onfido_core::dynamic::from_json::<serde_json::Value>(input_json.as_bytes(), "input")?;
        let answer = self.call_by_id(&operation, &input, options).await?;
        let next_input_json = answer.next_input.as_ref().map(|v| v.to_string());
        Ok(JsonPage { json: answer.parse()?.to_string(), next_input_json })
    }

    // --- applicants

    /// Creates an applicant (`first_name` and `last_name` required).
    #[uniffi::method(default(options = None))]
    pub async fn create_applicant(
        &self,
        applicant: ApplicantInput,
        options: Option<CallOptions>,
    ) -> Result<Applicant, OnfidoError> {
        let op = applicants::CreateApplicant(applicant.to_core()?);
        Ok((&self.run(op, options).await?).into())
    }

    /// Retrieves an applicant.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_applicant(
        &self,
        applicant_id: String,
        options: Option<CallOptions>,
    ) -> Result<Applicant, OnfidoError> {
        Ok((&self.run(applicants::RetrieveApplicant { applicant_id }, options).await?).into())
    }

    /// Changes the fields set in `applicant`.
    #[uniffi::method(default(options = None))]
    pub async fn update_applicant(
        &self,
        applicant_id: String,
        applicant: ApplicantInput,
        options: Option<CallOptions>,
    ) -> Result<Applicant, OnfidoError> {
        let op = applicants::UpdateApplicant { applicant_id, applicant: applicant.to_core()? };
        Ok((&self.run(op, options).await?).into())
    }

    /// Deletes an applicant (scheduled when it has checks; see `restore_applicant`).
    #[uniffi::method(default(options = None))]
    pub async fn delete_applicant(
        &self,
        applicant_id: String,
        options: Option<CallOptions>,
    ) -> Result<(), OnfidoError> {
        self.run(applicants::DeleteApplicant { applicant_id }, options).await.map(drop)
    }

    /// Restores an applicant scheduled for deletion.
    #[uniffi::method(default(options = None))]
    pub async fn restore_applicant(
        &self,
        applicant_id: String,
        options: Option<CallOptions>,
    ) -> Result<(), OnfidoError> {
        self.run(applicants::RestoreApplicant { applicant_id }, options).await.map(drop)
    }

    /// One page of applicants, newest first.
    #[uniffi::method(default(page = None, per_page = None, include_deleted = None, options = None))]
    pub async fn list_applicants(
        &self,
        page: Option<i32>,
        per_page: Option<i32>,
        include_deleted: Option<bool>,
        options: Option<CallOptions>,
    ) -> Result<ApplicantPage, OnfidoError> {
        let (page, per_page) = (count_in("page", page)?, count_in("per_page", per_page)?);
        let listed = self.run(applicants::ListApplicants { page, per_page, include_deleted }, options).await?;
        Ok(ApplicantPage { items: listed.items.iter().map(Into::into).collect(), page: PageInfo::from(&listed.page) })
    }

    // --- documents

    /// Uploads a document (JPEG, PNG or PDF, 32 KiB to 10 MiB).
    #[uniffi::method(default(side = None, issuing_country = None, options = None))]
    pub async fn upload_document(
        &self,
        applicant_id: String,
        file: FileInput,
        document_type: DocumentType,
        side: Option<DocumentSide>,
        issuing_country: Option<String>,
        options: Option<CallOptions>,
    ) -> Result<Document, OnfidoError> {
        let op = documents::UploadDocument {
            applicant_id,
            file: Some(file.into()),
            document_type: Some((&document_type).into()),
            side: side.as_ref().map(Into::into),
            issuing_country,
        };
        Ok((&self.run(op, options).await?).into())
    }

    /// Retrieves a document.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_document(
        &self,
        applicant_id: String,
        document_id: String,
        options: Option<CallOptions>,
    ) -> Result<Document, OnfidoError> {
        Ok((&self.run(documents::RetrieveDocument { applicant_id, document_id }, options).await?).into())
    }

    /// An applicant's documents.
    #[uniffi::method(default(options = None))]
    pub async fn list_documents(
        &self,
        applicant_id: String,
        options: Option<CallOptions>,
    ) -> Result<Vec<Document>, OnfidoError> {
        Ok(self.run(documents::ListDocuments { applicant_id }, options).await?.items.iter().map(Into::into).collect())
    }

    /// Downloads a document's file, byte for byte.
    #[uniffi::method(default(options = None))]
    pub async fn download_document(
        &self,
        applicant_id: String,
        document_id: String,
        options: Option<CallOptions>,
    ) -> Result<Download, OnfidoError> {
        Ok(self.run(documents::DownloadDocument { applicant_id, document_id }, options).await?.into())
    }

    // --- live photos

    /// Uploads a live photo (JPEG or PNG).
    #[uniffi::method(default(advanced_validation = None, options = None))]
    pub async fn upload_live_photo(
        &self,
        applicant_id: String,
        file: FileInput,
        advanced_validation: Option<bool>,
        options: Option<CallOptions>,
    ) -> Result<LivePhoto, OnfidoError> {
        let op = live_photos::UploadLivePhoto { applicant_id, file: Some(file.into()), advanced_validation };
        Ok((&self.run(op, options).await?).into())
    }

    /// Retrieves a live photo.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_live_photo(
        &self,
        live_photo_id: String,
        options: Option<CallOptions>,
    ) -> Result<LivePhoto, OnfidoError> {
        Ok((&self.run(live_photos::RetrieveLivePhoto { live_photo_id }, options).await?).into())
    }

    /// An applicant's live photos.
    #[uniffi::method(default(options = None))]
    pub async fn list_live_photos(
        &self,
        applicant_id: String,
        options: Option<CallOptions>,
    ) -> Result<Vec<LivePhoto>, OnfidoError> {
        Ok(self
            .run(live_photos::ListLivePhotos { applicant_id }, options)
            .await?
            .items
            .iter()
            .map(Into::into)
            .collect())
    }

    /// Downloads a live photo's file.
    #[uniffi::method(default(options = None))]
    pub async fn download_live_photo(
        &self,
        live_photo_id: String,
        options: Option<CallOptions>,
    ) -> Result<Download, OnfidoError> {
        Ok(self.run(live_photos::DownloadLivePhoto { live_photo_id }, options).await?.into())
    }

    // --- live videos

    /// Retrieves a live video.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_live_video(
        &self,
        live_video_id: String,
        options: Option<CallOptions>,
    ) -> Result<LiveVideo, OnfidoError> {
        Ok((&self.run(live_videos::RetrieveLiveVideo { live_video_id }, options).await?).into())
    }

    /// An applicant's live videos.
    #[uniffi::method(default(options = None))]
    pub async fn list_live_videos(
        &self,
        applicant_id: String,
        options: Option<CallOptions>,
    ) -> Result<Vec<LiveVideo>, OnfidoError> {
        Ok(self
            .run(live_videos::ListLiveVideos { applicant_id }, options)
            .await?
            .items
            .iter()
            .map(Into::into)
            .collect())
    }

    /// Downloads a live video's file.
    #[uniffi::method(default(options = None))]
    pub async fn download_live_video(
        &self,
        live_video_id: String,
        options: Option<CallOptions>,
    ) -> Result<Download, OnfidoError> {
        Ok(self.run(live_videos::DownloadLiveVideo { live_video_id }, options).await?.into())
    }

    // --- checks

    /// Creates a check on an applicant.
    #[uniffi::method(default(options = None))]
    pub async fn create_check(
        &self,
        applicant_id: String,
        check: CheckInput,
        options: Option<CallOptions>,
    ) -> Result<Check, OnfidoError> {
        Ok((&self.run(check.to_core(applicant_id)?, options).await?).into())
    }

    /// Retrieves a check.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_check(
        &self,
        applicant_id: String,
        check_id: String,
        options: Option<CallOptions>,
    ) -> Result<Check, OnfidoError> {
        Ok((&self.run(checks::RetrieveCheck { applicant_id, check_id }, options).await?).into())
    }

    /// An applicant's checks; with `expand_reports` each check carries its reports.
    #[uniffi::method(default(expand_reports = false, options = None))]
    pub async fn list_checks(
        &self,
        applicant_id: String,
        expand_reports: bool,
        options: Option<CallOptions>,
    ) -> Result<Vec<Check>, OnfidoError> {
        let op = checks::ListChecks { applicant_id, expand: expand_reports.then(|| "reports".to_owned()) };
        Ok(self.run(op, options).await?.items.iter().map(Into::into).collect())
    }

    /// Resumes a paused check.
    #[uniffi::method(default(options = None))]
    pub async fn resume_check(&self, check_id: String, options: Option<CallOptions>) -> Result<(), OnfidoError> {
        self.run(checks::ResumeCheck { check_id }, options).await.map(drop)
    }

    // --- reports

    /// Retrieves a report.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_report(
        &self,
        check_id: String,
        report_id: String,
        options: Option<CallOptions>,
    ) -> Result<Report, OnfidoError> {
        Ok((&self.run(reports::RetrieveReport { check_id, report_id }, options).await?).into())
    }

    /// A check's reports.
    #[uniffi::method(default(options = None))]
    pub async fn list_reports(
        &self,
        check_id: String,
        options: Option<CallOptions>,
    ) -> Result<Vec<Report>, OnfidoError> {
        Ok(self.run(reports::ListReports { check_id }, options).await?.items.iter().map(Into::into).collect())
    }

    /// Resumes a paused report.
    #[uniffi::method(default(options = None))]
    pub async fn resume_report(
        &self,
        check_id: String,
        report_id: String,
        options: Option<CallOptions>,
    ) -> Result<(), OnfidoError> {
        self.run(reports::ResumeReport { check_id, report_id }, options).await.map(drop)
    }

    /// Cancels a paused report.
    #[uniffi::method(default(options = None))]
    pub async fn cancel_report(
        &self,
        check_id: String,
        report_id: String,
        options: Option<CallOptions>,
    ) -> Result<(), OnfidoError> {
        self.run(reports::CancelReport { check_id, report_id }, options).await.map(drop)
    }

    // --- webhooks

    /// Registers a webhook; the answer carries the token its notifications are signed with.
    #[uniffi::method(default(options = None))]
    pub async fn register_webhook(
        &self,
        webhook: WebhookInput,
        options: Option<CallOptions>,
    ) -> Result<Webhook, OnfidoError> {
        Ok((&self.run(webhooks::RegisterWebhook::from(&webhook), options).await?).into())
    }

    /// Retrieves a webhook.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_webhook(
        &self,
        webhook_id: String,
        options: Option<CallOptions>,
    ) -> Result<Webhook, OnfidoError> {
        Ok((&self.run(webhooks::RetrieveWebhook { webhook_id }, options).await?).into())
    }

    /// Every webhook.
    #[uniffi::method(default(options = None))]
    pub async fn list_webhooks(&self, options: Option<CallOptions>) -> Result<Vec<Webhook>, OnfidoError> {
        Ok(self.run(webhooks::ListWebhooks {}, options).await?.items.iter().map(Into::into).collect())
    }

    // --- report type groups

    /// Retrieves a report type group.
    #[uniffi::method(default(options = None))]
    pub async fn retrieve_report_type_group(
        &self,
        report_type_group_id: String,
        options: Option<CallOptions>,
    ) -> Result<ReportTypeGroup, OnfidoError> {
        Ok((&self.run(report_type_groups::RetrieveReportTypeGroup { report_type_group_id }, options).await?).into())
    }

    /// Every report type group.
    #[uniffi::method(default(options = None))]
    pub async fn list_report_type_groups(
        &self,
        options: Option<CallOptions>,
    ) -> Result<Vec<ReportTypeGroup>, OnfidoError> {
        Ok(self.run(report_type_groups::ListReportTypeGroups {}, options).await?.items.iter().map(Into::into).collect())
    }

    // --- addresses, SDK tokens, OCR, Street Level

    /// The addresses at a UK postcode.
    #[uniffi::method(default(options = None))]
    pub async fn pick_addresses(
        &self,
        postcode: String,
        options: Option<CallOptions>,
    ) -> Result<Vec<Address>, OnfidoError> {
        let op = addresses::PickAddresses { postcode: Some(postcode) };
        Ok(self.run(op, options).await?.items.iter().map(Into::into).collect())
    }

    /// A Web SDK token for an applicant, usable on pages matching `referrer`.
    #[uniffi::method(default(options = None))]
    pub async fn generate_sdk_token(
        &self,
        applicant_id: String,
        referrer: String,
        options: Option<CallOptions>,
    ) -> Result<SdkToken, OnfidoError> {
        let op = sdk_tokens::GenerateSdkToken::new(applicant_id, referrer);
        Ok((&self.run(op, options).await?).into())
    }

    /// Reads a document's data with OCR Autofill.
    #[uniffi::method(default(options = None))]
    pub async fn extract_ocr(
        &self,
        document_id: String,
        options: Option<CallOptions>,
    ) -> Result<OcrResult, OnfidoError> {
        Ok((&self.run(ocr::ExtractOcr { document_id: Some(document_id) }, options).await?).into())
    }

    /// Submits a Street Level verification code.
    #[uniffi::method(default(options = None))]
    pub async fn submit_slv_code(&self, code: String, options: Option<CallOptions>) -> Result<SlvResult, OnfidoError> {
        Ok(SlvResult { success: self.run(slv::SubmitSlvCode { code: Some(code) }, options).await?.success })
    }
}

impl OnfidoClient {
    /// Build (core), then drive the call; the typed answer from the final response.
    async fn run<O: Operation + Send>(
        &self,
        operation: O,
        options: Option<CallOptions>,
    ) -> Result<O::Output, OnfidoError> {
        let request = operation.build_at(&self.config, unix_now())?;
        let call = {
            let session = self.session()?;
            Call::from_request(&session, O::ID.as_str(), request)?
        };
        let answer = self.drive(with_options(call, options)?).await?;
        Ok(O::parse(answer.response)?)
    }

    /// An operation of the configured version by id with its JSON input, checked and built by
    /// the core, through the driver.
    pub(crate) async fn call_by_id(
        &self,
        operation: &str,
        input: &serde_json::Value,
        options: Option<CallOptions>,
    ) -> Result<Answer, OnfidoError> {
        let call = {
            let session = self.session()?;
            Call::new(&session, operation, input, unix_now())?
        };
        self.drive(with_options(call, options)?).await
    }

    /// The configured API version.
    pub(crate) fn api_version(&self) -> onfido_core::ApiVersion {
        self.config.api_version()
    }

    fn session(&self) -> Result<MutexGuard<'_, Session>, OnfidoError> {
        self.session.lock().map_err(|_| OnfidoError::Config {
            field: "client".to_owned(),
            reason: "a call panicked while holding the client's session; make a new client".to_owned(),
        })
    }

    fn now(&self) -> Now {
        Now { unix: unix_now(), monotonic_ms: monotonic_ms(self.origin), jitter: jitter() }
    }

    fn emit(&self, event: impl FnOnce() -> CallEvent) {
        let listener = self.listener.read().ok().and_then(|l| l.clone());
        if let Some(listener) = listener {
            // What a listener throws is its own business.
            let _ = listener.on_event(event());
        }
    }

    /// The call driver: does what the core's `Step` says (send through the transport, sleep
    /// through the sleeper) until the call is done. The session is locked for each event only.
    /// The answer holds the final response, for the typed v2 parsers or the JSON reading.
    async fn drive(&self, mut call: Call) -> Result<Answer, OnfidoError> {
        let mut step = {
            let mut session = self.session()?;
            call.start(&mut session, self.now())
        };
        let mut sent: u32 = 0;
        let operation = call.operation().to_owned();
        loop {
            step = match step {
                Step::Send(send) => {
                    sent = sent.saturating_add(1);
                    let attempt = i32::try_from(send.attempt).unwrap_or(i32::MAX);
                    let purpose = purpose_name(send.purpose);
                    let (method, url) = (send.request.method.as_str().to_owned(), send.request.url.clone());
                    self.emit(|| CallEvent::RequestSent {
                        operation: operation.clone(),
                        purpose: purpose.to_owned(),
                        attempt,
                        method: method.clone(),
                        url: url.clone(),
                        headers: send.request.headers.iter().map(|(n, v)| shown_header(n, v)).collect(),
                        body_size: i64::try_from(send.request.body.len()).unwrap_or(i64::MAX),
                    });
                    let started = Instant::now();
                    let outcome = self.send(HttpRequest::from(send.request), send.timeout_ms).await;
                    let fed = match outcome {
                        Ok(response) => match onfido_core::HttpResponse::try_from(response) {
                            Ok(response) => {
                                self.emit(|| CallEvent::ResponseReceived {
                                    operation: operation.clone(),
                                    purpose: purpose.to_owned(),
                                    attempt,
                                    status: i32::from(response.status),
                                    request_id: response.header("x-request-id").map(str::to_owned),
                                    elapsed_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
                                });
                                Ok(response)
                            }
                            Err(refused) => return Err(self.other(refused.reason(), &operation, &method, &url, sent)),
                        },
                        Err(TransportError::Other { reason }) => {
                            return Err(self.other(&reason, &operation, &method, &url, sent));
                        }
                        Err(failed) => {
                            let failure = match failed {
                                TransportError::Connect { .. } => Failure::Connect,
                                TransportError::Timeout { .. } => Failure::Timeout,
                                _ => Failure::Lost,
                            };
                            self.emit(|| CallEvent::SendFailed {
                                operation: operation.clone(),
                                attempt,
                                failure: failure.as_str().to_owned(),
                                reason: failed.reason().to_owned(),
                            });
                            Err((failure, failed.reason().to_owned()))
                        }
                    };
                    let mut session = self.session()?;
                    call.received(&mut session, fed, self.now())
                }
                Step::Wait(wait) => {
                    self.emit(|| CallEvent::Waiting {
                        operation: operation.clone(),
                        reason: wait.reason.as_str().to_owned(),
                        ms: i64::try_from(wait.ms).unwrap_or(i64::MAX),
                    });
                    self.sleep(wait.ms).await.map_err(|e| self.other(e.reason(), &operation, "", "", sent))?;
                    let mut session = self.session()?;
                    call.waited(&mut session, self.now())
                }
                Step::Done(Ok(answer)) => return Ok(answer),
                Step::Done(Err(error)) => {
                    let error = OnfidoError::from(error);
                    self.emit(|| CallEvent::Failed {
                        operation: operation.clone(),
                        name: error.name().to_owned(),
                        message: error.to_string(),
                    });
                    return Err(error);
                }
            };
        }
    }

    /// A failure the core does not decide on (never retried), reported to the listener too.
    fn other(&self, reason: &str, operation: &str, method: &str, url: &str, attempts: u32) -> OnfidoError {
        let error = OnfidoError::transport_other(reason.to_owned(), operation, method, url, attempts);
        self.emit(|| CallEvent::Failed {
            operation: operation.to_owned(),
            name: error.name().to_owned(),
            message: error.to_string(),
        });
        error
    }

    /// One try through the transport, abandoned (and the foreign call cancelled) after `timeout_ms`.
    async fn send(&self, request: HttpRequest, timeout_ms: u64) -> Result<HttpResponse, TransportError> {
        let mut send = self.transport.send(request);
        // The client's own timer, not the `Sleeper`: a sleeper is for the waits the core asks for
        // (and tests replace it with one that does not sleep).
        let mut timer = std::pin::pin!(ThreadSleep::new(timeout_ms));
        std::future::poll_fn(|cx| {
            if let Poll::Ready(result) = send.as_mut().poll(cx) {
                return Poll::Ready(result);
            }
            match timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    Poll::Ready(Err(TransportError::Timeout { reason: format!("no answer within {timeout_ms} ms") }))
                }
                Poll::Pending => Poll::Pending,
            }
        })
        .await
    }

    async fn sleep(&self, millis: u64) -> Result<(), TransportError> {
        match &self.sleeper {
            Some(sleeper) => sleeper.sleep(i64::try_from(millis).unwrap_or(i64::MAX)).await,
            None => {
                ThreadSleep::new(millis).await;
                Ok(())
            }
        }
    }
}

/// A call with its per-call options applied (a timeout of 0 or less is a validation error).
fn with_options(call: Call, options: Option<CallOptions>) -> Result<Call, OnfidoError> {
    let Some(options) = options else { return Ok(call) };
    let call = match options.timeout_ms {
        Some(ms) => match u64::try_from(ms).ok().filter(|&ms| ms > 0) {
            Some(ms) => call.timeout_ms(ms),
            None => return Err(OnfidoError::validation("timeout_ms", "must be positive")),
        },
        None => call,
    };
    let headers: Vec<(String, String)> = options.headers.into_iter().map(|h| (h.name, h.value)).collect();
    Ok(call.headers(&headers)?)
}

fn purpose_name(purpose: Purpose) -> &'static str {
    purpose.as_str()
}

/// A page number or size from Kotlin's `Int` / Swift's `Int32`: negative ones are refused.
fn count_in(field: &str, value: Option<i32>) -> Result<Option<u32>, OnfidoError> {
    value.map(|v| u32::try_from(v).map_err(|_| OnfidoError::validation(field, "must not be negative"))).transpose()
}
