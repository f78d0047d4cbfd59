package onfido.core.test

import kotlin.test.assertEquals
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import onfido.core.*

/**
 * The Kotlin half of the FFI round-trip figure (examples/ffi_roundtrip.rs is the Rust half): a
 * retrieve (build + transport + parse) from Kotlin against the in-process sandbox. Tagged `bench`,
 * so `mvn verify` leaves it out; scripts/bench.sh runs it with `-Dgroups=bench -Dtests.excluded=none`
 * (`-Dbench.iterations=N`, default 20 000).
 */
@Tag("bench")
class BenchTest {
    private val iterations = System.getProperty("bench.iterations")?.toInt() ?: 20_000

    /** Microseconds per call of `block`, after a warm-up of a tenth of the iterations. */
    private fun perCall(block: suspend () -> Unit): Double = runBlocking {
        repeat(iterations / 10) { block() }
        val started = System.nanoTime()
        repeat(iterations) { block() }
        (System.nanoTime() - started) / 1000.0 / iterations
    }

    /** Forwards to the in-process sandbox through a Kotlin transport: the foreign-trait round trip. */
    private class KotlinForwardingTransport(private val sandbox: SandboxTransport) : HttpTransport {
        override suspend fun send(request: HttpRequest): HttpResponse = sandbox.handle(request)
    }

    @Test
    @DisplayName("FFI round trip: retrieve_applicant against the in-process sandbox")
    fun ffiRoundTrip() {
        val sandbox = SandboxTransport()
        val config = ClientConfig(apiVersion = ApiVersion.V2, apiToken = "test_bench")
        val rustTransport = OnfidoClient(config, sandbox.transport(), null)
        val kotlinTransport = OnfidoClient(config, KotlinForwardingTransport(sandbox), null)
        val id = runBlocking { rustTransport.v2.applicants.create(V2ApplicantBuilder(firstName = "Jane", lastName = "Doe")).id!! }
        val viaRust = perCall { assertEquals(id, rustTransport.v2.applicants.retrieve(id).id) }
        println("kotlin OnfidoClient + SandboxTransport (Rust)     %8.2f µs/call".format(viaRust))
        val viaKotlin = perCall { assertEquals(id, kotlinTransport.v2.applicants.retrieve(id).id) }
        println("kotlin OnfidoClient + Kotlin transport (callback) %8.2f µs/call".format(viaKotlin))
    }
}
