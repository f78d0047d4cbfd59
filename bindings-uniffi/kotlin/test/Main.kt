package onfido.core.test

import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.ServerSocket
import java.security.MessageDigest
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.system.exitProcess
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import onfido.core.*

/** The repository root (bindings-uniffi's parent), from `-Donfido.repo` or the working directory. */
val REPO = File(System.getProperty("onfido.repo") ?: "..").canonicalFile
val FIXTURES = File(REPO, "tests/fixtures")
const val TOKEN = "test_kotlin_e2e"

/** A fake MP4: the sandbox stores any bytes as a live video. */
val VIDEO: ByteArray = "\u0000\u0000\u0000\u0018ftypmp42".toByteArray(Charsets.ISO_8859_1) +
    ByteArray(64 * 1024) { (it * 31 % 251).toByte() }

class Failure(message: String) : Exception(message)

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw Failure(message())
}

fun <T> eq(actual: T, expected: T, what: String) = check(actual == expected) { "$what: $actual != $expected" }

inline fun <reified E : Throwable> expectThrows(what: String, block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw Failure("$what: expected ${E::class.simpleName}, got $e")
    }
    throw Failure("$what: expected ${E::class.simpleName}, nothing thrown")
}

/** The `onfido-sandbox` server on a free loopback port, stopped by closing its stdin. */
class SandboxServer(vararg args: String) : AutoCloseable {
    private val process: Process
    val url: String

    init {
        val bin = System.getenv("ONFIDO_SANDBOX_BIN") ?: throw Failure("ONFIDO_SANDBOX_BIN is not set")
        process = ProcessBuilder(listOf(bin, "--port", "0") + args).redirectErrorStream(false).start()
        val line = BufferedReader(InputStreamReader(process.inputStream)).readLine()
            ?: throw Failure("the sandbox server printed nothing")
        url = line.removePrefix("listening on ").trim()
        check(url.startsWith("http://127.0.0.1:")) { "unexpected first line: $line" }
    }

    override fun close() {
        process.outputStream.close()
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroy()
    }
}

/** Wraps a transport and records what went through. */
class RecordingTransport(private val inner: HttpTransport) : HttpTransport {
    val requests = java.util.Collections.synchronizedList(ArrayList<HttpRequest>())
    override suspend fun send(request: HttpRequest): HttpResponse {
        requests.add(request)
        return inner.send(request)
    }
}

/** Answers from a script: one function per call. */
class ScriptedTransport(private vararg val answers: (HttpRequest) -> HttpResponse) : HttpTransport {
    val calls = AtomicInteger()
    override suspend fun send(request: HttpRequest): HttpResponse {
        val n = calls.getAndIncrement()
        return answers[minOf(n, answers.size - 1)](request)
    }
}

fun json(status: Int, body: String, vararg headers: Pair<String, String>) = HttpResponse(
    status.toUShort(), listOf(HttpHeader("Content-Type", "application/json")) + headers.map { HttpHeader(it.first, it.second) },
    body.toByteArray(),
)

fun sha256(bytes: ByteArray) = MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }

val UK_ADDRESS = Address(buildingNumber = "100", street = "Main Street", town = "London", postcode = "SW4 6EH", country = "GBR")

/** Every one of the 34 operations through the client; `uploadVideo` posts a live video as the mobile SDKs would. */
suspend fun everyOperation(client: OnfidoClient, uploadVideo: suspend (String) -> String) {
    val done = HashSet<String>()
    val licence = File(FIXTURES, "sample_driving_licence.png").readBytes()
    val photo = File(FIXTURES, "sample_photo.png").readBytes()

    // applicants
    val jane = client.createApplicant(ApplicantInput(firstName = "Jane", lastName = "Doe", dob = "1990-01-01", addresses = listOf(UK_ADDRESS))); done += "create_applicant"
    eq(listOf(jane.firstName, jane.lastName, jane.dob, jane.sandbox), listOf("Jane", "Doe", "1990-01-01", true), "created")
    eq(jane.addresses.single().postcode, "SW4 6EH", "address")
    eq(client.retrieveApplicant(jane.id), jane, "retrieved applicant"); done += "retrieve_applicant"
    val janet = client.updateApplicant(jane.id, ApplicantInput(firstName = "Janet")); done += "update_applicant"
    eq(listOf(janet.id, janet.firstName, janet.lastName), listOf(jane.id, "Janet", "Doe"), "updated")
    val joe = client.createApplicant(ApplicantInput(firstName = "Joe", lastName = "Bloggs", email = "joe@example.com"))
    val page = client.listApplicants(perPage = 1u); done += "list_applicants"
    eq(page.items.size, 1, "page size")
    eq(page.page.totalCount, 2uL, "total count")
    eq(listOf(page.page.nextPage, page.page.prevPage, page.page.lastPage), listOf<UInt?>(2u, null, 2u), "page links")
    eq(client.applicants(perPage = 1u).toList().map { it.id }.toSet(), setOf(jane.id, joe.id), "flow over pages")
    eq(client.applicantsSequence(perPage = 1u).map { it.id }.toSet(), setOf(jane.id, joe.id), "sequence over pages")
    // By operation id, JSON in and out.
    val raw = Json.parse(client.request("retrieve_applicant", """{"applicant_id": "${jane.id}"}""")) as Map<*, *>
    eq(raw["first_name"], "Janet", "request() by id")

    // documents
    val front = client.uploadDocument(jane.id, fileInput(File(FIXTURES, "sample_driving_licence.png").toPath()), DocumentType.DrivingLicence, DocumentSide.Front); done += "upload_document"
    val passport = client.uploadDocument(jane.id, FileInput("passport.png", licence), DocumentType.Passport, issuingCountry = "FRA")
    for (d in listOf(front, passport)) eq(listOf(d.fileType, d.fileSize), listOf("png", licence.size.toULong()), "document file")
    eq(listOf(front.fileName, front.documentType, front.side), listOf("sample_driving_licence.png", DocumentType.DrivingLicence, DocumentSide.Front), "front")
    eq(passport.issuingCountry, "FRA", "issuing country")
    eq(client.retrieveDocument(jane.id, front.id), front, "retrieved document"); done += "retrieve_document"
    eq(client.listDocuments(jane.id).map { it.id }.toSet(), setOf(front.id, passport.id), "documents"); done += "list_documents"
    for (d in listOf(front, passport)) {
        val download = client.downloadDocument(jane.id, d.id)
        check(download.content.contentEquals(licence)) { "a download is byte-exact" }
        eq(listOf(download.contentType, download.filename), listOf("image/png", d.fileName), "download")
    }
    done += "download_document"

    // live photos
    val selfie = client.uploadLivePhoto(jane.id, FileInput("selfie.png", photo), advancedValidation = false); done += "upload_live_photo"
    eq(listOf(selfie.fileName, selfie.fileType, selfie.fileSize), listOf("selfie.png", "png", photo.size.toULong()), "live photo")
    eq(client.retrieveLivePhoto(selfie.id), selfie, "retrieved live photo"); done += "retrieve_live_photo"
    eq(client.listLivePhotos(jane.id).map { it.id }, listOf(selfie.id), "live photos"); done += "list_live_photos"
    val photoDownload = client.downloadLivePhoto(selfie.id); done += "download_live_photo"
    check(photoDownload.content.contentEquals(photo) && photoDownload.contentType == "image/png") { "live photo download" }
    val unnamed = client.uploadLivePhoto(jane.id, FileInput(content = photo), advancedValidation = false)
    eq(unnamed.fileName, "upload.png", "a file without a name is named after its bytes")

    // live videos
    val videoId = uploadVideo(jane.id)
    eq(client.listLiveVideos(jane.id).map { it.id }, listOf(videoId), "live videos"); done += "list_live_videos"
    val video = client.retrieveLiveVideo(videoId); done += "retrieve_live_video"
    eq(video.fileSize, VIDEO.size.toULong(), "video size")
    eq(video.challenge.map { it.challengeType to (it.digits ?: it.movement) }, listOf(ChallengeType.Recite to listOf(1L, 2L, 3L), ChallengeType.Movement to "turnRight"), "challenges")
    val videoDownload = client.downloadLiveVideo(videoId); done += "download_live_video"
    check(videoDownload.content.contentEquals(VIDEO) && videoDownload.contentType == "video/mp4") { "video download" }

    // webhooks
    val hook = client.registerWebhook(WebhookInput(url = "https://hooks.example/onfido", events = listOf(WebhookEvent.CheckCompleted), environments = listOf(WebhookEnvironment.Sandbox))); done += "register_webhook"
    eq(listOf(hook.url, hook.events, hook.enabled), listOf("https://hooks.example/onfido", listOf(WebhookEvent.CheckCompleted), true), "webhook")
    check(hook.token?.length == 16) { "webhook token" }
    check(!hook.toString().contains(hook.token!!)) { "Webhook.toString shows its token: $hook" }
    eq(client.retrieveWebhook(hook.id).events, listOf(WebhookEvent.CheckCompleted), "retrieved webhook"); done += "retrieve_webhook"
    eq(client.listWebhooks().map { it.id }, listOf(hook.id), "webhooks"); done += "list_webhooks"

    // report type groups
    val groups = client.listReportTypeGroups(); done += "list_report_type_groups"
    eq(groups.size, 2, "groups")
    val group = client.retrieveReportTypeGroup(groups[0].id); done += "retrieve_report_type_group"
    check(group.name == "Junior level" && group.reportTypes.isNotEmpty()) { "group $group" }

    // checks and reports
    val check = client.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(
        ReportRequest(ReportName.Document), ReportRequest(ReportName.FacialSimilarity, variant = "standard"), ReportRequest(ReportName.Identity, variant = "kyc"),
    ))); done += "create_check"
    eq(listOf(check.status, check.result, check.derivedResult, check.isFinished, check.sandbox), listOf(CheckStatus.Complete, CheckResult.Clear, CheckResult.Clear, true, true), "check")
    eq(check.reports.size to check.reportIds.size, 3 to 3, "expanded reports")
    val retrieved = client.retrieveCheck(jane.id, check.id); done += "retrieve_check"
    eq(retrieved.reportIds.sorted(), check.reportIds.sorted(), "retrieved check")
    eq(client.listChecks(jane.id).map { it.id }, listOf(check.id), "checks"); done += "list_checks"
    check(client.listChecks(jane.id, expandReports = true).single().reports.size == 3) { "expand=reports" }
    val reports = client.listReports(check.id); done += "list_reports"
    eq(reports.mapNotNull { it.name?.apiValue() }.sorted(), listOf("document", "facial_similarity", "identity"), "reports")
    val documentReport = client.retrieveReport(check.id, reports.first { it.name == ReportName.Document }.id); done += "retrieve_report"
    eq(listOf(documentReport.result, documentReport.subResult, documentReport.findings, documentReport.isFinished), listOf(ReportResult.Clear, SubResult.Clear, emptyList<Finding>(), true), "document report")
    check(documentReport.subResultMeaning != null && (Json.parse(documentReport.breakdownJson) as Map<*, *>).isNotEmpty()) { "breakdown" }
    client.resumeCheck(check.id); done += "resume_check"
    client.resumeReport(check.id, documentReport.id); done += "resume_report"
    val refused = expectThrows<OnfidoException.Api>("cancelling a finished report") { client.cancelReport(check.id, documentReport.id) }
    eq(refused.statusCode to refused.errorType, 422 to "validation_error", "refused cancel")

    // paused checks (a sandbox extension through extraJson): cancel and resume reports, resume a check
    val paused = client.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Watchlist), ReportRequest(ReportName.Document)), extraJson = """{"paused": true}"""))
    eq(listOf(paused.status, paused.paused, paused.result), listOf(CheckStatus.Paused, true, null), "paused check")
    val (first, second) = paused.reportIds
    client.cancelReport(paused.id, second); done += "cancel_report"
    eq(client.retrieveReport(paused.id, second).status, ReportStatus.Cancelled, "cancelled")
    client.resumeReport(paused.id, first)
    eq(client.retrieveReport(paused.id, first).status, ReportStatus.Complete, "resumed report")
    eq(client.retrieveCheck(jane.id, paused.id).status, CheckStatus.Complete, "check after its reports")
    val pausedAgain = client.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Watchlist)), extraJson = """{"paused": true}"""))
    client.resumeCheck(pausedAgain.id)
    val resumed = client.retrieveCheck(jane.id, pausedAgain.id)
    eq(resumed.status to resumed.result, CheckStatus.Complete to CheckResult.Clear, "resumed check")

    // addresses, SDK tokens, OCR, Street Level
    val addresses = client.pickAddresses("sw46eh"); done += "pick_addresses"
    check(addresses.isNotEmpty() && addresses[0].postcode == "SW4 6EH") { "addresses $addresses" }
    val sdk = client.generateSdkToken(jane.id, "https://*.example.com/*"); done += "generate_sdk_token"
    eq(sdk.expiresAt!! - sdk.issuedAt!!, 5400L, "SDK token lifetime")
    eq(sdkTokenClaims(sdk.token).exp, sdk.expiresAt, "claims")
    check(!sdk.toString().contains(sdk.token)) { "SdkToken.toString shows the token" }
    val ocr = client.extractOcr(front.id); done += "extract_ocr"
    eq(listOf(ocr.documentId, ocr.documentType, ocr.firstName), listOf(front.id, DocumentType.DrivingLicence, "JANET"), "ocr")
    eq(client.submitSlvCode("ABC123").success, true, "slv"); done += "submit_slv_code"

    // delete and restore
    client.deleteApplicant(jane.id); done += "delete_applicant"
    val gone = expectThrows<OnfidoException.Api>("retrieving a deleted applicant") { client.retrieveApplicant(jane.id) }
    eq(gone.statusCode to gone.errorType, 410 to "gone", "gone")
    client.restoreApplicant(jane.id); done += "restore_applicant"
    val restored = client.retrieveApplicant(jane.id)
    eq(restored.deleteAt to restored.firstName, null to "Janet", "restored")
    client.deleteApplicant(joe.id)
    val notFound = expectThrows<OnfidoException.Api>("retrieving a deleted applicant") { client.retrieveApplicant(joe.id) }
    eq(notFound.statusCode to notFound.errorType, 404 to "resource_not_found", "not found")

    val missing = operationIds().toSet() - done
    check(missing.isEmpty()) { "operations not exercised: ${missing.sorted()}" }
    eq(operationIds().size, 34, "operations")
}

fun main() {
    val tests = LinkedHashMap<String, suspend () -> Unit>()
    var vectorsFailed = 0

    tests["shared vectors"] = {
        val (_, failed) = Vectors.run(File(REPO, "tests/vectors"))
        vectorsFailed = failed
        check(failed == 0) { "$failed vector case(s) failed" }
    }

    tests["every operation over HTTP with HttpURLConnectionTransport"] = {
        SandboxServer().use { server ->
            val transport = RecordingTransport(HttpURLConnectionTransport())
            val client = onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = server.url), transport)
            everyOperation(client) { applicantId ->
                val response = HttpURLConnectionTransport().send(sandboxLiveVideoRequest(server.url, TOKEN, applicantId, "video.mp4", VIDEO))
                eq(response.statusCode, 201, "live video upload")
                (Json.parse(response.body.toString(Charsets.UTF_8)) as Map<*, *>)["id"] as String
            }
            val agents = transport.requests.mapNotNull { it.header("User-Agent") }.toSet()
            check(agents.size == 1 && agents.single().contains("(kotlin)")) { "User-Agent $agents" }
        }
    }

    tests["every operation in process with SandboxTransport"] = {
        val sandbox = SandboxTransport()
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), sandbox.transport())
        everyOperation(client) { applicantId ->
            val response = sandbox.handle(sandboxLiveVideoRequest("https://api.onfido.com", TOKEN, applicantId, "video.mp4", VIDEO))
            (Json.parse(response.body.toString(Charsets.UTF_8)) as Map<*, *>)["id"] as String
        }
    }

    tests["validation errors are raised before anything is sent"] = {
        val transport = RecordingTransport(SandboxTransport().transport())
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), transport)
        val e = expectThrows<OnfidoException.Validation>("a blank applicant") { client.createApplicant(ApplicantInput(firstName = "", dob = "1990-13-45", country = "XX")) }
        check(listOf("first_name", "last_name", "dob", "country").all { it in e.fields }) { "fields ${e.fields}" }
        expectThrows<OnfidoException.Validation>("a future date of birth") { client.createApplicant(ApplicantInput(firstName = "A", lastName = "B", dob = "2999-01-01")) }
        val upload = expectThrows<OnfidoException.Validation>("a tiny upload") { client.uploadDocument("a1", FileInput("x.png", ByteArray(10)), DocumentType.Passport) }
        check("file" in upload.fields) { "upload fields ${upload.fields}" }
        expectThrows<OnfidoException.Validation>("an empty path id") { client.retrieveApplicant("") }
        expectThrows<OnfidoException.Validation>("bad extra JSON") { client.createApplicant(ApplicantInput(firstName = "A", lastName = "B", extraJson = "[1]")) }
        expectThrows<OnfidoException.Validation>("an unknown operation id") { client.request("fly_to_moon", "{}") }
        eq(transport.requests.size, 0, "requests sent")
    }

    tests["config errors"] = {
        val sandbox = SandboxTransport().transport()
        val region = expectThrows<OnfidoException.Config>("a US token in the EU") { OnfidoClient(ClientConfig(apiToken = "us_test_x", region = Region.EU), sandbox, null) }
        eq(region.field, "region", "field")
        eq(expectThrows<OnfidoException.Config>("plain http") { onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = "http://example.com")) }.field, "base_url", "field")
        eq(expectThrows<OnfidoException.Config>("token-less without a base URL") { onfidoClient(ClientConfig()) }.field, "base_url", "field")
        eq(expectThrows<OnfidoException.Config>("a token with a space") { onfidoClient(ClientConfig(apiToken = "test_a b")) }.field, "api_token", "field")
        eq(expectThrows<OnfidoException.Config>("an unknown region") { parseRegion("mars") }.field, "region", "field")
        eq(resolveBaseUrl(ClientConfig(apiToken = "us_test_x")), "https://api.us.onfido.com/v2/", "US base URL")
    }

    tests["API errors over HTTP: 401, 404, 422 with fields, 429 with Retry-After (rate limit 4)"] = {
        SandboxServer("--rate-limit", "4").use { server ->
            val live = onfidoClient(ClientConfig(apiToken = "live_secret_token_1", baseUrl = server.url))
            val unauthorized = expectThrows<OnfidoException.Api>("a live token") { live.listWebhooks() }
            eq(unauthorized.statusCode to unauthorized.errorType, 401 to "authorization_error", "401")
            check(!unauthorized.toString().contains("live_secret_token_1") && !unauthorized.message.orEmpty().contains("live_secret_token_1")) { "the token leaked into $unauthorized" }
            val client = onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = server.url))
            val missing = expectThrows<OnfidoException.Api>("a missing check") { client.retrieveCheck("a1", "nope") }
            eq(missing.statusCode to missing.errorType, 404 to "resource_not_found", "404")
            check(missing.errorId != null) { "error id" }
            val bare = client.createApplicant(ApplicantInput(firstName = "No", lastName = "Address"))
            val invalid = expectThrows<OnfidoException.Api>("a server-side 422") {
                client.createCheck(bare.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Identity, variant = "kyc"))))
            }
            eq(invalid.statusCode to invalid.errorType, 422 to "failed_check_requirements", "422")
            check("dob" in invalid.fields && invalid.fields.keys.any { it.startsWith("addresses") }) { "422 fields ${invalid.fields}" }
            val noDocuments = expectThrows<OnfidoException.Api>("a document report without documents") {
                client.createCheck(bare.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Document))))
            }
            eq(noDocuments.errorType, "missing_documents", "422 type")
            val limited = expectThrows<OnfidoException.Api>("the rate limit") { client.listWebhooks() }
            eq(limited.statusCode to limited.errorType, 429 to "rate_limit", "429")
            check(limited.retryAfterSeconds != null && limited.retryAfterSeconds!! > 0uL) { "Retry-After ${limited.retryAfterSeconds}" }
        }
    }

    tests["decode errors keep the status and an excerpt"] = {
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), ScriptedTransport({ json(200, "<html>oops</html>") }))
        val e = expectThrows<OnfidoException.Decode>("an HTML answer") { client.retrieveApplicant("a1") }
        eq(e.status.toInt(), 200, "status")
        check(e.excerpt.contains("oops")) { "excerpt ${e.excerpt}" }
        val missingId = onfidoClient(ClientConfig(apiToken = TOKEN), ScriptedTransport({ json(200, """{"first_name": "x"}""") }))
        expectThrows<OnfidoException.Decode>("no id") { missingId.retrieveApplicant("a1") }
    }

    tests["a transport that throws becomes OnfidoException.Transport, never a crash"] = {
        val throwing = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = throw IllegalStateException("boom from Kotlin")
        }
        val client = onfidoClient(ClientConfig(apiToken = TOKEN, retry = defaultRetrySettings()), throwing)
        val e = expectThrows<OnfidoException.Transport>("a RuntimeException") { client.retrieveApplicant("a1") }
        eq(e.failure, TransportFailure.OTHER, "failure")
        check(e.reason.contains("boom from Kotlin")) { "reason ${e.reason}" }
        val ioThrowing = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = throw java.io.IOException("disk on fire")
        }
        val io = expectThrows<OnfidoException.Transport>("an IOException") { onfidoClient(ClientConfig(apiToken = TOKEN), ioThrowing).listWebhooks() }
        check(io.reason.contains("disk on fire")) { "reason ${io.reason}" }
        // The real transport against a closed port: a connect failure.
        val port = ServerSocket(0).use { it.localPort }
        val refused = expectThrows<OnfidoException.Transport>("a closed port") { onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = "http://127.0.0.1:$port")).listWebhooks() }
        eq(refused.failure, TransportFailure.CONNECT, "failure")
        check(!refused.reason.contains(TOKEN)) { "the token leaked into ${refused.reason}" }
    }

    tests["retries follow the core's policy and wait through the Sleeper"] = {
        val slept = java.util.Collections.synchronizedList(ArrayList<ULong>())
        val sleeper = object : Sleeper {
            override suspend fun sleep(millis: ULong) { slept.add(millis) }
        }
        val fast = RetrySettings(maxAttempts = 3u, initialDelayMs = 10uL, maxDelayMs = 40uL, maxRetryAfterMs = 5_000uL)
        val applicant = """{"id": "a1", "first_name": "R"}"""
        // A connect failure, then a 429 with Retry-After: 1, then success.
        val flaky = ScriptedTransport({ throw TransportException.Connect("refused") }, { json(429, "{}", "Retry-After" to "1") }, { json(200, applicant) })
        val client = OnfidoClient(ClientConfig(apiToken = TOKEN, retry = fast), flaky, sleeper)
        eq(client.retrieveApplicant("a1").firstName, "R", "after retries")
        eq(flaky.calls.get(), 3, "tries")
        check(slept.size == 2 && slept[0] in 5uL..10uL && slept[1] == 1000uL) { "slept $slept" }
        // A 503 on a POST is not retried (it may have created the applicant)...
        val busy = ScriptedTransport({ json(503, "{}") }, { json(201, applicant) })
        expectThrows<OnfidoException.Api>("a 503 on create") { OnfidoClient(ClientConfig(apiToken = TOKEN, retry = fast), busy, sleeper).createApplicant(ApplicantInput(firstName = "A", lastName = "B")) }
        eq(busy.calls.get(), 1, "tries for a POST")
        // ...but is on a GET, and the last answer is returned when the tries run out.
        val down = ScriptedTransport({ json(503, """{"error": {"type": "internal_server_error"}}""") })
        val last = expectThrows<OnfidoException.Api>("503s on a GET") { OnfidoClient(ClientConfig(apiToken = TOKEN, retry = fast), down, sleeper).retrieveApplicant("a1") }
        eq(down.calls.get() to last.statusCode, 3 to 503, "tries for a GET")
        // Without a Sleeper the wait is timed by a helper thread.
        val once = ScriptedTransport({ throw TransportException.Timeout("slow") }, { json(200, applicant) })
        val started = System.nanoTime()
        OnfidoClient(ClientConfig(apiToken = TOKEN, retry = fast), once, null).retrieveApplicant("a1")
        check((System.nanoTime() - started) / 1_000_000 >= 5) { "no wait without a sleeper" }
        // Over HTTP: the sandbox's seeded faults are absorbed by the retries (GETs only).
        SandboxServer("--fail-rate", "0.3", "--seed", "7").use { server ->
            val retrying = onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = server.url, retry = RetrySettings(6u, 5uL, 20uL, 1000uL)), HttpURLConnectionTransport(readTimeoutMillis = 1_000))
            repeat(10) { retrying.listReportTypeGroups() }
        }
    }

    tests["no token in toString, errors or requests' descriptions"] = {
        val secret = "test_very_secret_value"
        val config = ClientConfig(apiToken = secret)
        check(!config.toString().contains("very_secret")) { "ClientConfig.toString: $config" }
        val request = buildRequest("retrieve_applicant", config, """{"applicant_id": "a1"}""")
        eq(request.header("Authorization"), "Token token=$secret", "the header itself")
        check(!request.toString().contains("very_secret")) { "HttpRequest.toString: $request" }
        val client = onfidoClient(config, ScriptedTransport({ json(401, """{"error": {"type": "authorization_error", "message": "bad token"}}""") }))
        val e = expectThrows<OnfidoException.Api>("401") { client.listWebhooks() }
        check(!e.toString().contains("very_secret") && !e.message.orEmpty().contains("very_secret")) { "error: $e" }
    }

    tests["token-less mode: no Authorization header, base URL required"] = {
        SandboxServer().use { server ->
            // The app talks to its backend; here a recording transport stands in for the proxy that adds the token.
            val seen = java.util.Collections.synchronizedList(ArrayList<HttpRequest>())
            val proxy = object : HttpTransport {
                val upstream = HttpURLConnectionTransport()
                override suspend fun send(request: HttpRequest): HttpResponse {
                    seen.add(request)
                    val upstreamUrl = server.url + request.url.removePrefix("https://backend.example/onfido")
                    return upstream.send(request.copy(url = upstreamUrl, headers = request.headers + HttpHeader("Authorization", "Token token=$TOKEN")))
                }
            }
            val app = onfidoClient(ClientConfig(baseUrl = "https://backend.example/onfido/v2"), proxy)
            val applicant = app.createApplicant(ApplicantInput(firstName = "App", lastName = "User"))
            eq(app.retrieveApplicant(applicant.id).firstName, "App", "through the proxy")
            check(seen.all { it.header("Authorization") == null }) { "the app sent an Authorization header" }
            check(seen.all { it.url.startsWith("https://backend.example/onfido/v2/") }) { "urls ${seen.map { it.url }}" }
            eq(app.environment(), null, "environment without a token")
        }
    }

    tests["webhooks: verify, sign, reject; sandbox deliveries verify"] = {
        val body = """{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"c1","status":"complete","completed_at_iso8601":"2019-10-28T15:00:39Z","href":"https://api.onfido.com/v2/checks/c1"}}}""".toByteArray()
        val signature = signWebhook(body, "webhook-token", SignatureAlgorithm.SHA256)
        val event = verifyWebhook(body, mapOf("X-SHA2-Signature" to signature), "webhook-token")
        eq(listOf(event.action, event.resourceType, event.objectId, event.completedAtUnix), listOf(WebhookEvent.CheckCompleted, ResourceType.Check, "c1", 1572274839L), "event")
        val sha1 = signWebhook(body, "webhook-token", SignatureAlgorithm.SHA1)
        eq(verifyWebhook(body, listOf(HttpHeader("x-signature", sha1)), "webhook-token").objectId, "c1", "sha1 header")
        expectThrows<OnfidoException.Signature>("a wrong secret") { verifyWebhook(body, mapOf("X-SHA2-Signature" to signature), "other") }
        expectThrows<OnfidoException.Signature>("no signature") { verifyWebhook(body, emptyMap<String, String>(), "webhook-token") }
        val sandbox = SandboxTransport()
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), sandbox.transport())
        val hook = client.registerWebhook(WebhookInput(url = "https://hooks.example/x", events = listOf(WebhookEvent.CheckCompleted)))
        val applicant = client.createApplicant(ApplicantInput(firstName = "W", lastName = "Hook"))
        client.createCheck(applicant.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Watchlist))))
        val deliveries = sandbox.takeWebhookDeliveries()
        check(deliveries.isNotEmpty()) { "no delivery" }
        for (d in deliveries) eq(verifyWebhook(d.body, d.headers, hook.token!!).action, WebhookEvent.CheckCompleted, "delivered event")
    }

    tests["rules: referrer patterns, check results, findings, links"] = {
        ReferrerPattern("https://*.example.com/*").use { p ->
            check(p.matches("https://app.example.com/onboarding") && !p.matches("https://example.com.evil.org/")) { "matching" }
            eq(p.toString(), "https://*.example.com/*", "toString")
        }
        ReferrerPattern("*://*/*").use { check(it.lint().isNotEmpty()) { "lint of a catch-all" } }
        expectThrows<OnfidoException.Validation>("a bad pattern") { ReferrerPattern("ftp://x/") }
        eq(checkResult(listOf(ReportResult.Clear, ReportResult.Unidentified)), CheckResult.Consider, "consider")
        eq(checkResult(listOf(ReportResult.Clear, null)), null, "pending")
        eq(parseLinkHeader("<https://api.onfido.com/v2/applicants?page=2>; rel=\"next\"").next, "https://api.onfido.com/v2/applicants?page=2", "link")
        val sandbox = SandboxTransport()
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), sandbox.transport())
        val consider = client.createApplicant(ApplicantInput(firstName = "C", lastName = "Consider"))
        client.uploadDocument(consider.id, FileInput("licence.png", File(FIXTURES, "sample_driving_licence.png").readBytes()), DocumentType.DrivingLicence)
        val check = client.createCheck(consider.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Document))))
        eq(check.result, CheckResult.Consider, "a Consider applicant")
        val report = check.reports.single()
        check(report.findings.isNotEmpty() && report.findings.all { it.result is ReportResult.Consider || it.result is ReportResult.Unidentified }) { "findings ${report.findings}" }
        check(ReportName.Unknown("brand_new") != ReportName.Document && ReportName.Unknown("brand_new").apiValue() == "brand_new") { "unknown enum values" }
    }

    tests["concurrent calls share one client"] = {
        SandboxServer().use { server ->
            val client = onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = server.url))
            val ids = kotlinx.coroutines.coroutineScope {
                (1..16).map { n -> async(kotlinx.coroutines.Dispatchers.Default) { client.createApplicant(ApplicantInput(firstName = "N$n", lastName = "Parallel")).id } }.awaitAll()
            }
            eq(ids.toSet().size, 16, "distinct applicants")
            eq(client.listApplicants(perPage = 100u).items.size, 16, "all listed")
        }
    }

    var passed = 0
    var failed = 0
    for ((name, body) in tests) {
        val started = System.nanoTime()
        try {
            runBlocking { body() }
            passed++
            println("ok   $name (${(System.nanoTime() - started) / 1_000_000} ms)")
        } catch (e: Throwable) {
            failed++
            println("FAIL $name: $e")
            if (e !is Failure) e.printStackTrace(System.out)
        }
    }
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0 && vectorsFailed == 0) 0 else 1)
}
