package onfido.core.test

import java.util.Collections
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** No token in any description; token-less mode for apps. */
class SecretsTest {
    @Test
    @DisplayName("no token in toString, errors or requests' descriptions")
    fun noTokenInDescriptions(): Unit = runBlocking {
        val secret = "test_very_secret_value"
        val config = ClientConfig(apiVersion = ApiVersion.V2, apiToken = secret)
        assertTrue(!config.toString().contains("very_secret"), "ClientConfig.toString: $config")
        val request = buildRequest("retrieve_applicant", config, """{"applicant_id": "a1"}""")
        assertEquals("Token token=$secret", request.header("Authorization"), "the header itself")
        assertTrue(!request.toString().contains("very_secret"), "HttpRequest.toString: $request")
        val client = onfidoClient(config, ScriptedTransport({ json(401, """{"error": {"type": "authorization_error", "message": "bad token"}}""") }))
        val e = assertFailsWith<OnfidoException.Authentication>("401") { client.v2.webhooks.list() }
        assertTrue(!e.toString().contains("very_secret") && !e.message.orEmpty().contains("very_secret"), "error: $e")
    }

    @Test
    @DisplayName("token-less mode: no Authorization header, base URL required")
    fun tokenLessMode(): Unit = runBlocking {
        SandboxServer().use { server ->
            // The app talks to its backend; here a recording transport stands in for the proxy that adds the token.
            val seen = Collections.synchronizedList(ArrayList<HttpRequest>())
            val proxy = object : HttpTransport {
                val upstream = HttpURLConnectionTransport()
                override suspend fun send(request: HttpRequest): HttpResponse {
                    seen.add(request)
                    val upstreamUrl = server.url + request.url.removePrefix("https://backend.example/onfido")
                    return upstream.send(request.copy(url = upstreamUrl, headers = request.headers + HttpHeader("Authorization", "Token token=$TOKEN")))
                }
            }
            val app = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, baseUrl = "https://backend.example/onfido/v2"), proxy)
            val applicant = app.v2.applicants.create(V2ApplicantBuilder(firstName = "App", lastName = "User"))
            assertEquals("App", app.v2.applicants.retrieve(applicant.id!!).firstName, "through the proxy")
            assertTrue(seen.all { it.header("Authorization") == null }, "the app sent an Authorization header")
            assertTrue(seen.all { it.url.startsWith("https://backend.example/onfido/v2/") }, "urls ${seen.map { it.url }}")
            assertEquals(null, app.environment(), "environment without a token")
        }
    }
}
