package onfido.core.test

import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** Every one of the 34 operations, over real HTTP and in process. */
class OperationsTest {
    @Test
    @DisplayName("every operation over HTTP with HttpURLConnectionTransport")
    fun everyOperationOverHttp(): Unit = runBlocking {
        SandboxServer().use { server ->
            val transport = RecordingTransport(HttpURLConnectionTransport())
            val client = onfidoClient(v2Config(baseUrl = server.url), transport)
            everyOperation(client) { applicantId -> uploadLiveVideo(HttpURLConnectionTransport(), server.url, applicantId) }
            val agents = transport.requests.mapNotNull { it.header("User-Agent") }.toSet()
            assertTrue(agents.size == 1 && agents.single().contains("(kotlin)"), "User-Agent $agents")
        }
    }

    @Test
    @DisplayName("every operation in process with SandboxTransport")
    fun everyOperationInProcess(): Unit = runBlocking {
        val sandbox = SandboxTransport()
        val client = onfidoClient(v2Config(), sandbox.transport())
        everyOperation(client) { applicantId ->
            val response = sandbox.handle(sandboxLiveVideoRequest("https://api.onfido.com", TOKEN, applicantId, "video.mp4", VIDEO))
            (Json.parse(response.body.toString(Charsets.UTF_8)) as Map<*, *>)["id"] as String
        }
    }
}
