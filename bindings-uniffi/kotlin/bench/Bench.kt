package onfido.core.bench

import kotlinx.coroutines.runBlocking
import onfido.core.*

/** Microseconds per call of `block`, after a warm-up of a tenth of the iterations. */
fun perCall(iterations: Int, block: suspend () -> Unit): Double = runBlocking {
    repeat(iterations / 10) { block() }
    val started = System.nanoTime()
    repeat(iterations) { block() }
    (System.nanoTime() - started) / 1000.0 / iterations
}

/** Forwards to the in-process sandbox through a Kotlin transport: the foreign-trait round trip. */
class KotlinForwardingTransport(private val sandbox: SandboxTransport) : HttpTransport {
    override suspend fun send(request: HttpRequest): HttpResponse = sandbox.handle(request)
}

/** The FFI round trip of a retrieve (build + transport + parse) from Kotlin against the in-process sandbox. */
fun main(args: Array<String>) {
    val iterations = args.firstOrNull()?.toInt() ?: 20_000
    val sandbox = SandboxTransport()
    val config = ClientConfig(apiToken = "test_bench")
    val rustTransport = OnfidoClient(config, sandbox.transport(), null)
    val kotlinTransport = OnfidoClient(config, KotlinForwardingTransport(sandbox), null)
    val id = runBlocking { rustTransport.createApplicant(ApplicantInput(firstName = "Jane", lastName = "Doe")).id }
    val viaRust = perCall(iterations) { check(rustTransport.retrieveApplicant(id).id == id) }
    println("kotlin OnfidoClient + SandboxTransport (Rust)     %8.2f µs/call".format(viaRust))
    val viaKotlin = perCall(iterations) { check(kotlinTransport.retrieveApplicant(id).id == id) }
    println("kotlin OnfidoClient + Kotlin transport (callback) %8.2f µs/call".format(viaKotlin))
}
