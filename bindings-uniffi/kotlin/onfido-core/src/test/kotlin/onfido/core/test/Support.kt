package onfido.core.test

import java.io.File
import java.util.Collections
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.toList
import onfido.core.*

/** The repository root (bindings-uniffi's parent), from `-Donfido.repo` (the Maven build sets it). */
val REPO: File = File(System.getProperty("onfido.repo") ?: "../../..").canonicalFile
val FIXTURES = File(REPO, "tests/fixtures")
const val TOKEN = "test_kotlin_e2e"

/** A fake MP4: the sandbox stores any bytes as a live video. */
val VIDEO: ByteArray = "\u0000\u0000\u0000\u0018ftypmp42".toByteArray(Charsets.ISO_8859_1) +
    ByteArray(64 * 1024) { (it * 31 % 251).toByte() }

/**
 * The `onfido-sandbox` server (`$ONFIDO_SANDBOX_BIN`, built by `cargo build -p onfido-sandbox`) on a
 * free loopback port; [close] closes its stdin, which stops it.
 */
class SandboxServer(vararg args: String) : AutoCloseable {
    private val process: Process
    val url: String

    init {
        val bin = checkNotNull(System.getenv("ONFIDO_SANDBOX_BIN")) { "ONFIDO_SANDBOX_BIN is not set (make test-kotlin sets it)" }
        process = ProcessBuilder(listOf(bin, "--port", "0") + args).redirectError(ProcessBuilder.Redirect.DISCARD).start()
        val line = checkNotNull(process.inputStream.bufferedReader().readLine()) { "the sandbox server printed nothing" }
        url = line.removePrefix("listening on ").trim()
        assertTrue(url.startsWith("http://127.0.0.1:"), "unexpected first line: $line")
    }

    override fun close() {
        process.outputStream.close()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroy()
    }
}

/** Wraps a transport and records what went through. */
class RecordingTransport(private val inner: HttpTransport) : HttpTransport {
    val requests: MutableList<HttpRequest> = Collections.synchronizedList(ArrayList())
    override suspend fun send(request: HttpRequest): HttpResponse {
        requests.add(request)
        return inner.send(request)
    }
}

/** Answers from a script: one function per call, the last one repeated. */
class ScriptedTransport(private vararg val answers: (HttpRequest) -> HttpResponse) : HttpTransport {
    val calls = AtomicInteger()
    override suspend fun send(request: HttpRequest): HttpResponse {
        val n = calls.getAndIncrement()
        return answers[minOf(n, answers.size - 1)](request)
    }
}

/** A JSON answer. */
fun json(status: Int, body: String, vararg headers: Pair<String, String>) = HttpResponse(
    status, listOf(HttpHeader("Content-Type", "application/json")) + headers.map { HttpHeader(it.first, it.second) },
    body.toByteArray(),
)

val UK_ADDRESS = Address(buildingNumber = "100", street = "Main Street", town = "London", postcode = "SW4 6EH", country = "GBR")

/** Posts [VIDEO] as a live video for the applicant through [transport], as the mobile SDKs would; returns its id. */
suspend fun uploadLiveVideo(transport: HttpTransport, baseUrl: String, applicantId: String): String {
    val response = transport.send(sandboxLiveVideoRequest(baseUrl, TOKEN, applicantId, "video.mp4", VIDEO))
    assertEquals(201, response.status, "live video upload")
    return (Json.parse(response.body.toString(Charsets.UTF_8)) as Map<*, *>)["id"] as String
}

/** Every one of the 34 operations through the client; `uploadVideo` posts a live video as the mobile SDKs would. */
suspend fun everyOperation(client: OnfidoClient, uploadVideo: suspend (String) -> String) {
    val done = HashSet<String>()
    val licence = File(FIXTURES, "sample_driving_licence.png").readBytes()
    val photo = File(FIXTURES, "sample_photo.png").readBytes()

    // applicants
    val jane = client.createApplicant(ApplicantInput(firstName = "Jane", lastName = "Doe", dob = "1990-01-01", addresses = listOf(UK_ADDRESS))); done += "create_applicant"
    assertEquals(listOf("Jane", "Doe", "1990-01-01", true), listOf(jane.firstName, jane.lastName, jane.dob, jane.sandbox), "created")
    assertEquals("SW4 6EH", jane.addresses.single().postcode, "address")
    assertEquals(jane, client.retrieveApplicant(jane.id), "retrieved applicant"); done += "retrieve_applicant"
    val janet = client.updateApplicant(jane.id, ApplicantInput(firstName = "Janet")); done += "update_applicant"
    assertEquals(listOf(jane.id, "Janet", "Doe"), listOf(janet.id, janet.firstName, janet.lastName), "updated")
    val joe = client.createApplicant(ApplicantInput(firstName = "Joe", lastName = "Bloggs", email = "joe@example.com"))
    val page = client.listApplicants(perPage = 1); done += "list_applicants"
    assertEquals(1, page.items.size, "page size")
    assertEquals(2L, page.page.totalCount, "total count")
    assertEquals(listOf<Int?>(2, null, 2), listOf(page.page.nextPage, page.page.prevPage, page.page.lastPage), "page links")
    assertEquals(setOf(jane.id, joe.id), client.applicants(perPage = 1).toList().map { it.id }.toSet(), "flow over pages")
    assertEquals(setOf(jane.id, joe.id), client.applicantsSequence(perPage = 1).map { it.id }.toSet(), "sequence over pages")
    // By operation id, JSON in and out.
    val raw = Json.parse(client.request("retrieve_applicant", """{"applicant_id": "${jane.id}"}""")) as Map<*, *>
    assertEquals("Janet", raw["first_name"], "request() by id")

    // documents
    val front = client.uploadDocument(jane.id, fileInput(File(FIXTURES, "sample_driving_licence.png").toPath()), DocumentType.DrivingLicence, DocumentSide.Front); done += "upload_document"
    val passport = client.uploadDocument(jane.id, FileInput("passport.png", licence), DocumentType.Passport, issuingCountry = "FRA")
    for (d in listOf(front, passport)) assertEquals(listOf("png", licence.size.toLong()), listOf(d.fileType, d.fileSize), "document file")
    assertEquals(listOf("sample_driving_licence.png", DocumentType.DrivingLicence, DocumentSide.Front), listOf(front.fileName, front.documentType, front.side), "front")
    assertEquals("FRA", passport.issuingCountry, "issuing country")
    assertEquals(front, client.retrieveDocument(jane.id, front.id), "retrieved document"); done += "retrieve_document"
    assertEquals(setOf(front.id, passport.id), client.listDocuments(jane.id).map { it.id }.toSet(), "documents"); done += "list_documents"
    for (d in listOf(front, passport)) {
        val download = client.downloadDocument(jane.id, d.id)
        assertTrue(download.content.contentEquals(licence), "a download is byte-exact")
        assertEquals(listOf("image/png", d.fileName), listOf(download.contentType, download.filename), "download")
    }
    done += "download_document"

    // live photos
    val selfie = client.uploadLivePhoto(jane.id, FileInput("selfie.png", photo), advancedValidation = false); done += "upload_live_photo"
    assertEquals(listOf("selfie.png", "png", photo.size.toLong()), listOf(selfie.fileName, selfie.fileType, selfie.fileSize), "live photo")
    assertEquals(selfie, client.retrieveLivePhoto(selfie.id), "retrieved live photo"); done += "retrieve_live_photo"
    assertEquals(listOf(selfie.id), client.listLivePhotos(jane.id).map { it.id }, "live photos"); done += "list_live_photos"
    val photoDownload = client.downloadLivePhoto(selfie.id); done += "download_live_photo"
    assertTrue(photoDownload.content.contentEquals(photo) && photoDownload.contentType == "image/png", "live photo download")
    val unnamed = client.uploadLivePhoto(jane.id, FileInput(content = photo), advancedValidation = false)
    assertEquals("upload.png", unnamed.fileName, "a file without a name is named after its bytes")

    // live videos
    val videoId = uploadVideo(jane.id)
    assertEquals(listOf(videoId), client.listLiveVideos(jane.id).map { it.id }, "live videos"); done += "list_live_videos"
    val video = client.retrieveLiveVideo(videoId); done += "retrieve_live_video"
    assertEquals(VIDEO.size.toLong(), video.fileSize, "video size")
    assertEquals(listOf(ChallengeType.Recite to listOf(1L, 2L, 3L), ChallengeType.Movement to "turnRight"), video.challenge.map { it.challengeType to (it.digits ?: it.movement) }, "challenges")
    val videoDownload = client.downloadLiveVideo(videoId); done += "download_live_video"
    assertTrue(videoDownload.content.contentEquals(VIDEO) && videoDownload.contentType == "video/mp4", "video download")

    // webhooks
    val hook = client.registerWebhook(WebhookInput(url = "https://hooks.example/onfido", events = listOf(WebhookEvent.CheckCompleted), environments = listOf(WebhookEnvironment.Sandbox))); done += "register_webhook"
    assertEquals(listOf("https://hooks.example/onfido", listOf(WebhookEvent.CheckCompleted), true), listOf(hook.url, hook.events, hook.enabled), "webhook")
    assertTrue(hook.token?.length == 16, "webhook token")
    assertTrue(!hook.toString().contains(hook.token!!), "Webhook.toString shows its token: $hook")
    assertEquals(listOf(WebhookEvent.CheckCompleted), client.retrieveWebhook(hook.id).events, "retrieved webhook"); done += "retrieve_webhook"
    assertEquals(listOf(hook.id), client.listWebhooks().map { it.id }, "webhooks"); done += "list_webhooks"

    // report type groups
    val groups = client.listReportTypeGroups(); done += "list_report_type_groups"
    assertEquals(2, groups.size, "groups")
    val group = client.retrieveReportTypeGroup(groups[0].id); done += "retrieve_report_type_group"
    assertTrue(group.name == "Junior level" && group.reportTypes.isNotEmpty(), "group $group")

    // checks and reports
    val check = client.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(
        ReportRequest(ReportName.Document), ReportRequest(ReportName.FacialSimilarity, variant = "standard"), ReportRequest(ReportName.Identity, variant = "kyc"),
    ))); done += "create_check"
    assertEquals(listOf(CheckStatus.Complete, CheckResult.Clear, CheckResult.Clear, true, true), listOf(check.status, check.result, check.derivedResult, check.isFinished, check.sandbox), "check")
    assertEquals(3 to 3, check.reports.size to check.reportIds.size, "expanded reports")
    val retrieved = client.retrieveCheck(jane.id, check.id); done += "retrieve_check"
    assertEquals(check.reportIds.sorted(), retrieved.reportIds.sorted(), "retrieved check")
    assertEquals(listOf(check.id), client.listChecks(jane.id).map { it.id }, "checks"); done += "list_checks"
    assertTrue(client.listChecks(jane.id, expandReports = true).single().reports.size == 3, "expand=reports")
    val reports = client.listReports(check.id); done += "list_reports"
    assertEquals(listOf("document", "facial_similarity", "identity"), reports.mapNotNull { it.name?.apiValue() }.sorted(), "reports")
    val documentReport = client.retrieveReport(check.id, reports.first { it.name == ReportName.Document }.id); done += "retrieve_report"
    assertEquals(listOf(ReportResult.Clear, SubResult.Clear, emptyList<Finding>(), true), listOf(documentReport.result, documentReport.subResult, documentReport.findings, documentReport.isFinished), "document report")
    assertTrue(documentReport.subResultMeaning != null && documentReport.breakdown.isNotEmpty(), "breakdown")
    assertTrue(documentReport.breakdown.all { it.name.isNotEmpty() && !it.node.truncated } && documentReport.breakdown.any { it.node.result != null }, "typed breakdown: ${documentReport.breakdown}")
    client.resumeCheck(check.id); done += "resume_check"
    client.resumeReport(check.id, documentReport.id); done += "resume_report"
    val refused = assertFailsWith<OnfidoException.Unprocessable>("cancelling a finished report") { client.cancelReport(check.id, documentReport.id) }
    assertEquals(422 to "validation_error", refused.status to refused.errorType, "refused cancel")

    // paused checks (a sandbox extension through extraJson): cancel and resume reports, resume a check
    val paused = client.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Watchlist), ReportRequest(ReportName.Document)), extraJson = """{"paused": true}"""))
    assertEquals(listOf(CheckStatus.Paused, true, null), listOf(paused.status, paused.paused, paused.result), "paused check")
    val (first, second) = paused.reportIds
    client.cancelReport(paused.id, second); done += "cancel_report"
    assertEquals(ReportStatus.Cancelled, client.retrieveReport(paused.id, second).status, "cancelled")
    client.resumeReport(paused.id, first)
    assertEquals(ReportStatus.Complete, client.retrieveReport(paused.id, first).status, "resumed report")
    assertEquals(CheckStatus.Complete, client.retrieveCheck(jane.id, paused.id).status, "check after its reports")
    val pausedAgain = client.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Watchlist)), extraJson = """{"paused": true}"""))
    client.resumeCheck(pausedAgain.id)
    val resumed = client.retrieveCheck(jane.id, pausedAgain.id)
    assertEquals(CheckStatus.Complete to CheckResult.Clear, resumed.status to resumed.result, "resumed check")

    // addresses, SDK tokens, OCR, Street Level
    val addresses = client.pickAddresses("sw46eh"); done += "pick_addresses"
    assertTrue(addresses.isNotEmpty() && addresses[0].postcode == "SW4 6EH", "addresses $addresses")
    val sdk = client.generateSdkToken(jane.id, "https://*.example.com/*"); done += "generate_sdk_token"
    assertEquals(5400L, sdk.expiresAt!! - sdk.issuedAt!!, "SDK token lifetime")
    assertEquals(sdk.expiresAt, sdkTokenClaims(sdk.token).exp, "claims")
    assertTrue(!sdk.toString().contains(sdk.token), "SdkToken.toString shows the token")
    val ocr = client.extractOcr(front.id); done += "extract_ocr"
    assertEquals(listOf(front.id, DocumentType.DrivingLicence, "JANET"), listOf(ocr.documentId, ocr.documentType, ocr.firstName), "ocr")
    assertEquals(true, client.submitSlvCode("ABC123").success, "slv"); done += "submit_slv_code"

    // delete and restore
    client.deleteApplicant(jane.id); done += "delete_applicant"
    val gone = assertFailsWith<OnfidoException.Gone>("retrieving a deleted applicant") { client.retrieveApplicant(jane.id) }
    assertEquals(410 to "gone", gone.status to gone.errorType, "gone")
    client.restoreApplicant(jane.id); done += "restore_applicant"
    val restored = client.retrieveApplicant(jane.id)
    assertEquals(null to "Janet", restored.deleteAt to restored.firstName, "restored")
    client.deleteApplicant(joe.id)
    val notFound = assertFailsWith<OnfidoException.NotFound>("retrieving a deleted applicant") { client.retrieveApplicant(joe.id) }
    assertEquals(404 to "resource_not_found", notFound.status to notFound.errorType, "not found")

    val missing = operationIds().toSet() - done
    assertTrue(missing.isEmpty(), "operations not exercised: ${missing.sorted()}")
    assertEquals(34, operationIds().size, "operations")
}
