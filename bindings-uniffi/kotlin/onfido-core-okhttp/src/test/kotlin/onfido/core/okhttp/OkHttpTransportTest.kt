package onfido.core.okhttp

import com.sun.net.httpserver.HttpServer
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import okhttp3.OkHttpClient
import onfido.core.*
import onfido.core.test.RecordingTransport
import onfido.core.test.SandboxServer
import onfido.core.test.TOKEN
import onfido.core.test.everyOperation
import onfido.core.test.uploadLiveVideo
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/** The OkHttp transport against the `onfido-sandbox` server, as the default transport is tested. */
class OkHttpTransportTest {
    @Test
    @DisplayName("every operation over HTTP with OkHttpTransport")
    fun everyOperationOverHttp(): Unit = runBlocking {
        SandboxServer().use { server ->
            val okhttp = OkHttpTransport()
            val transport = RecordingTransport(okhttp)
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url), transport)
            everyOperation(client) { applicantId -> uploadLiveVideo(okhttp, server.url, applicantId) }
            val agents = transport.requests.mapNotNull { it.header("User-Agent") }.toSet()
            assertTrue(agents.size == 1 && agents.single().contains("(kotlin)"), "User-Agent $agents")
        }
    }

    @Test
    @DisplayName("API errors are responses: 401, 404, 429 with Retry-After (rate limit 2)")
    fun apiErrors(): Unit = runBlocking {
        SandboxServer("--rate-limit", "2").use { server ->
            val transport = OkHttpTransport()
            val live = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = "live_secret_token_1", baseUrl = server.url), transport)
            val unauthorized = assertFailsWith<OnfidoException.Authentication>("a live token") { live.v2.webhooks.list() }
            assertEquals(401 to "authorization_error", unauthorized.status to unauthorized.errorType, "401")
            assertTrue(!unauthorized.toString().contains("live_secret_token_1"), "the token leaked into $unauthorized")
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url, retry = noRetries()), transport)
            val missing = assertFailsWith<OnfidoException.NotFound>("a missing check") { client.v2.checks.retrieve("a1", "nope") }
            assertEquals(404 to "resource_not_found", missing.status to missing.errorType, "404")
            client.v2.webhooks.list()
            val limited = assertFailsWith<OnfidoException.RateLimit>("the rate limit") { client.v2.webhooks.list() }
            assertEquals(429 to "rate_limit", limited.status to limited.errorType, "429")
            assertTrue((limited.retryAfterSeconds ?: 0L) > 0L, "Retry-After ${limited.retryAfterSeconds}")
        }
    }

    @Test
    @DisplayName("a closed port is a connect failure; a silent server is a timeout")
    fun transportFailures(): Unit = runBlocking {
        val port = ServerSocket(0).use { it.localPort }
        val refused = assertFailsWith<OnfidoException.Transport>("a closed port") {
            onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:$port", retry = noRetries()), OkHttpTransport()).v2.webhooks.list()
        }
        assertEquals(TransportFailure.CONNECT, refused.failure, "failure")
        assertTrue(!refused.reason.contains(TOKEN), "the token leaked into ${refused.reason}")
        ServerSocket(0).use { silent ->
            val impatient = OkHttpClient.Builder().readTimeout(200, TimeUnit.MILLISECONDS).build()
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}", retry = noRetries()), OkHttpTransport(impatient))
            val timeout = assertFailsWith<OnfidoException.Transport>("a server that never answers") { client.v2.webhooks.list() }
            assertEquals(TransportFailure.TIMEOUT, timeout.failure, "failure")
        }
    }

    @Test
    @DisplayName("retries absorb the sandbox's seeded faults")
    fun retriesOverFaults(): Unit = runBlocking {
        SandboxServer("--fail-rate", "0.3", "--seed", "7").use { server ->
            val impatient = OkHttpClient.Builder().readTimeout(1, TimeUnit.SECONDS).build()
            val settings = RetrySettings(maxAttempts = 6, initialDelayMs = 5L, maxDelayMs = 20L, maxRetryAfterMs = 1000L)
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url, retry = settings), OkHttpTransport(impatient))
            repeat(10) { assertEquals(2, client.v2.reportTypeGroups.list().reportTypeGroups!!.size, "report type groups") }
        }
    }

    @Test
    @DisplayName("redirects are answers, never followed")
    fun redirectsAreNotFollowed(): Unit = runBlocking {
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/") { exchange ->
            exchange.responseHeaders.add("Location", "http://127.0.0.1:1/elsewhere")
            exchange.sendResponseHeaders(302, -1)
            exchange.close()
        }
        server.start()
        try {
            val url = "http://127.0.0.1:${server.address.port}/v2/applicants/a1"
            val response = OkHttpTransport().send(HttpRequest("GET", url, listOf(HttpHeader("Authorization", "Token token=$TOKEN")), ByteArray(0)))
            assertEquals(302, response.status, "status")
            assertEquals("http://127.0.0.1:1/elsewhere", response.header("Location"), "Location")
        } finally {
            server.stop(0)
        }
    }

    @Test
    @DisplayName("cancelling the caller cancels the OkHttp call")
    fun cancellation(): Unit = runBlocking {
        ServerSocket(0).use { silent ->
            val accepted = java.util.concurrent.CountDownLatch(1)
            val closedByClient = java.util.concurrent.CountDownLatch(1)
            thread(isDaemon = true) {
                silent.accept().use { socket ->
                    accepted.countDown()
                    runCatching { socket.getInputStream().readAllBytes() }  // ends once the client closes the connection
                    closedByClient.countDown()
                }
            }
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = "http://127.0.0.1:${silent.localPort}"), OkHttpTransport())
            val call = async(Dispatchers.Default) { client.v2.webhooks.list() }
            assertTrue(accepted.await(5, TimeUnit.SECONDS), "the request reached the server")
            delay(50)
            call.cancel()
            call.join()
            assertTrue(call.isCancelled, "the call is cancelled")
            assertTrue(closedByClient.await(5, TimeUnit.SECONDS), "OkHttp closed the connection")
        }
    }
}
