package onfido.core.test

import java.io.File
import java.net.ServerSocket
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import onfido.core.*
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/** The hand-written Kotlin layer: Flows over lists, uploads from any source, timeouts, cancellation. */
class KotlinApiTest {
    private val licenceFile = File(FIXTURES, "sample_driving_licence.png")
    private val photoFile = File(FIXTURES, "sample_photo.png")

    @Test
    @DisplayName("uploads from a Path, a File, an InputStream and a ByteArray; every list as a cold Flow")
    fun uploadsAndFlows(): Unit = runBlocking {
        val transport = RecordingTransport(SandboxTransport().transport())
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), transport)
        val jane = client.createApplicant(ApplicantInput(firstName = "Jane", lastName = "Doe", addresses = listOf(UK_ADDRESS)))
        val licence = licenceFile.readBytes()

        val fromPath = client.uploadDocument(jane.id, licenceFile.toPath(), DocumentType.DrivingLicence, DocumentSide.Front)
        val fromFile = client.uploadDocument(jane.id, licenceFile, DocumentType.DrivingLicence, DocumentSide.Back)
        val fromStream = licenceFile.inputStream().use { client.uploadDocument(jane.id, it, DocumentType.Passport, filename = "passport.png") }
        val fromBytes = client.uploadDocument(jane.id, licence, DocumentType.NationalIdentityCard, issuingCountry = "FRA")
        assertEquals(
            listOf("sample_driving_licence.png", "sample_driving_licence.png", "passport.png", "upload.png"),
            listOf(fromPath, fromFile, fromStream, fromBytes).map { it.fileName }, "file names",
        )
        assertTrue(listOf(fromPath, fromFile, fromStream, fromBytes).all { it.fileSize == licence.size.toLong() }, "sizes")
        assertEquals(listOf(DocumentSide.Front, DocumentSide.Back), listOf(fromPath.side, fromFile.side), "sides")
        assertEquals("FRA", fromBytes.issuingCountry, "issuing country")
        assertEquals(
            listOf("sample_photo.png", "sample_photo.png", "selfie.png", "upload.png"),
            listOf(
                client.uploadLivePhoto(jane.id, photoFile.toPath(), advancedValidation = false),
                client.uploadLivePhoto(jane.id, photoFile, advancedValidation = false),
                photoFile.inputStream().use { client.uploadLivePhoto(jane.id, it, advancedValidation = false, filename = "selfie.png") },
                client.uploadLivePhoto(jane.id, photoFile.readBytes(), advancedValidation = false),
            ).map { it.fileName },
            "live photo names",
        )
        assertEquals("clip.bin", fileInput(byteArrayOf(1, 2, 3).inputStream(), "clip.bin").filename, "fileInput(InputStream)")
        assertEquals(null, fileInput(byteArrayOf(1, 2, 3)).filename, "fileInput(ByteArray)")

        // A Flow is cold: nothing is sent until it is collected.
        val sentBefore = transport.requests.size
        val documents = client.documents(jane.id)
        assertEquals(sentBefore, transport.requests.size, "requests before collection")
        assertEquals(client.listDocuments(jane.id), documents.toList(), "documents")
        assertEquals(client.listLivePhotos(jane.id), client.livePhotos(jane.id).toList(), "live photos")
        uploadLiveVideo(transport, "https://api.onfido.com", jane.id)
        assertEquals(client.listLiveVideos(jane.id), client.liveVideos(jane.id).toList(), "live videos")
        val check = client.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Document), ReportRequest(ReportName.Watchlist))))
        assertEquals(listOf(check.id), client.checks(jane.id).toList().map { it.id }, "checks")
        assertEquals(2, client.checks(jane.id, expandReports = true).toList().single().reports.size, "expanded reports")
        assertEquals(check.reportIds.toSet(), client.reports(check.id).toList().map { it.id }.toSet(), "reports")
        val hook = client.registerWebhook(WebhookInput(url = "https://hooks.example/onfido", events = listOf(WebhookEvent.CheckCompleted)))
        assertEquals(listOf(hook.id), client.webhooks().toList().map { it.id }, "webhooks")
        assertEquals(client.listReportTypeGroups(), client.reportTypeGroups().toList(), "report type groups")
        assertEquals(client.pickAddresses("SW4 6EH"), client.addresses("SW4 6EH").toList(), "addresses")
    }

    @Test
    @DisplayName("a timeout in the client: a late answer is a Timeout, and retried as one")
    fun timeout(): Unit = runBlocking {
        ServerSocket(0).use { silent ->
            val started = System.nanoTime()
            val client = onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}", retry = noRetries()), timeout = 300.milliseconds)
            val late = assertFailsWith<OnfidoException.Transport>("a server that never answers") { client.listWebhooks() }
            assertEquals(TransportFailure.TIMEOUT, late.failure, "failure")
            val elapsed = (System.nanoTime() - started) / 1_000_000
            assertTrue(elapsed in 300..5_000, "gave up after $elapsed ms")
            // The transport's own read timeout, without the client's.
            val transport = HttpURLConnectionTransport(timeout = 200.milliseconds)
            val read = assertFailsWith<OnfidoException.Transport>("a read timeout") { onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}", retry = noRetries()), transport).listWebhooks() }
            assertEquals(TransportFailure.TIMEOUT, read.failure, "failure")
        }
        // A GET that timed out is tried again (the retry policy sees a Timeout).
        val calls = java.util.concurrent.atomic.AtomicInteger()
        val slowOnce = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse {
                if (calls.getAndIncrement() == 0) awaitCancellation()
                return json(200, """{"id": "a1", "first_name": "Slow"}""")
            }
        }
        val fast = RetrySettings(maxAttempts = 2, initialDelayMs = 10L, maxDelayMs = 10L, maxRetryAfterMs = 1_000L)
        val client = onfidoClient(ClientConfig(apiToken = TOKEN, retry = fast), slowOnce, timeout = 200.milliseconds)
        assertEquals("Slow", client.retrieveApplicant("a1").firstName, "after the retry")
        assertEquals(2, calls.get(), "tries")
        assertFailsWith<IllegalArgumentException>("a zero timeout") { slowOnce.withTimeout(0.seconds) }
    }

    @Test
    @DisplayName("ClientConfig.timeoutMs: onfidoClient's timeout by default; must be positive")
    fun timeoutFromConfig(): Unit = runBlocking {
        ServerSocket(0).use { silent ->
            val started = System.nanoTime()
            val config = ClientConfig(apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}", retry = noRetries(), timeoutMs = 300L)
            val late = assertFailsWith<OnfidoException.Transport>("a server that never answers") { onfidoClient(config).listWebhooks() }
            assertEquals(TransportFailure.TIMEOUT, late.failure, "failure")
            val elapsed = (System.nanoTime() - started) / 1_000_000
            assertTrue(elapsed in 300..5_000, "gave up after $elapsed ms")
        }
        val zero = assertFailsWith<OnfidoException.Config>("a zero timeout") { onfidoClient(ClientConfig(apiToken = TOKEN, timeoutMs = 0L)) }
        assertEquals("timeout_ms" to "must be positive (got 0)", zero.field to zero.reason, "field")
    }

    @Test
    @DisplayName("toString shows values: ClientConfig (token masked), FileInput (size, not bytes), errors as sentences")
    fun readableToString(): Unit = runBlocking {
        val config = ClientConfig(apiToken = "test_hidden", region = Region.US, retry = noRetries(), timeoutMs = 1500L)
        assertEquals(
            "ClientConfig(apiToken=test_***, region=US, baseUrl=null, apiVersion=null, " +
                "retry=RetrySettings(maxAttempts=1, initialDelayMs=${noRetries().initialDelayMs}, maxDelayMs=${noRetries().maxDelayMs}, " +
                "maxRetryAfterMs=${noRetries().maxRetryAfterMs}), timeoutMs=1500, binding=null, appName=null, pace=null)",
            config.toString(), "ClientConfig",
        )
        assertEquals("FileInput(filename=a.png, content=3 bytes)", fileInput(byteArrayOf(1, 2, 3), "a.png").toString(), "FileInput")
        val hook = Webhook("w1", "https://hooks.example/onfido", "hook_secret", true, null, listOf(WebhookEnvironment.Sandbox), listOf(WebhookEvent.CheckCompleted), null)
        assertEquals(
            "Webhook(id=w1, url=https://hooks.example/onfido, token=***, enabled=true, environments=[sandbox], events=[check.completed], href=null)",
            hook.toString(), "Webhook",
        )
        assertEquals("Download(filename=a.pdf, contentType=null, content=2 bytes)", Download(byteArrayOf(1, 2), null, "a.pdf").toString(), "Download")
        assertEquals("HttpHeader(name=Accept, value=application/json)", HttpHeader("Accept", "application/json").toString(), "records are data classes")
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), ScriptedTransport({ json(404, """{"error": {"type": "resource_not_found", "message": "no such applicant"}}""") }))
        val missing = assertFailsWith<OnfidoException.NotFound>("404") { client.retrieveApplicant("nope") }
        assertEquals("GET https://api.onfido.com/v2/applicants/nope (retrieve_applicant) was refused: 404 resource_not_found: no such applicant [1 attempt].", missing.toString(), "NotFound.toString")
        val refused = assertFailsWith<OnfidoException.Validation>("no names") { client.createApplicant(ApplicantInput()) }
        assertTrue(refused.toString().contains("first_name"), "Validation.toString: $refused")
        assertEquals("timed out: no answer", TransportException.Timeout("no answer").toString(), "TransportException.toString")
        val lost = onfidoClient(ClientConfig(apiToken = TOKEN, retry = noRetries()), ScriptedTransport({ throw TransportException.Lost("reset") }))
        val failed = assertFailsWith<OnfidoException.Transport>("lost") { lost.retrieveApplicant("a1") }
        assertEquals("GET https://api.onfido.com/v2/applicants/a1 (retrieve_applicant) lost its connection: reset [1 attempt].", failed.toString(), "Transport.toString")
    }

    @Test
    @DisplayName("report breakdowns are typed trees; one too deep for the JSON reader is a Decode error, not a crash")
    fun typedBreakdowns(): Unit = runBlocking {
        fun nested(levels: Int): String =
            (0 until levels).fold("{}") { inner, level -> """{"level${levels - 1 - level}": {"result": "clear", "properties": {"n": $level}, "breakdown": $inner}}""" }
        fun report(levels: Int) = """{"id": "r1", "name": "document", "result": "consider", "breakdown": ${nested(levels)}}"""
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), ScriptedTransport({ json(200, report(40)) }, { json(200, report(200)) }))
        val shallow = client.retrieveReport("c1", "r1")
        var node = shallow.breakdown.single().also { assertEquals("level0", it.name, "top name") }.node
        var depth = 1
        while (node.children.isNotEmpty()) { node = node.children.single().node; depth++ }
        assertEquals(40, depth, "levels kept")
        assertEquals(ReportResult.Clear to "{\"n\":0}", node.result to node.propertiesJson, "the deepest node")
        assertTrue(!node.truncated, "not cut")
        val deep = assertFailsWith<OnfidoException.Decode>("200 levels") { client.retrieveReport("c1", "r1") }
        assertTrue(deep.reason.isNotEmpty(), "reason: ${deep.reason}")
    }

    @Test
    @DisplayName("cancelling the caller disconnects HttpURLConnectionTransport's request in flight")
    fun httpUrlConnectionCancellation(): Unit = runBlocking {
        ServerSocket(0).use { silent ->
            val accepted = CountDownLatch(1)
            val closedByClient = CountDownLatch(1)
            thread(isDaemon = true) {
                silent.accept().use { socket ->
                    accepted.countDown()
                    runCatching { socket.getInputStream().readAllBytes() }  // ends once the client closes the connection
                    closedByClient.countDown()
                }
            }
            val client = onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}"))
            val call = async(Dispatchers.Default) { client.listWebhooks() }
            assertTrue(accepted.await(5, TimeUnit.SECONDS), "the request reached the server")
            delay(50)
            call.cancel()
            call.join()
            assertTrue(call.isCancelled, "the call is cancelled")
            assertTrue(closedByClient.await(5, TimeUnit.SECONDS), "the connection was closed")
        }
    }
}
