//! `OnfidoClient`: every operation as an async method: build (core) → send (foreign transport) → parse (core).

use std::sync::Arc;

use onfido_core::error::RetryAfter;
use onfido_core::operations::{
    addresses, applicants, checks, documents, live_photos, live_videos, ocr, report_type_groups, reports, sdk_tokens,
    slv, webhooks,
};
use onfido_core::retry::{Attempt, Decision, Outcome, RetryPolicy};
use onfido_core::{dynamic, Config, Operation};

use crate::config::ClientConfig;
use crate::enums::{DocumentSide, DocumentType};
use crate::error::{OnfidoError, TransportError};
use crate::http::{HttpRequest, HttpResponse, HttpTransport, Sleeper};
use crate::inputs::{ApplicantInput, CheckInput, FileInput, WebhookInput};
use crate::models::{
    Address, Applicant, ApplicantPage, Check, Document, Download, LivePhoto, LiveVideo, OcrResult, PageInfo, Report,
    ReportTypeGroup, SdkToken, SlvResult, Webhook,
};
use crate::timer::{jitter, unix_now, ThreadSleep};

/// An Onfido API v2 client. Thread-safe; share one per configuration.
///
/// Every method suspends (Kotlin) / is `async` (Swift) while the transport works; no thread is blocked
/// by the client itself. Retries follow `ClientConfig.retry` (on by default) and wait through the `Sleeper`.
#[derive(uniffi::Object)]
pub struct OnfidoClient {
    config: Config,
    transport: Arc<dyn HttpTransport>,
    sleeper: Option<Arc<dyn Sleeper>>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for OnfidoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnfidoClient").field("config", &self.config).field("retry", &self.retry).finish()
    }
}

#[uniffi::export]
impl OnfidoClient {
    /// A client sending through `transport`; waits between retries go through `sleeper`
    /// (without one, a helper thread times the wait).
    #[uniffi::constructor(default(sleeper = None))]
    pub fn new(
        config: ClientConfig,
        transport: Arc<dyn HttpTransport>,
        sleeper: Option<Arc<dyn Sleeper>>,
    ) -> Result<Arc<Self>, OnfidoError> {
        let retry = config.retry_policy()?;
        Ok(Arc::new(OnfidoClient { config: config.to_core()?, transport, sleeper, retry }))
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

    /// Any operation by id with the API's JSON in and out (lists as the API's wrapper object,
    /// downloads as `{content_type, filename, size, sha256, content_base64}`, 204 as `{}`).
    pub async fn request(&self, operation: String, input_json: String) -> Result<String, OnfidoError> {
        let input = crate::models::json_in("input", &input_json)?;
        let request = dynamic::build_request_at(&operation, &self.config, &input, unix_now())?;
        let response = self.exchange(dynamic::is_idempotent(&operation)?, request).await?;
        Ok(dynamic::parse_response(&operation, response)?.to_string())
    }

    // --- applicants

    /// Creates an applicant (`first_name` and `last_name` required).
    pub async fn create_applicant(&self, applicant: ApplicantInput) -> Result<Applicant, OnfidoError> {
        let op = applicants::CreateApplicant(applicant.to_core()?);
        Ok((&self.run(op).await?).into())
    }

    /// Retrieves an applicant.
    pub async fn retrieve_applicant(&self, applicant_id: String) -> Result<Applicant, OnfidoError> {
        Ok((&self.run(applicants::RetrieveApplicant { applicant_id }).await?).into())
    }

    /// Changes the fields set in `applicant`.
    pub async fn update_applicant(
        &self,
        applicant_id: String,
        applicant: ApplicantInput,
    ) -> Result<Applicant, OnfidoError> {
        let op = applicants::UpdateApplicant { applicant_id, applicant: applicant.to_core()? };
        Ok((&self.run(op).await?).into())
    }

    /// Deletes an applicant (scheduled when it has checks; see `restore_applicant`).
    pub async fn delete_applicant(&self, applicant_id: String) -> Result<(), OnfidoError> {
        self.run(applicants::DeleteApplicant { applicant_id }).await.map(drop)
    }

    /// Restores an applicant scheduled for deletion.
    pub async fn restore_applicant(&self, applicant_id: String) -> Result<(), OnfidoError> {
        self.run(applicants::RestoreApplicant { applicant_id }).await.map(drop)
    }

    /// One page of applicants, newest first.
    #[uniffi::method(default(page = None, per_page = None, include_deleted = None))]
    pub async fn list_applicants(
        &self,
        page: Option<i32>,
        per_page: Option<i32>,
        include_deleted: Option<bool>,
    ) -> Result<ApplicantPage, OnfidoError> {
        let (page, per_page) = (count_in("page", page)?, count_in("per_page", per_page)?);
        let listed = self.run(applicants::ListApplicants { page, per_page, include_deleted }).await?;
        Ok(ApplicantPage { items: listed.items.iter().map(Into::into).collect(), page: PageInfo::from(&listed.page) })
    }

    // --- documents

    /// Uploads a document (JPEG, PNG or PDF, 32 KiB to 10 MiB).
    #[uniffi::method(default(side = None, issuing_country = None))]
    pub async fn upload_document(
        &self,
        applicant_id: String,
        file: FileInput,
        document_type: DocumentType,
        side: Option<DocumentSide>,
        issuing_country: Option<String>,
    ) -> Result<Document, OnfidoError> {
        let op = documents::UploadDocument {
            applicant_id,
            file: Some(file.into()),
            document_type: Some((&document_type).into()),
            side: side.as_ref().map(Into::into),
            issuing_country,
        };
        Ok((&self.run(op).await?).into())
    }

    /// Retrieves a document.
    pub async fn retrieve_document(&self, applicant_id: String, document_id: String) -> Result<Document, OnfidoError> {
        Ok((&self.run(documents::RetrieveDocument { applicant_id, document_id }).await?).into())
    }

    /// An applicant's documents.
    pub async fn list_documents(&self, applicant_id: String) -> Result<Vec<Document>, OnfidoError> {
        Ok(self.run(documents::ListDocuments { applicant_id }).await?.items.iter().map(Into::into).collect())
    }

    /// Downloads a document's file, byte for byte.
    pub async fn download_document(&self, applicant_id: String, document_id: String) -> Result<Download, OnfidoError> {
        Ok(self.run(documents::DownloadDocument { applicant_id, document_id }).await?.into())
    }

    // --- live photos

    /// Uploads a live photo (JPEG or PNG).
    #[uniffi::method(default(advanced_validation = None))]
    pub async fn upload_live_photo(
        &self,
        applicant_id: String,
        file: FileInput,
        advanced_validation: Option<bool>,
    ) -> Result<LivePhoto, OnfidoError> {
        let op = live_photos::UploadLivePhoto { applicant_id, file: Some(file.into()), advanced_validation };
        Ok((&self.run(op).await?).into())
    }

    /// Retrieves a live photo.
    pub async fn retrieve_live_photo(&self, live_photo_id: String) -> Result<LivePhoto, OnfidoError> {
        Ok((&self.run(live_photos::RetrieveLivePhoto { live_photo_id }).await?).into())
    }

    /// An applicant's live photos.
    pub async fn list_live_photos(&self, applicant_id: String) -> Result<Vec<LivePhoto>, OnfidoError> {
        Ok(self.run(live_photos::ListLivePhotos { applicant_id }).await?.items.iter().map(Into::into).collect())
    }

    /// Downloads a live photo's file.
    pub async fn download_live_photo(&self, live_photo_id: String) -> Result<Download, OnfidoError> {
        Ok(self.run(live_photos::DownloadLivePhoto { live_photo_id }).await?.into())
    }

    // --- live videos

    /// Retrieves a live video.
    pub async fn retrieve_live_video(&self, live_video_id: String) -> Result<LiveVideo, OnfidoError> {
        Ok((&self.run(live_videos::RetrieveLiveVideo { live_video_id }).await?).into())
    }

    /// An applicant's live videos.
    pub async fn list_live_videos(&self, applicant_id: String) -> Result<Vec<LiveVideo>, OnfidoError> {
        Ok(self.run(live_videos::ListLiveVideos { applicant_id }).await?.items.iter().map(Into::into).collect())
    }

    /// Downloads a live video's file.
    pub async fn download_live_video(&self, live_video_id: String) -> Result<Download, OnfidoError> {
        Ok(self.run(live_videos::DownloadLiveVideo { live_video_id }).await?.into())
    }

    // --- checks

    /// Creates a check on an applicant.
    pub async fn create_check(&self, applicant_id: String, check: CheckInput) -> Result<Check, OnfidoError> {
        Ok((&self.run(check.to_core(applicant_id)?).await?).into())
    }

    /// Retrieves a check.
    pub async fn retrieve_check(&self, applicant_id: String, check_id: String) -> Result<Check, OnfidoError> {
        Ok((&self.run(checks::RetrieveCheck { applicant_id, check_id }).await?).into())
    }

    /// An applicant's checks; with `expand_reports` each check carries its reports.
    #[uniffi::method(default(expand_reports = false))]
    pub async fn list_checks(&self, applicant_id: String, expand_reports: bool) -> Result<Vec<Check>, OnfidoError> {
        let op = checks::ListChecks { applicant_id, expand: expand_reports.then(|| "reports".to_owned()) };
        Ok(self.run(op).await?.items.iter().map(Into::into).collect())
    }

    /// Resumes a paused check.
    pub async fn resume_check(&self, check_id: String) -> Result<(), OnfidoError> {
        self.run(checks::ResumeCheck { check_id }).await.map(drop)
    }

    // --- reports

    /// Retrieves a report.
    pub async fn retrieve_report(&self, check_id: String, report_id: String) -> Result<Report, OnfidoError> {
        Ok((&self.run(reports::RetrieveReport { check_id, report_id }).await?).into())
    }

    /// A check's reports.
    pub async fn list_reports(&self, check_id: String) -> Result<Vec<Report>, OnfidoError> {
        Ok(self.run(reports::ListReports { check_id }).await?.items.iter().map(Into::into).collect())
    }

    /// Resumes a paused report.
    pub async fn resume_report(&self, check_id: String, report_id: String) -> Result<(), OnfidoError> {
        self.run(reports::ResumeReport { check_id, report_id }).await.map(drop)
    }

    /// Cancels a paused report.
    pub async fn cancel_report(&self, check_id: String, report_id: String) -> Result<(), OnfidoError> {
        self.run(reports::CancelReport { check_id, report_id }).await.map(drop)
    }

    // --- webhooks

    /// Registers a webhook; the answer carries the token its notifications are signed with.
    pub async fn register_webhook(&self, webhook: WebhookInput) -> Result<Webhook, OnfidoError> {
        Ok((&self.run(webhooks::RegisterWebhook::from(&webhook)).await?).into())
    }

    /// Retrieves a webhook.
    pub async fn retrieve_webhook(&self, webhook_id: String) -> Result<Webhook, OnfidoError> {
        Ok((&self.run(webhooks::RetrieveWebhook { webhook_id }).await?).into())
    }

    /// Every webhook.
    pub async fn list_webhooks(&self) -> Result<Vec<Webhook>, OnfidoError> {
        Ok(self.run(webhooks::ListWebhooks {}).await?.items.iter().map(Into::into).collect())
    }

    // --- report type groups

    /// Retrieves a report type group.
    pub async fn retrieve_report_type_group(
        &self,
        report_type_group_id: String,
    ) -> Result<ReportTypeGroup, OnfidoError> {
        Ok((&self.run(report_type_groups::RetrieveReportTypeGroup { report_type_group_id }).await?).into())
    }

    /// Every report type group.
    pub async fn list_report_type_groups(&self) -> Result<Vec<ReportTypeGroup>, OnfidoError> {
        Ok(self.run(report_type_groups::ListReportTypeGroups {}).await?.items.iter().map(Into::into).collect())
    }

    // --- addresses, SDK tokens, OCR, Street Level

    /// The addresses at a UK postcode.
    pub async fn pick_addresses(&self, postcode: String) -> Result<Vec<Address>, OnfidoError> {
        let op = addresses::PickAddresses { postcode: Some(postcode) };
        Ok(self.run(op).await?.items.iter().map(Into::into).collect())
    }

    /// A Web SDK token for an applicant, usable on pages matching `referrer`.
    pub async fn generate_sdk_token(&self, applicant_id: String, referrer: String) -> Result<SdkToken, OnfidoError> {
        let op = sdk_tokens::GenerateSdkToken::new(applicant_id, referrer);
        Ok((&self.run(op).await?).into())
    }

    /// Reads a document's data with OCR Autofill.
    pub async fn extract_ocr(&self, document_id: String) -> Result<OcrResult, OnfidoError> {
        Ok((&self.run(ocr::ExtractOcr { document_id: Some(document_id) }).await?).into())
    }

    /// Submits a Street Level verification code.
    pub async fn submit_slv_code(&self, code: String) -> Result<SlvResult, OnfidoError> {
        Ok(SlvResult { success: self.run(slv::SubmitSlvCode { code: Some(code) }).await?.success })
    }
}

impl OnfidoClient {
    /// Build, send with retries, parse.
    async fn run<O: Operation + Send>(&self, operation: O) -> Result<O::Output, OnfidoError> {
        let request = operation.build_at(&self.config, unix_now())?;
        let response = self.exchange(O::ID.is_idempotent(), request).await?;
        Ok(O::parse(response)?)
    }

    /// Sends until a response is final or the retry policy gives up.
    async fn exchange(
        &self,
        idempotent: bool,
        request: onfido_core::HttpRequest,
    ) -> Result<onfido_core::HttpResponse, OnfidoError> {
        let mut request = Some(HttpRequest::from(request));
        let started = std::time::Instant::now();
        let mut number = 1;
        loop {
            // The last possible try moves the request instead of copying its body.
            let this = if number >= self.retry.max_attempts { request.take() } else { request.clone() };
            let Some(this) = this else {
                return Err(OnfidoError::Transport {
                    failure: crate::error::TransportFailure::Other,
                    reason: "no request left to send".to_owned(),
                });
            };
            let result = self.transport.send(this).await;
            let (outcome, retry_after) = match &result {
                Ok(response) => match u16::try_from(response.status) {
                    Ok(200..=299) | Err(_) => return take(result),
                    Ok(status) => (Outcome::Status(status), retry_after(response)),
                },
                Err(TransportError::Connect { .. }) => (Outcome::ConnectFailed, None),
                Err(TransportError::Timeout { .. }) => (Outcome::Timeout, None),
                Err(TransportError::Lost { .. }) => (Outcome::ConnectionLost, None),
                Err(TransportError::Other { .. }) => return take(result),
            };
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let attempt =
                Attempt { number, idempotent, outcome, retry_after, now: unix_now(), elapsed_ms, jitter: jitter() };
            match self.retry.decide(&attempt) {
                Decision::Retry { delay_ms } => {
                    self.sleep(delay_ms).await?;
                    number += 1;
                }
                Decision::GiveUp => return take(result),
            }
        }
    }

    async fn sleep(&self, millis: u64) -> Result<(), OnfidoError> {
        match &self.sleeper {
            Some(sleeper) => Ok(sleeper.sleep(i64::try_from(millis).unwrap_or(i64::MAX)).await?),
            None => {
                ThreadSleep::new(millis).await;
                Ok(())
            }
        }
    }
}

fn take(result: Result<HttpResponse, TransportError>) -> Result<onfido_core::HttpResponse, OnfidoError> {
    Ok(result?.try_into()?)
}

/// A page number or size from Kotlin's `Int` / Swift's `Int32`: negative ones are refused.
fn count_in(field: &str, value: Option<i32>) -> Result<Option<u32>, OnfidoError> {
    value.map(|v| u32::try_from(v).map_err(|_| OnfidoError::validation(field, "must not be negative"))).transpose()
}

fn retry_after(response: &HttpResponse) -> Option<RetryAfter> {
    let header = response.headers.iter().find(|h| h.name.eq_ignore_ascii_case("retry-after"))?;
    Some(RetryAfter::for_retry(&header.value))
}
