package onfido.core.test

import java.util.Collections
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** Retries by the core's policy, waits through the Sleeper, cancellation. */
class RetriesTest {
    @Test
    @DisplayName("retries are on by default (the recommended policy), off with noRetries()")
    fun retriesOnByDefault(): Unit = runBlocking {
        val slept = Collections.synchronizedList(ArrayList<Long>())
        val sleeper = object : Sleeper {
            override suspend fun sleep(millis: Long) { slept.add(millis) }
        }
        val applicant = """{"id": "a1", "first_name": "R"}"""
        val twice = ScriptedTransport({ json(503, "{}") }, { json(200, applicant) })
        assertEquals("R", OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), twice, sleeper).v2.applicants.retrieve("a1").firstName, "after one retry")
        assertEquals(2, twice.calls.get(), "tries")
        // The recommended first backoff after a 5xx: 1 s with equal jitter, so between 0.5 s and 1 s.
        assertTrue(slept.size == 1 && slept[0] in 500L..1_000L, "slept $slept")
        assertEquals(defaultRetrySettings(), RetrySettings(maxAttempts = 4, initialDelayMs = 1_000L, maxDelayMs = 30_000L, maxRetryAfterMs = 30_000L), "defaults")

        // A 429 without Retry-After waits the getting-started guide's 30 s first (15 s to 30 s jittered).
        slept.clear()
        val limited = ScriptedTransport({ json(429, "{}") }, { json(200, applicant) })
        OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), limited, sleeper).v2.applicants.retrieve("a1")
        assertTrue(slept.size == 1 && slept[0] in 15_000L..30_000L, "slept $slept after a 429")

        val once = ScriptedTransport({ json(503, "{}") }, { json(200, applicant) })
        val down = assertFailsWith<OnfidoException.Server>("no retries") { OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = noRetries()), once, sleeper).v2.applicants.retrieve("a1") }
        assertEquals(503 to 1, down.status to once.calls.get(), "one try")

        val negative = assertFailsWith<OnfidoException.Config>("a negative delay") {
            OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = RetrySettings(3, -1L, 10L, 10L)), once, sleeper)
        }
        assertEquals("retry" to "initialDelayMs must not be negative (got -1)", negative.field to negative.reason, "negative settings")
    }

    @Test
    @DisplayName("retries follow the core's policy and wait through the Sleeper")
    fun retriesFollowThePolicy(): Unit = runBlocking {
        val slept = Collections.synchronizedList(ArrayList<Long>())
        val sleeper = object : Sleeper {
            override suspend fun sleep(millis: Long) { slept.add(millis) }
        }
        val fast = RetrySettings(maxAttempts = 3, initialDelayMs = 10L, maxDelayMs = 40L, maxRetryAfterMs = 5_000L)
        val applicant = """{"id": "a1", "first_name": "R"}"""
        // A connect failure, then a 429 with Retry-After: 1, then success.
        val flaky = ScriptedTransport({ throw TransportException.Connect("refused") }, { json(429, "{}", "Retry-After" to "1") }, { json(200, applicant) })
        val client = OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = fast), flaky, sleeper)
        assertEquals("R", client.v2.applicants.retrieve("a1").firstName, "after retries")
        assertEquals(3, flaky.calls.get(), "tries")
        assertTrue(slept.size == 2 && slept[0] in 5L..10L && slept[1] == 1000L, "slept $slept")
        // A 503 on a POST is not retried (it may have created the applicant)...
        val busy = ScriptedTransport({ json(503, "{}") }, { json(201, applicant) })
        assertFailsWith<OnfidoException.Server>("a 503 on create") { OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = fast), busy, sleeper).v2.applicants.create(V2ApplicantBuilder(firstName = "A", lastName = "B")) }
        assertEquals(1, busy.calls.get(), "tries for a POST")
        // ...but is on a GET, and the last answer is returned when the tries run out.
        val down = ScriptedTransport({ json(503, """{"error": {"type": "internal_server_error"}}""") })
        val last = assertFailsWith<OnfidoException.Server>("503s on a GET") { OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = fast), down, sleeper).v2.applicants.retrieve("a1") }
        assertEquals(3 to 503, down.calls.get() to last.status, "tries for a GET")
        // Without a Sleeper the wait is timed by a helper thread.
        val once = ScriptedTransport({ throw TransportException.Timeout("slow") }, { json(200, applicant) })
        val started = System.nanoTime()
        OnfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = fast), once, null).v2.applicants.retrieve("a1")
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 5, "no wait without a sleeper")
        // Over HTTP: the sandbox's seeded faults are absorbed by the retries (GETs only).
        SandboxServer("--fail-rate", "0.3", "--seed", "7").use { server ->
            val retrying = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url, retry = RetrySettings(6, 5L, 20L, 1000L)), HttpURLConnectionTransport(readTimeoutMillis = 1_000))
            repeat(10) { retrying.v2.reportTypeGroups.list() }
        }
    }

    @Test
    @DisplayName("cancelling the caller cancels the wait between retries")
    fun cancellingCancelsTheRetryWait(): Unit = runBlocking {
        val down = ScriptedTransport({ json(503, "{}") })
        val slow = RetrySettings(maxAttempts = 3, initialDelayMs = 60_000L, maxDelayMs = 60_000L, maxRetryAfterMs = 60_000L)
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, retry = slow), down)
        val call = async(Dispatchers.Default) { client.v2.applicants.retrieve("a1") }
        withTimeout(5_000) { while (down.calls.get() == 0) delay(5) }
        val started = System.nanoTime()
        call.cancel()
        call.join()
        assertTrue(call.isCancelled, "the call is cancelled")
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000, "the cancel waited for the 30-60 s backoff")
        assertEquals(1, down.calls.get(), "tries after the cancel")
    }

    @Test
    @DisplayName("cancelling the caller cancels the request in flight")
    fun cancellingCancelsTheRequestInFlight(): Unit = runBlocking {
        val sent = CompletableDeferred<Unit>()
        val cancelled = CompletableDeferred<Throwable>()
        val hanging = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse {
                sent.complete(Unit)
                try {
                    awaitCancellation()
                } catch (e: Throwable) {
                    cancelled.complete(e)
                    throw e
                }
            }
        }
        val call = async(Dispatchers.Default) { onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), hanging).v2.applicants.retrieve("a1") }
        withTimeout(5_000) { sent.await() }
        call.cancel()
        call.join()
        assertTrue(call.isCancelled, "the call is cancelled")
        val reason = withTimeout(5_000) { cancelled.await() }
        assertTrue(reason is kotlinx.coroutines.CancellationException, "the transport saw $reason")
    }
}
