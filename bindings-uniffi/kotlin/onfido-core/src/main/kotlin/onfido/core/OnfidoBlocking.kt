package onfido.core

import kotlinx.coroutines.runBlocking

/**
 * The client for Java callers that block: every operation runs to its end on the calling thread
 * and returns its result or throws an [OnfidoException]. Interrupting the thread cancels the call.
 *
 * ```java
 * var onfido = new OnfidoBlocking(Onfido.onfidoClient(config));
 * Applicant jane = onfido.createApplicant(input);
 * ```
 *
 * Not for coroutines: call the suspending [OnfidoClient] there.
 */
class OnfidoBlocking(val client: OnfidoClient) {
    fun cancelReport(checkId: String, reportId: String) = runBlocking { client.cancelReport(checkId, reportId) }
    fun createApplicant(applicant: ApplicantInput): Applicant = runBlocking { client.createApplicant(applicant) }
    fun createCheck(applicantId: String, check: CheckInput): Check = runBlocking { client.createCheck(applicantId, check) }
    fun deleteApplicant(applicantId: String) = runBlocking { client.deleteApplicant(applicantId) }
    fun downloadDocument(applicantId: String, documentId: String): Download = runBlocking { client.downloadDocument(applicantId, documentId) }
    fun downloadLivePhoto(livePhotoId: String): Download = runBlocking { client.downloadLivePhoto(livePhotoId) }
    fun downloadLiveVideo(liveVideoId: String): Download = runBlocking { client.downloadLiveVideo(liveVideoId) }
    fun extractOcr(documentId: String): OcrResult = runBlocking { client.extractOcr(documentId) }
    fun generateSdkToken(applicantId: String, referrer: String): SdkToken = runBlocking { client.generateSdkToken(applicantId, referrer) }
    @JvmOverloads fun listApplicants(page: Int? = null, perPage: Int? = null, includeDeleted: Boolean? = null): ApplicantPage = runBlocking { client.listApplicants(page, perPage, includeDeleted) }
    @JvmOverloads fun listChecks(applicantId: String, expandReports: Boolean = false): List<Check> = runBlocking { client.listChecks(applicantId, expandReports) }
    fun listDocuments(applicantId: String): List<Document> = runBlocking { client.listDocuments(applicantId) }
    fun listLivePhotos(applicantId: String): List<LivePhoto> = runBlocking { client.listLivePhotos(applicantId) }
    fun listLiveVideos(applicantId: String): List<LiveVideo> = runBlocking { client.listLiveVideos(applicantId) }
    fun listReportTypeGroups(): List<ReportTypeGroup> = runBlocking { client.listReportTypeGroups() }
    fun listReports(checkId: String): List<Report> = runBlocking { client.listReports(checkId) }
    fun listWebhooks(): List<Webhook> = runBlocking { client.listWebhooks() }
    fun pickAddresses(postcode: String): List<Address> = runBlocking { client.pickAddresses(postcode) }
    fun registerWebhook(webhook: WebhookInput): Webhook = runBlocking { client.registerWebhook(webhook) }
    fun request(operation: String, inputJson: String): String = runBlocking { client.request(operation, inputJson) }
    fun restoreApplicant(applicantId: String) = runBlocking { client.restoreApplicant(applicantId) }
    fun resumeCheck(checkId: String) = runBlocking { client.resumeCheck(checkId) }
    fun resumeReport(checkId: String, reportId: String) = runBlocking { client.resumeReport(checkId, reportId) }
    fun retrieveApplicant(applicantId: String): Applicant = runBlocking { client.retrieveApplicant(applicantId) }
    fun retrieveCheck(applicantId: String, checkId: String): Check = runBlocking { client.retrieveCheck(applicantId, checkId) }
    fun retrieveDocument(applicantId: String, documentId: String): Document = runBlocking { client.retrieveDocument(applicantId, documentId) }
    fun retrieveLivePhoto(livePhotoId: String): LivePhoto = runBlocking { client.retrieveLivePhoto(livePhotoId) }
    fun retrieveLiveVideo(liveVideoId: String): LiveVideo = runBlocking { client.retrieveLiveVideo(liveVideoId) }
    fun retrieveReport(checkId: String, reportId: String): Report = runBlocking { client.retrieveReport(checkId, reportId) }
    fun retrieveReportTypeGroup(reportTypeGroupId: String): ReportTypeGroup = runBlocking { client.retrieveReportTypeGroup(reportTypeGroupId) }
    fun retrieveWebhook(webhookId: String): Webhook = runBlocking { client.retrieveWebhook(webhookId) }
    fun submitSlvCode(code: String): SlvResult = runBlocking { client.submitSlvCode(code) }
    fun updateApplicant(applicantId: String, applicant: ApplicantInput): Applicant = runBlocking { client.updateApplicant(applicantId, applicant) }
    @JvmOverloads fun uploadDocument(applicantId: String, file: FileInput, documentType: DocumentType, side: DocumentSide? = null, issuingCountry: String? = null): Document = runBlocking { client.uploadDocument(applicantId, file, documentType, side, issuingCountry) }
    @JvmOverloads fun uploadLivePhoto(applicantId: String, file: FileInput, advancedValidation: Boolean? = null): LivePhoto = runBlocking { client.uploadLivePhoto(applicantId, file, advancedValidation) }
}
