package onfido.core.test

import java.util.Collections
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** The core's call driver under the client: events, retries, pacing, redirects, per-call options, one error model. */
class DriverTest {
    /** Records every event a client reports. */
    class Events : CallListener {
        val seen: MutableList<CallEvent> = Collections.synchronizedList(ArrayList())
        override fun onEvent(event: CallEvent) { seen.add(event) }
        fun <T : CallEvent> of(type: Class<T>): List<T> = seen.filterIsInstance(type)
    }

    /** Records the waits instead of sleeping them. */
    class Waits : Sleeper {
        val slept: MutableList<Long> = Collections.synchronizedList(ArrayList())
        override suspend fun sleep(millis: Long) { slept.add(millis) }
    }

    private val applicant = """{"id": "a1", "first_name": "R"}"""

    @Test
    @DisplayName("the listener hears requests, responses, retry waits and errors; Authorization is never shown")
    fun listenerEvents(): Unit = runBlocking {
        val events = Events()
        val flaky = ScriptedTransport({ json(503, "{}", "X-Request-Id" to "req-1") }, { json(200, applicant, "X-Request-Id" to "req-2") })
        val fast = RetrySettings(maxAttempts = 3, initialDelayMs = 10L, maxDelayMs = 40L, maxRetryAfterMs = 5_000L)
        val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = "test_listener_secret", retry = fast), flaky, Waits())
        client.setListener(events)
        assertEquals("R", client.v2.applicants.retrieve("a1").firstName, "after one retry")
        val sent = events.of(CallEvent.RequestSent::class.java)
        assertEquals(listOf(1, 2), sent.map { it.attempt }, "tries")
        assertTrue(sent.all { it.operation == "retrieve_applicant" && it.method == "GET" && it.url == "https://api.onfido.com/v2/applicants/a1" && it.purpose == "call" }, "sent $sent")
        assertEquals("***", sent[0].headers.first { it.name.equals("Authorization", ignoreCase = true) }.value, "Authorization redacted")
        val answers = events.of(CallEvent.ResponseReceived::class.java)
        assertEquals(listOf(503 to "req-1", 200 to "req-2"), answers.map { it.status to it.requestId }, "responses")
        val waits = events.of(CallEvent.Waiting::class.java)
        assertTrue(waits.size == 1 && waits[0].reason == "retry" && waits[0].ms in 5L..10L, "waits $waits")
        assertTrue(events.seen.none { it.toString().contains("test_listener_secret") }, "the token leaked into ${events.seen}")
        assertTrue(sent[0].toString().startsWith("retrieve_applicant: sending GET https://api.onfido.com/v2/applicants/a1 (call, try 1"), "line ${sent[0]}")

        // An error ends with a Failed event naming the class; a throwing listener changes nothing.
        events.seen.clear()
        val throwing = callListener { throw IllegalStateException("listener bug") }
        val missing = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = noRetries()), ScriptedTransport({ json(404, "{}") }), Waits())
        missing.setListener(events)
        assertFailsWith<OnfidoException.NotFound>("404") { missing.v2.applicants.retrieve("a1") }
        val failed = events.of(CallEvent.Failed::class.java).single()
        assertEquals("retrieve_applicant" to "NotFoundError", failed.operation to failed.name, "failed event")
        missing.setListener(throwing)
        assertFailsWith<OnfidoException.NotFound>("404 with a throwing listener") { missing.v2.applicants.retrieve("a1") }
        missing.setListener(null)

        // Over real HTTP, the sandbox's seeded faults are retried and heard.
        SandboxServer("--fail-rate", "0.3", "--seed", "7").use { server ->
            val heard = Events()
            val retrying = onfidoClient(
                ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url, retry = RetrySettings(6, 5L, 20L, 1000L)),
                HttpURLConnectionTransport(readTimeoutMillis = 1_000), listener = heard,
            )
            repeat(10) { retrying.v2.reportTypeGroups.list() }
            val tries = heard.of(CallEvent.RequestSent::class.java)
            val retried = heard.of(CallEvent.Waiting::class.java).filter { it.reason == "retry" }
            assertTrue(tries.size > 10 && retried.size == tries.size - 10, "tries ${tries.size}, retry waits ${retried.size}")
        }
    }

    @Test
    @DisplayName("pacing: a sandbox token's burst of 15, then waits under 30 a minute, heard as pacing waits")
    fun pacing(): Unit = runBlocking {
        val events = Events()
        val waits = Waits()
        val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, pace = true), ScriptedTransport({ json(200, applicant) }), waits)
        client.setListener(events)
        repeat(17) { client.v2.applicants.retrieve("a1") }
        val paced = events.of(CallEvent.Waiting::class.java).filter { it.reason == "pacing" }
        // The recording sleeper does not sleep, so the second wait includes the first: 4 s apart.
        assertTrue(paced.size == 2 && paced[0].ms in 3_000L..4_000L && paced[1].ms - paced[0].ms in 3_900L..4_100L, "pacing waits $paced")
        // Off by default.
        val unpaced = Events()
        val plain = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(200, applicant) }), Waits())
        plain.setListener(unpaced)
        repeat(17) { plain.v2.applicants.retrieve("a1") }
        assertTrue(unpaced.of(CallEvent.Waiting::class.java).isEmpty(), "waits without pacing")
    }

    @Test
    @DisplayName("redirects of downloads are followed without Authorization to another host")
    fun redirects(): Unit = runBlocking {
        val events = Events()
        val png = byteArrayOf(0x89.toByte(), 0x50, 0x4e, 0x47) + ByteArray(64)
        val storage = ScriptedTransport(
            { HttpResponse(302, listOf(HttpHeader("Location", "https://files.example/doc.png")), ByteArray(0)) },
            { HttpResponse(200, listOf(HttpHeader("Content-Type", "image/png")), png) },
        )
        val recording = RecordingTransport(storage)
        val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), recording, Waits())
        client.setListener(events)
        val download = client.v2.documents.download("a1", "d1")
        assertTrue(download.content.contentEquals(png), "the redirected bytes")
        assertEquals(2, recording.requests.size, "requests")
        assertTrue(recording.requests[0].header("Authorization") != null, "the API request is authorized")
        assertEquals("https://files.example/doc.png", recording.requests[1].url, "redirect URL")
        assertNull(recording.requests[1].header("Authorization"), "Authorization sent to another host")
        assertEquals(listOf("call", "redirect"), events.of(CallEvent.RequestSent::class.java).map { it.purpose }, "purposes")
    }

    @Test
    @DisplayName("one error model: a class per status, the same fields on each, sentences")
    fun errorNamesAndFields(): Unit = runBlocking {
        val cases = listOf(
            401 to "AuthenticationError", 403 to "PermissionError", 404 to "NotFoundError", 410 to "GoneError",
            422 to "UnprocessableError", 429 to "RateLimitError", 500 to "ServerError", 503 to "ServerError", 418 to "ApiError",
        )
        for ((status, name) in cases) {
            val body = """{"error": {"type": "some_type", "message": "Said no.", "id": "err-$status", "fields": {"first_name": ["is bad"]}}}"""
            val transport = ScriptedTransport({ json(status, body, "X-Request-Id" to "req-$status", "Retry-After" to "7") })
            val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = noRetries()), transport, Waits())
            val e = assertFailsWith<OnfidoException>("status $status") { client.v2.applicants.retrieve("a1") }
            assertEquals(name, e.errorName, "name for $status")
            assertEquals("api", e.kind, "kind for $status")
            val api = e.api!!
            assertEquals(listOf<Any?>(status, "some_type", "Said no.", mapOf("first_name" to listOf("is bad")), "err-$status", "req-$status", 7L),
                listOf(api.status, api.errorType, api.apiMessage, api.fields, api.errorId, api.requestId, api.retryAfterSeconds), "fields for $status")
            assertEquals(listOf<Any?>("retrieve_applicant", "GET", "https://api.onfido.com/v2/applicants/a1", 1),
                listOf(api.operation, api.method, api.url, api.attempts), "call for $status")
            assertEquals("GET https://api.onfido.com/v2/applicants/a1 (retrieve_applicant) was refused: $status some_type: Said no (first_name: is bad) [1 attempt; request id req-$status].",
                e.toString(), "sentence for $status")
        }
        val specific = listOf(
            OnfidoException.Authentication::class, OnfidoException.Permission::class, OnfidoException.NotFound::class, OnfidoException.Gone::class,
            OnfidoException.Unprocessable::class, OnfidoException.RateLimit::class, OnfidoException.Server::class, OnfidoException.Server::class, OnfidoException.Api::class,
        )
        for ((i, status) in cases.map { it.first }.withIndex()) {
            val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = noRetries()), ScriptedTransport({ json(status, "{}") }), Waits())
            val e = assertFailsWith<OnfidoException>("status $status") { client.v2.applicants.retrieve("a1") }
            assertTrue(specific[i].isInstance(e), "$status is ${e::class.simpleName}")
        }
        // Other kinds keep their own names.
        val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = noRetries()), ScriptedTransport({ throw TransportException.Connect("refused") }), Waits())
        val connect = assertFailsWith<OnfidoException.Transport>("connect") { client.v2.applicants.retrieve("a1") }
        assertEquals(listOf<Any?>("TransportError", TransportFailure.CONNECT, "retrieve_applicant", "GET", 1), listOf(connect.errorName, connect.failure, connect.operation, connect.method, connect.attempts), "transport")
        assertEquals("GET https://api.onfido.com/v2/applicants/a1 (retrieve_applicant) could not connect: refused [1 attempt].", connect.toString(), "transport sentence")
        val invalid = assertFailsWith<OnfidoException.Validation>("validation") { client.v2.applicants.create(V2ApplicantBuilder()) }
        assertEquals("ValidationError" to null, invalid.errorName to invalid.api, "validation")
        assertEquals("ConfigError", assertFailsWith<OnfidoException.Config>("config") { onfidoClient(ClientConfig()) }.errorName, "config")
        val decode = assertFailsWith<OnfidoException.Decode>("decode") { OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(200, "<html>") }), Waits()).v2.applicants.retrieve("a1") }
        assertEquals("DecodeError", decode.errorName, "decode")
        assertEquals("SignatureError", assertFailsWith<OnfidoException.Signature>("signature") { verifyWebhook(ByteArray(3), mapOf("X-SHA2-Signature" to "00"), "secret") }.errorName, "signature")
        // Over HTTP, the sandbox's X-Request-Id comes through.
        SandboxServer().use { server ->
            val http = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url, retry = noRetries()))
            val gone = assertFailsWith<OnfidoException.NotFound>("404 over HTTP") { http.v2.checks.retrieve("a1", "nope") }
            assertTrue(gone.url!!.startsWith(server.url) && gone.attempts == 1 && gone.operation == "retrieve_check", "call fields $gone")
        }
    }

    @Test
    @DisplayName("per-call options: headers on the API request, a timeout per try; appName in the User-Agent")
    fun callOptionsAndAppName(): Unit = runBlocking {
        val recording = RecordingTransport(ScriptedTransport({ json(200, applicant) }))
        val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, appName = "my-app/1.0"), recording, Waits())
        client.v2.applicants.retrieve("a1", callOptions(headers = arrayOf("X-Trace" to "t-1")))
        val request = recording.requests.single()
        assertEquals("t-1", request.header("X-Trace"), "the call's header")
        assertTrue(request.header("User-Agent")!!.endsWith("my-app/1.0"), "User-Agent ${request.header("User-Agent")}")
        val refused = assertFailsWith<OnfidoException.Validation>("Authorization per call") { client.v2.applicants.retrieve("a1", CallOptions(headers = listOf(HttpHeader("Authorization", "x")))) }
        assertTrue("headers.Authorization" in refused.fields, "fields ${refused.fields}")
        assertEquals(1, recording.requests.size, "nothing sent for a refused option")
        assertFailsWith<OnfidoException.Validation>("a zero timeout") { client.v2.applicants.retrieve("a1", CallOptions(timeoutMs = 0L)) }

        // A silent transport: the call's own timeout ends each try, the retry policy tries again for a GET.
        val silent = object : HttpTransport {
            val calls = java.util.concurrent.atomic.AtomicInteger()
            override suspend fun send(request: HttpRequest): HttpResponse { calls.incrementAndGet(); delay(60_000); error("unreachable") }
        }
        val fast = RetrySettings(maxAttempts = 2, initialDelayMs = 5L, maxDelayMs = 5L, maxRetryAfterMs = 5_000L)
        val slow = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = fast), silent)
        val started = System.nanoTime()
        val late = assertFailsWith<OnfidoException.Transport>("timeouts") { slow.v2.applicants.retrieve("a1", callOptions(timeout = 150.milliseconds)) }
        val took = (System.nanoTime() - started) / 1_000_000
        assertEquals(TransportFailure.TIMEOUT to 2, late.failure to late.attempts, "two tries timed out")
        assertEquals(150L, late.timeoutMs, "the try's timeout")
        assertTrue(took < 5_000 && late.toString().contains("timed out after 150 ms"), "took $took ms: $late")
        assertEquals(2, silent.calls.get(), "tries")
    }

    @Test
    @DisplayName("operations by id in v3.6, page after page through the core's next input (in process)")
    fun v36ByIdWithPages(): Unit = runBlocking {
        val client = onfidoClient(ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V36), SandboxTransport().transport())
        val ids = (1..3).map { n ->
            (Json.parse(client.request("create_applicant", """{"first_name": "P$n", "last_name": "Doe"}""")) as Map<*, *>)["id"] as String
        }
        var input: String? = """{"per_page": 2}"""
        val seen = ArrayList<String>()
        var pages = 0
        while (input != null) {
            val page = client.requestPage("list_applicants", input)
            pages++
            @Suppress("UNCHECKED_CAST")
            val items = (Json.parse(page.json) as Map<*, *>)["applicants"] as List<Map<*, *>>
            seen += items.map { it["id"] as String }
            input = page.nextInputJson
        }
        assertEquals(2, pages, "pages")
        assertEquals(ids.toSet(), seen.toSet(), "every applicant once")
    }
}
