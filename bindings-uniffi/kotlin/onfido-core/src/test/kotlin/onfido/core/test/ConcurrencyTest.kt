package onfido.core.test

import kotlin.test.assertEquals
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** One client shared by concurrent coroutines. */
class ConcurrencyTest {
    @Test
    @DisplayName("concurrent calls share one client")
    fun concurrentCallsShareOneClient(): Unit = runBlocking {
        SandboxServer().use { server ->
            val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN, baseUrl = server.url))
            val ids = coroutineScope {
                (1..16).map { n -> async(Dispatchers.Default) { client.v2.applicants.create(V2ApplicantBuilder(firstName = "N$n", lastName = "Parallel")).id } }.awaitAll()
            }
            assertEquals(16, ids.toSet().size, "distinct applicants")
            assertEquals(16, client.v2.applicants.list(perPage = 100).value.applicants!!.size, "all listed")
        }
    }
}
