package onfido.core.test

import java.net.ServerSocket
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** Each kind of error: validation, config, API, decode, transport. */
class ErrorsTest {
    @Test
    @DisplayName("validation errors are raised before anything is sent")
    fun validationErrorsBeforeSending(): Unit = runBlocking {
        val transport = RecordingTransport(SandboxTransport().transport())
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), transport)
        val e = assertFailsWith<OnfidoException.Validation>("a blank applicant") { client.v2.applicants.create(V2ApplicantBuilder(firstName = "", country = "XX", extraJson = """{"dob": "1990-13-45"}""")) }
        assertTrue(listOf("first_name", "last_name", "dob", "country").all { it in e.fields }, "fields ${e.fields}")
        assertFailsWith<OnfidoException.Validation>("a future date of birth") { client.v2.applicants.create(V2ApplicantBuilder(firstName = "A", lastName = "B", dob = java.time.LocalDate.of(2999, 1, 1))) }
        val upload = assertFailsWith<OnfidoException.Validation>("a tiny upload") { client.v2.documents.upload("a1", V2DocumentUploader(file = FileInput("x.png", ByteArray(10)), type = "passport")) }
        assertTrue("file" in upload.fields, "upload fields ${upload.fields}")
        assertFailsWith<OnfidoException.Validation>("an empty path id") { client.v2.applicants.retrieve("") }
        assertFailsWith<OnfidoException.Validation>("bad extra JSON") { client.v2.applicants.create(V2ApplicantBuilder(firstName = "A", lastName = "B", extraJson = "[1]")) }
        assertFailsWith<OnfidoException.Validation>("an unknown operation id") { client.request("fly_to_moon", "{}") }
        assertEquals(0, transport.requests.size, "requests sent")
    }

    @Test
    @DisplayName("config errors")
    fun configErrors(): Unit = runBlocking {
        val sandbox = SandboxTransport().transport()
        val region = assertFailsWith<OnfidoException.Config>("a US token in the EU") { OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = "us_test_x", region = Region.EU), sandbox, null) }
        assertEquals("region", region.field, "field")
        assertEquals("base_url", assertFailsWith<OnfidoException.Config>("plain http") { onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://example.com")) }.field, "field")
        assertEquals("base_url", assertFailsWith<OnfidoException.Config>("token-less without a base URL") { onfidoClient(ClientConfig()) }.field, "field")
        assertEquals("api_token", assertFailsWith<OnfidoException.Config>("a token with a space") { onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = "test_a b")) }.field, "field")
        assertEquals("region", assertFailsWith<OnfidoException.Config>("an unknown region") { parseRegion("mars") }.field, "field")
        assertEquals("https://api.us.onfido.com/v2/", resolveBaseUrl(ClientConfig(apiVersion = ApiVersion.V2, apiToken = "us_test_x")), "US base URL")
    }

    @Test
    @DisplayName("API errors over HTTP: 401, 404, 422 with fields, 429 with Retry-After (rate limit 4)")
    fun apiErrorsOverHttp(): Unit = runBlocking {
        SandboxServer("--rate-limit", "4").use { server ->
            val live = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = "live_secret_token_1", baseUrl = server.url))
            val unauthorized = assertFailsWith<OnfidoException.Authentication>("a live token") { live.v2.webhooks.list() }
            assertEquals(401 to "authorization_error", unauthorized.status to unauthorized.errorType, "401")
            assertTrue(!unauthorized.toString().contains("live_secret_token_1") && !unauthorized.message.orEmpty().contains("live_secret_token_1"), "the token leaked into $unauthorized")
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url, retry = noRetries()))
            val missing = assertFailsWith<OnfidoException.NotFound>("a missing check") { client.v2.checks.retrieve("a1", "nope") }
            assertEquals(404 to "resource_not_found", missing.status to missing.errorType, "404")
            assertTrue(missing.errorId != null, "error id")
            val bare = client.v2.applicants.create(V2ApplicantBuilder(firstName = "No", lastName = "Address"))
            val invalid = assertFailsWith<OnfidoException.Unprocessable>("a server-side 422") {
                client.v2.checks.create(bare.id!!, V2CheckBuilder(type = "express", reports = listOf(V2ReportRequest(name = "identity", variant = "kyc"))))
            }
            assertEquals(422 to "failed_check_requirements", invalid.status to invalid.errorType, "422")
            assertTrue("dob" in invalid.fields && invalid.fields.keys.any { it.startsWith("addresses") }, "422 fields ${invalid.fields}")
            val noDocuments = assertFailsWith<OnfidoException.Unprocessable>("a document report without documents") {
                client.v2.checks.create(bare.id!!, V2CheckBuilder(type = "express", reports = listOf(V2ReportRequest(name = "document"))))
            }
            assertEquals("missing_documents", noDocuments.errorType, "422 type")
            val limited = assertFailsWith<OnfidoException.RateLimit>("the rate limit") { client.v2.webhooks.list() }
            assertEquals(429 to "rate_limit", limited.status to limited.errorType, "429")
            assertTrue(limited.retryAfterSeconds != null && limited.retryAfterSeconds > 0L, "Retry-After ${limited.retryAfterSeconds}")
        }
    }

    @Test
    @DisplayName("decode errors keep the status and an excerpt")
    fun decodeErrors(): Unit = runBlocking {
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(200, "<html>oops</html>") }))
        val e = assertFailsWith<OnfidoException.Decode>("an HTML answer") { client.v2.applicants.retrieve("a1") }
        assertEquals(200, e.status.toInt(), "status")
        assertTrue(e.excerpt.contains("oops"), "excerpt ${e.excerpt}")
        val missingId = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(200, """{"first_name": "x"}""") }))
        assertFailsWith<OnfidoException.Decode>("no id") { missingId.v2.applicants.retrieve("a1") }
    }

    @Test
    @DisplayName("a transport that throws becomes OnfidoException.Transport, never a crash")
    fun throwingTransport(): Unit = runBlocking {
        val throwing = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = throw IllegalStateException("boom from Kotlin")
        }
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = defaultRetrySettings()), throwing)
        val e = assertFailsWith<OnfidoException.Transport>("a RuntimeException") { client.v2.applicants.retrieve("a1") }
        assertEquals(TransportFailure.OTHER, e.failure, "failure")
        assertTrue(e.reason.contains("boom from Kotlin"), "reason ${e.reason}")
        val ioThrowing = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse = throw java.io.IOException("disk on fire")
        }
        val io = assertFailsWith<OnfidoException.Transport>("an IOException") { onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ioThrowing).v2.webhooks.list() }
        assertTrue(io.reason.contains("disk on fire"), "reason ${io.reason}")
        // The real transport against a closed port: a connect failure.
        val port = ServerSocket(0).use { it.localPort }
        val refused = assertFailsWith<OnfidoException.Transport>("a closed port") { onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:$port", retry = noRetries())).v2.webhooks.list() }
        assertEquals(TransportFailure.CONNECT, refused.failure, "failure")
        assertTrue(!refused.reason.contains(TOKEN), "the token leaked into ${refused.reason}")
    }

    @Test
    @DisplayName("numbers that cannot be right are refused: a negative page, a status out of range")
    fun checkedNumbers(): Unit = runBlocking {
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), SandboxTransport().transport())
        val page = assertFailsWith<OnfidoException.Validation>("a negative page") { client.v2.applicants.list(page = -1) }
        assertTrue("page" in page.fields, "fields ${page.fields}")
        val perPage = assertFailsWith<OnfidoException.Validation>("a negative page size") { client.v2.applicants.list(perPage = -5) }
        assertTrue("per_page" in perPage.fields, "fields ${perPage.fields}")
        val odd = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(-1, "{}") }))
        val status = assertFailsWith<OnfidoException.Transport>("status -1") { odd.v2.applicants.retrieve("a1") }
        assertEquals(TransportFailure.OTHER to "the transport answered status -1", status.failure to status.reason, "refused status")
    }
}
