package onfido.core.test

import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** Issue 14 point 10 in Kotlin: a listing whose `Link` keeps naming the same page ends, by the core's rule. */
class PaginationTest {
    @Test
    @DisplayName("a listing whose next page never advances stops with a Decode error after one repeat (Flow and OnfidoBlocking)")
    fun stuckPagination(): Unit = runBlocking {
        val calls = AtomicInteger()
        val stuck = object : HttpTransport {
            override suspend fun send(request: HttpRequest): HttpResponse {
                calls.incrementAndGet()
                return json(200, """{"applicants": []}""", "Link" to "<https://api.onfido.com/v2/applicants?page=2>; rel=\"next\"")
            }
        }
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), stuck)
        val flow = assertFailsWith<OnfidoException.Decode>("Flow") { client.v2.applicants.listAll().toList() }
        assertTrue("the listing would never end" in flow.message.orEmpty(), "${flow.message}")
        assertEquals(2, calls.get(), "requests (Flow)")
        calls.set(0)
        assertFailsWith<OnfidoException.Decode>("blocking") { OnfidoBlocking(client).v2.applicants.listAll() }
        assertEquals(2, calls.get(), "requests (OnfidoBlocking)")
        assertEquals(3, nextPageAfter(2, 3))
        assertEquals(null, nextPageAfter(2, null))
        assertFailsWith<OnfidoException.Decode>("backwards") { nextPageAfter(5, 1) }
    }
}
