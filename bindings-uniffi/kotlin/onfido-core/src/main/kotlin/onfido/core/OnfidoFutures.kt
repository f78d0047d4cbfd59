package onfido.core

import java.util.concurrent.CompletableFuture
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.future.future

/**
 * The client for Java callers: every operation returns a [CompletableFuture]. Cancelling a future
 * cancels its call (the request in flight, or the wait before a retry); [close] cancels them all.
 * Failures complete the future exceptionally with an [OnfidoException] (wrapped in an
 * `ExecutionException` by `get()`, in a `CompletionException` by `join()`).
 *
 * ```java
 * var onfido = new OnfidoFutures(Onfido.onfidoClient(config));
 * onfido.createApplicant(input).thenCompose(a -> onfido.listDocuments(a.getId())).join();
 * ```
 */
class OnfidoFutures @JvmOverloads constructor(
    val client: OnfidoClient,
    private val scope: CoroutineScope = CoroutineScope(SupervisorJob() + Dispatchers.Default),
) : AutoCloseable {
    /** Cancels every call still running. */
    override fun close() = scope.cancel()

    fun cancelReport(checkId: String, reportId: String): CompletableFuture<Void?> = scope.future { client.cancelReport(checkId, reportId); null }
    fun createApplicant(applicant: ApplicantInput): CompletableFuture<Applicant> = scope.future { client.createApplicant(applicant) }
    fun createCheck(applicantId: String, check: CheckInput): CompletableFuture<Check> = scope.future { client.createCheck(applicantId, check) }
    fun deleteApplicant(applicantId: String): CompletableFuture<Void?> = scope.future { client.deleteApplicant(applicantId); null }
    fun downloadDocument(applicantId: String, documentId: String): CompletableFuture<Download> = scope.future { client.downloadDocument(applicantId, documentId) }
    fun downloadLivePhoto(livePhotoId: String): CompletableFuture<Download> = scope.future { client.downloadLivePhoto(livePhotoId) }
    fun downloadLiveVideo(liveVideoId: String): CompletableFuture<Download> = scope.future { client.downloadLiveVideo(liveVideoId) }
    fun extractOcr(documentId: String): CompletableFuture<OcrResult> = scope.future { client.extractOcr(documentId) }
    fun generateSdkToken(applicantId: String, referrer: String): CompletableFuture<SdkToken> = scope.future { client.generateSdkToken(applicantId, referrer) }
    @JvmOverloads fun listApplicants(page: Int? = null, perPage: Int? = null, includeDeleted: Boolean? = null): CompletableFuture<ApplicantPage> = scope.future { client.listApplicants(page, perPage, includeDeleted) }
    @JvmOverloads fun listChecks(applicantId: String, expandReports: Boolean = false): CompletableFuture<List<Check>> = scope.future { client.listChecks(applicantId, expandReports) }
    fun listDocuments(applicantId: String): CompletableFuture<List<Document>> = scope.future { client.listDocuments(applicantId) }
    fun listLivePhotos(applicantId: String): CompletableFuture<List<LivePhoto>> = scope.future { client.listLivePhotos(applicantId) }
    fun listLiveVideos(applicantId: String): CompletableFuture<List<LiveVideo>> = scope.future { client.listLiveVideos(applicantId) }
    fun listReportTypeGroups(): CompletableFuture<List<ReportTypeGroup>> = scope.future { client.listReportTypeGroups() }
    fun listReports(checkId: String): CompletableFuture<List<Report>> = scope.future { client.listReports(checkId) }
    fun listWebhooks(): CompletableFuture<List<Webhook>> = scope.future { client.listWebhooks() }
    fun pickAddresses(postcode: String): CompletableFuture<List<Address>> = scope.future { client.pickAddresses(postcode) }
    fun registerWebhook(webhook: WebhookInput): CompletableFuture<Webhook> = scope.future { client.registerWebhook(webhook) }
    fun request(operation: String, inputJson: String): CompletableFuture<String> = scope.future { client.request(operation, inputJson) }
    fun restoreApplicant(applicantId: String): CompletableFuture<Void?> = scope.future { client.restoreApplicant(applicantId); null }
    fun resumeCheck(checkId: String): CompletableFuture<Void?> = scope.future { client.resumeCheck(checkId); null }
    fun resumeReport(checkId: String, reportId: String): CompletableFuture<Void?> = scope.future { client.resumeReport(checkId, reportId); null }
    fun retrieveApplicant(applicantId: String): CompletableFuture<Applicant> = scope.future { client.retrieveApplicant(applicantId) }
    fun retrieveCheck(applicantId: String, checkId: String): CompletableFuture<Check> = scope.future { client.retrieveCheck(applicantId, checkId) }
    fun retrieveDocument(applicantId: String, documentId: String): CompletableFuture<Document> = scope.future { client.retrieveDocument(applicantId, documentId) }
    fun retrieveLivePhoto(livePhotoId: String): CompletableFuture<LivePhoto> = scope.future { client.retrieveLivePhoto(livePhotoId) }
    fun retrieveLiveVideo(liveVideoId: String): CompletableFuture<LiveVideo> = scope.future { client.retrieveLiveVideo(liveVideoId) }
    fun retrieveReport(checkId: String, reportId: String): CompletableFuture<Report> = scope.future { client.retrieveReport(checkId, reportId) }
    fun retrieveReportTypeGroup(reportTypeGroupId: String): CompletableFuture<ReportTypeGroup> = scope.future { client.retrieveReportTypeGroup(reportTypeGroupId) }
    fun retrieveWebhook(webhookId: String): CompletableFuture<Webhook> = scope.future { client.retrieveWebhook(webhookId) }
    fun submitSlvCode(code: String): CompletableFuture<SlvResult> = scope.future { client.submitSlvCode(code) }
    fun updateApplicant(applicantId: String, applicant: ApplicantInput): CompletableFuture<Applicant> = scope.future { client.updateApplicant(applicantId, applicant) }
    @JvmOverloads fun uploadDocument(applicantId: String, file: FileInput, documentType: DocumentType, side: DocumentSide? = null, issuingCountry: String? = null): CompletableFuture<Document> = scope.future { client.uploadDocument(applicantId, file, documentType, side, issuingCountry) }
    @JvmOverloads fun uploadLivePhoto(applicantId: String, file: FileInput, advancedValidation: Boolean? = null): CompletableFuture<LivePhoto> = scope.future { client.uploadLivePhoto(applicantId, file, advancedValidation) }
}
