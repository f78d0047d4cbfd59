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
    @DisplayName("uploads from a Path, a File, an InputStream and a ByteArray; listAll as a cold Flow")
    fun uploadsAndFlows(): Unit = runBlocking {
        val transport = RecordingTransport(SandboxTransport().transport())
        val client = onfidoClient(v2Config(), transport)
        val jane = client.v2.applicants.create(V2ApplicantBuilder(firstName = "Jane", lastName = "Doe", addresses = listOf(UK_ADDRESS)))
        val licence = licenceFile.readBytes()
        suspend fun upload(file: FileInput, type: String, side: String? = null, country: String? = null) =
            client.v2.documents.upload(jane.id!!, V2DocumentUploader(file = file, type = type, side = side, issuingCountry = country))

        val fromPath = upload(fileInput(licenceFile.toPath()), "driving_licence", "front")
        val fromFile = upload(fileInput(licenceFile), "driving_licence", "back")
        val fromStream = licenceFile.inputStream().use { upload(fileInput(it, "passport.png"), "passport") }
        val fromBytes = upload(fileInput(licence), "national_identity_card", country = "FRA")
        assertEquals(
            listOf("sample_driving_licence.png", "sample_driving_licence.png", "passport.png", "upload.png"),
            listOf(fromPath, fromFile, fromStream, fromBytes).map { it.fileName }, "file names",
        )
        assertTrue(listOf(fromPath, fromFile, fromStream, fromBytes).all { it.fileSize == licence.size.toLong() }, "sizes")
        assertEquals(listOf("front", "back"), listOf(fromPath.side, fromFile.side), "sides")
        assertEquals("FRA", fromBytes.issuingCountry, "issuing country")
        assertEquals("clip.bin", fileInput(byteArrayOf(1, 2, 3).inputStream(), "clip.bin").filename, "fileInput(InputStream)")
        assertEquals(null, fileInput(byteArrayOf(1, 2, 3)).filename, "fileInput(ByteArray)")

        // A Flow is cold: nothing is sent until it is collected.
        client.v2.applicants.create(V2ApplicantBuilder(firstName = "Joe", lastName = "Bloggs"))
        val sentBefore = transport.requests.size
        val every = client.v2.applicants.listAll(perPage = 1)
        assertEquals(sentBefore, transport.requests.size, "requests before collection")
        assertEquals(2, every.toList().size, "every applicant")
        assertEquals(sentBefore + 2, transport.requests.size, "one request per page")
    }

    @Test
    @DisplayName("a timeout in the client: a late answer is a Timeout, and retried as one")
    fun timeout(): Unit = runBlocking {
        ServerSocket(0).use { silent ->
            val started = System.nanoTime()
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}", retry = noRetries()), timeout = 300.milliseconds)
            val late = assertFailsWith<OnfidoException.Transport>("a server that never answers") { client.v2.webhooks.list() }
            assertEquals(TransportFailure.TIMEOUT, late.failure, "failure")
            val elapsed = (System.nanoTime() - started) / 1_000_000
            assertTrue(elapsed in 300..5_000, "gave up after $elapsed ms")
            // The transport's own read timeout, without the client's.
            val transport = HttpURLConnectionTransport(timeout = 200.milliseconds)
            val read = assertFailsWith<OnfidoException.Transport>("a read timeout") { onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}", retry = noRetries()), transport).v2.webhooks.list() }
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
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = fast), slowOnce, timeout = 200.milliseconds)
        assertEquals("Slow", client.v2.applicants.retrieve("a1").firstName, "after the retry")
        assertEquals(2, calls.get(), "tries")
        assertFailsWith<IllegalArgumentException>("a zero timeout") { slowOnce.withTimeout(0.seconds) }
    }

    @Test
    @DisplayName("ClientConfig.timeoutMs: onfidoClient's timeout by default; must be positive")
    fun timeoutFromConfig(): Unit = runBlocking {
        ServerSocket(0).use { silent ->
            val started = System.nanoTime()
            val config = ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}", retry = noRetries(), timeoutMs = 300L)
            val late = assertFailsWith<OnfidoException.Transport>("a server that never answers") { onfidoClient(config).v2.webhooks.list() }
            assertEquals(TransportFailure.TIMEOUT, late.failure, "failure")
            val elapsed = (System.nanoTime() - started) / 1_000_000
            assertTrue(elapsed in 300..5_000, "gave up after $elapsed ms")
        }
        val zero = assertFailsWith<OnfidoException.Config>("a zero timeout") { onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, timeoutMs = 0L)) }
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
        val hook = V2Webhook(id = "w1", url = "https://hooks.example/onfido", token = "hook_secret", enabled = true, environments = listOf("sandbox"), events = listOf("check.completed"))
        assertTrue(hook.toString().contains("token: Some(\"***\")") && !hook.toString().contains("hook_secret"), "V2Webhook: $hook")
        assertEquals("Download(filename=a.pdf, contentType=null, content=2 bytes)", Download(byteArrayOf(1, 2), null, "a.pdf").toString(), "Download")
        assertEquals("HttpHeader(name=Accept, value=application/json)", HttpHeader("Accept", "application/json").toString(), "records are data classes")
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(404, """{"error": {"type": "resource_not_found", "message": "no such applicant"}}""") }))
        val missing = assertFailsWith<OnfidoException.NotFound>("404") { client.v2.applicants.retrieve("nope") }
        assertEquals("GET https://api.onfido.com/v2/applicants/nope (retrieve_applicant) was refused: 404 resource_not_found: no such applicant [1 attempt].", missing.toString(), "NotFound.toString")
        val refused = assertFailsWith<OnfidoException.Validation>("no names") { client.v2.applicants.create(V2ApplicantBuilder()) }
        assertTrue(refused.toString().contains("first_name"), "Validation.toString: $refused")
        assertEquals("timed out: no answer", TransportException.Timeout("no answer").toString(), "TransportException.toString")
        val lost = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = noRetries()), ScriptedTransport({ throw TransportException.Lost("reset") }))
        val failed = assertFailsWith<OnfidoException.Transport>("lost") { lost.v2.applicants.retrieve("a1") }
        assertEquals("GET https://api.onfido.com/v2/applicants/a1 (retrieve_applicant) lost its connection: reset [1 attempt].", failed.toString(), "Transport.toString")
    }

    @Test
    @DisplayName("report breakdowns as JSON text, every level kept; one too deep for the JSON reader is a Decode error, not a crash")
    fun typedBreakdowns(): Unit = runBlocking {
        fun nested(levels: Int): String =
            (0 until levels).fold("{}") { inner, level -> """{"level${levels - 1 - level}": {"result": "clear", "properties": {"n": $level}, "breakdown": $inner}}""" }
        fun report(levels: Int) = """{"id": "r1", "name": "document", "result": "consider", "breakdown": ${nested(levels)}}"""
        val client = onfidoClient(v2Config(), ScriptedTransport({ json(200, report(40)) }, { json(200, report(200)) }))
        val shallow = client.v2.reports.retrieve("c1", "r1")
        val top = (Json.parse(shallow.breakdown!!) as Map<*, *>)["level0"] as Map<*, *>
        assertEquals("clear", top["result"], "the top node")
        var node = top["breakdown"] as Map<*, *>
        var depth = 1
        while (node.isNotEmpty()) { node = (node.values.single() as Map<*, *>)["breakdown"] as Map<*, *>; depth++ }
        assertEquals(40, depth, "levels kept")
        val deep = assertFailsWith<OnfidoException.Decode>("200 levels") { client.v2.reports.retrieve("c1", "r1") }
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
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}"))
            val call = async(Dispatchers.Default) { client.v2.webhooks.list() }
            assertTrue(accepted.await(5, TimeUnit.SECONDS), "the request reached the server")
            delay(50)
            call.cancel()
            call.join()
            assertTrue(call.isCancelled, "the call is cancelled")
            assertTrue(closedByClient.await(5, TimeUnit.SECONDS), "the connection was closed")
        }
    }
}
