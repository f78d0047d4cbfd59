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

val UK_ADDRESS = V2Address(buildingNumber = "100", street = "Main Street", town = "London", postcode = "SW4 6EH", country = "GBR")

/** A client config of API v2 (`client.v2`) with the test token. */
fun v2Config(baseUrl: String? = null, retry: RetrySettings? = null): ClientConfig =
    ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V2, baseUrl = baseUrl, retry = retry)

/** Posts [VIDEO] as a live video for the applicant through [transport], as the mobile SDKs would; returns its id. */
suspend fun uploadLiveVideo(transport: HttpTransport, baseUrl: String, applicantId: String): String {
    val response = transport.send(sandboxLiveVideoRequest(baseUrl, TOKEN, applicantId, "video.mp4", VIDEO))
    assertEquals(201, response.status, "live video upload")
    return (Json.parse(response.body.toString(Charsets.UTF_8)) as Map<*, *>)["id"] as String
}

/** Every one of the 34 operations through `client.v2` (a v2 client); `uploadVideo` posts a live video as the mobile SDKs would. */
suspend fun everyOperation(client: OnfidoClient, uploadVideo: suspend (String) -> String) {
    val v2 = client.v2
    val done = HashSet<String>()
    val licence = File(FIXTURES, "sample_driving_licence.png").readBytes()
    val photo = File(FIXTURES, "sample_photo.png").readBytes()
    val dob = java.time.LocalDate.of(1990, 1, 1)

    // applicants
    val jane = v2.applicants.create(V2ApplicantBuilder(firstName = "Jane", lastName = "Doe", dob = dob, addresses = listOf(UK_ADDRESS))); done += "create_applicant"
    val janeId = jane.id!!
    assertEquals(listOf("Jane", "Doe", dob, true), listOf(jane.firstName, jane.lastName, jane.dob, jane.sandbox), "created")
    assertEquals("SW4 6EH", jane.addresses!!.single().postcode, "address")
    assertEquals(jane, v2.applicants.retrieve(janeId), "retrieved applicant"); done += "retrieve_applicant"
    val janet = v2.applicants.update(janeId, V2ApplicantUpdater(firstName = "Janet")); done += "update_applicant"
    assertEquals(listOf(janeId, "Janet", "Doe"), listOf(janet.id, janet.firstName, janet.lastName), "updated")
    val joe = v2.applicants.create(V2ApplicantBuilder(firstName = "Joe", lastName = "Bloggs", email = "joe@example.com"))
    val page = v2.applicants.list(perPage = 1); done += "list_applicants"
    assertEquals(1, page.value.applicants!!.size, "page size")
    assertEquals(2L, page.nextPage, "next page")
    assertEquals(null, v2.applicants.list(page = 2, perPage = 1).nextPage, "the last page")
    assertEquals(setOf(janeId, joe.id), v2.applicants.listAll(perPage = 1).toList().map { it.id }.toSet(), "every page as a Flow")
    // By operation id, JSON in and out.
    val raw = Json.parse(client.request("retrieve_applicant", """{"applicant_id": "$janeId"}""")) as Map<*, *>
    assertEquals("Janet", raw["first_name"], "request() by id")

    // documents
    val front = v2.documents.upload(janeId, V2DocumentUploader(file = fileInput(File(FIXTURES, "sample_driving_licence.png").toPath()), type = "driving_licence", side = "front")); done += "upload_document"
    val passport = v2.documents.upload(janeId, V2DocumentUploader(file = FileInput("passport.png", licence), type = "passport", issuingCountry = "FRA"))
    for (d in listOf(front, passport)) assertEquals(listOf("png", licence.size.toLong()), listOf(d.fileType, d.fileSize), "document file")
    assertEquals(listOf("sample_driving_licence.png", "driving_licence", "front"), listOf(front.fileName, front.type, front.side), "front")
    assertEquals("FRA", passport.issuingCountry, "issuing country")
    assertEquals(front, v2.documents.retrieve(janeId, front.id!!), "retrieved document"); done += "retrieve_document"
    assertEquals(setOf(front.id, passport.id), v2.documents.list(janeId).documents!!.map { it.id }.toSet(), "documents"); done += "list_documents"
    for (d in listOf(front, passport)) {
        val download = v2.documents.download(janeId, d.id!!)
        assertTrue(download.content.contentEquals(licence), "a download is byte-exact")
        assertEquals(listOf("image/png", d.fileName), listOf(download.contentType, download.filename), "download")
    }
    done += "download_document"

    // live photos
    val selfie = v2.livePhotos.upload(V2LivePhotoUploader(applicantId = janeId, file = FileInput("selfie.png", photo), advancedValidation = false)); done += "upload_live_photo"
    assertEquals(listOf("selfie.png", "png", photo.size.toLong()), listOf(selfie.fileName, selfie.fileType, selfie.fileSize), "live photo")
    assertEquals(selfie, v2.livePhotos.retrieve(selfie.id!!), "retrieved live photo"); done += "retrieve_live_photo"
    assertEquals(listOf(selfie.id), v2.livePhotos.list(janeId).livePhotos!!.map { it.id }, "live photos"); done += "list_live_photos"
    val photoDownload = v2.livePhotos.download(selfie.id!!); done += "download_live_photo"
    assertTrue(photoDownload.content.contentEquals(photo) && photoDownload.contentType == "image/png", "live photo download")
    val unnamed = v2.livePhotos.upload(V2LivePhotoUploader(applicantId = janeId, file = FileInput(content = photo), advancedValidation = false))
    assertEquals("upload.png", unnamed.fileName, "a file without a name is named after its bytes")

    // live videos
    val videoId = uploadVideo(janeId)
    assertEquals(listOf(videoId), v2.liveVideos.list(janeId).liveVideos!!.map { it.id }, "live videos"); done += "list_live_videos"
    val video = v2.liveVideos.retrieve(videoId); done += "retrieve_live_video"
    assertEquals(VIDEO.size.toLong(), video.fileSize, "video size")
    assertEquals(listOf("recite" to "[1,2,3]", "movement" to "\"turnRight\""), video.challenge!!.map { it.type to it.query }, "challenges")
    val videoDownload = v2.liveVideos.download(videoId); done += "download_live_video"
    assertTrue(videoDownload.content.contentEquals(VIDEO) && videoDownload.contentType == "video/mp4", "video download")

    // webhooks
    val hook = v2.webhooks.register(V2WebhookBuilder(url = "https://hooks.example/onfido", events = listOf("check.completed"), environments = listOf("sandbox"))); done += "register_webhook"
    assertEquals(listOf("https://hooks.example/onfido", listOf("check.completed"), true), listOf(hook.url, hook.events, hook.enabled), "webhook")
    assertTrue(hook.token?.length == 16, "webhook token")
    assertTrue(!hook.toString().contains(hook.token!!), "V2Webhook.toString shows its token: $hook")
    assertEquals(listOf("check.completed"), v2.webhooks.retrieve(hook.id!!).events, "retrieved webhook"); done += "retrieve_webhook"
    assertEquals(listOf(hook.id), v2.webhooks.list().webhooks!!.map { it.id }, "webhooks"); done += "list_webhooks"

    // report type groups
    val groups = v2.reportTypeGroups.list().reportTypeGroups!!; done += "list_report_type_groups"
    assertEquals(2, groups.size, "groups")
    val group = v2.reportTypeGroups.retrieve(groups[0].id!!); done += "retrieve_report_type_group"
    assertTrue(group.name == "Junior level" && group.reportTypes!!.isNotEmpty(), "group $group")

    // checks and reports (the rules: derivedResult, isFinished, reportIds, expandedReports, findings)
    val check = v2.checks.create(janeId, V2CheckBuilder(type = "express", reports = listOf(
        V2ReportRequest(name = "document"), V2ReportRequest(name = "facial_similarity", variant = "standard"), V2ReportRequest(name = "identity", variant = "kyc"),
    ))); done += "create_check"
    val checkId = check.id!!
    assertEquals(listOf("complete", "clear", "clear", true, true), listOf(check.status, check.result, check.derivedResult, check.isFinished, check.sandbox), "check")
    assertEquals(3 to 3, check.expandedReports.size to check.reportIds.size, "expanded reports")
    val retrieved = v2.checks.retrieve(janeId, checkId); done += "retrieve_check"
    assertEquals(check.reportIds.sorted(), retrieved.reportIds.sorted(), "retrieved check")
    assertEquals(null, retrieved.derivedResult, "no derived result from report ids")
    assertEquals(listOf(checkId), v2.checks.list(janeId).checks!!.map { it.id }, "checks"); done += "list_checks"
    assertTrue(v2.checks.list(janeId, expand = "reports").checks!!.single().expandedReports.size == 3, "expand=reports")
    val reports = v2.reports.list(checkId).reports!!; done += "list_reports"
    assertEquals(listOf("document", "facial_similarity", "identity"), reports.mapNotNull { it.name }.sorted(), "reports")
    val documentReport = v2.reports.retrieve(checkId, reports.first { it.name == "document" }.id!!); done += "retrieve_report"
    assertEquals(listOf("clear", "clear", emptyList<Finding>(), true), listOf(documentReport.result, documentReport.subResult, documentReport.findings, documentReport.isFinished), "document report")
    assertTrue(documentReport.subResultMeaning != null && documentReport.breakdown!!.isNotEmpty(), "breakdown")
    assertTrue((Json.parse(documentReport.breakdown!!) as Map<*, *>).values.any { (it as Map<*, *>)["result"] != null }, "breakdown as JSON text: ${documentReport.breakdown}")
    v2.checks.resume(checkId); done += "resume_check"
    v2.reports.resume(checkId, documentReport.id!!); done += "resume_report"
    val refused = assertFailsWith<OnfidoException.Unprocessable>("cancelling a finished report") { v2.reports.cancel(checkId, documentReport.id!!) }
    assertEquals(422 to "validation_error", refused.status to refused.errorType, "refused cancel")

    // paused checks (a sandbox extension through extraJson): cancel and resume reports, resume a check
    val paused = v2.checks.create(janeId, V2CheckBuilder(type = "express", reports = listOf(V2ReportRequest(name = "watchlist"), V2ReportRequest(name = "document")), extraJson = """{"paused": true}"""))
    assertEquals(listOf("paused", true, null), listOf(paused.status, paused.paused, paused.result), "paused check")
    val (first, second) = paused.reportIds
    v2.reports.cancel(paused.id!!, second); done += "cancel_report"
    assertEquals("cancelled", v2.reports.retrieve(paused.id!!, second).status, "cancelled")
    v2.reports.resume(paused.id!!, first)
    assertEquals("complete", v2.reports.retrieve(paused.id!!, first).status, "resumed report")
    assertEquals("complete", v2.checks.retrieve(janeId, paused.id!!).status, "check after its reports")
    val pausedAgain = v2.checks.create(janeId, V2CheckBuilder(type = "express", reports = listOf(V2ReportRequest(name = "watchlist")), extraJson = """{"paused": true}"""))
    v2.checks.resume(pausedAgain.id!!)
    val resumed = v2.checks.retrieve(janeId, pausedAgain.id!!)
    assertEquals("complete" to "clear", resumed.status to resumed.result, "resumed check")

    // addresses, SDK tokens, OCR, Street Level
    val addresses = v2.addresses.pick("sw46eh").addresses!!; done += "pick_addresses"
    assertTrue(addresses.isNotEmpty() && addresses[0].postcode == "SW4 6EH", "addresses $addresses")
    val sdk = v2.sdkTokens.generate(V2SdkTokenBuilder(applicantId = janeId, referrer = "https://*.example.com/*")); done += "generate_sdk_token"
    val claims = sdk.claims!!
    assertEquals(5400L, claims.exp!! - claims.iat!!, "SDK token lifetime")
    assertTrue(!sdk.toString().contains(sdk.token!!), "V2SdkToken.toString shows the token")
    val ocr = v2.ocr.extract(V2OcrRequest(documentId = front.id)); done += "extract_ocr"
    assertEquals(listOf(front.id, "driving_licence", "JANET"), listOf(ocr.documentId, ocr.docInfo?.type, ocr.extractedData?.ocrResults?.firstName), "ocr")
    assertEquals(ocr.extractedData?.ocrResults?.let { listOfNotNull(it.mrzLine1, it.mrzLine2, it.mrzLine3) }, ocr.mrzLines, "MRZ lines")
    assertEquals(true, v2.slv.submitCode(V2SlvRequest(code = "ABC123")).success, "slv"); done += "submit_slv_code"

    // delete and restore
    v2.applicants.delete(janeId); done += "delete_applicant"
    val gone = assertFailsWith<OnfidoException.Gone>("retrieving a deleted applicant") { v2.applicants.retrieve(janeId) }
    assertEquals(410 to "gone", gone.status to gone.errorType, "gone")
    v2.applicants.restore(janeId); done += "restore_applicant"
    val restored = v2.applicants.retrieve(janeId)
    assertEquals(null to "Janet", restored.deleteAt to restored.firstName, "restored")
    v2.applicants.delete(joe.id!!)
    val notFound = assertFailsWith<OnfidoException.NotFound>("retrieving a deleted applicant") { v2.applicants.retrieve(joe.id!!) }
    assertEquals(404 to "resource_not_found", notFound.status to notFound.errorType, "not found")

    val missing = operationIds().toSet() - done
    assertTrue(missing.isEmpty(), "operations not exercised: ${missing.sorted()}")
    assertEquals(34, operationIds().size, "operations")
}
