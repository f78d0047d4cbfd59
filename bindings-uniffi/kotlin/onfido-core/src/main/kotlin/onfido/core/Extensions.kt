package onfido.core

import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking

/** Waits between retries with `delay`: a suspension, cancelled with its coroutine. */
object CoroutineSleeper : Sleeper {
    override suspend fun sleep(millis: ULong) = delay(millis.toLong())
}

/**
 * A client with the Kotlin defaults: the [HttpURLConnectionTransport] and the [CoroutineSleeper].
 *
 * ```
 * val onfido = onfidoClient(ClientConfig(apiToken = System.getenv("ONFIDO_API_TOKEN")))
 * val applicant = onfido.createApplicant(ApplicantInput(firstName = "Jane", lastName = "Doe"))
 * ```
 */
fun onfidoClient(
    config: ClientConfig,
    transport: HttpTransport = HttpURLConnectionTransport(),
    sleeper: Sleeper = CoroutineSleeper,
): OnfidoClient = OnfidoClient(config.copy(binding = config.binding ?: "kotlin"), transport, sleeper)

/** Every applicant, page after page, as a cold [Flow] (one request per page, on collection). */
fun OnfidoClient.applicants(perPage: UInt? = null, includeDeleted: Boolean? = null): Flow<Applicant> = flow {
    var page: UInt? = 1u
    while (page != null) {
        val result = listApplicants(page, perPage, includeDeleted)
        for (applicant in result.items) emit(applicant)
        page = result.page.nextPage?.takeIf { it > page!! }
    }
}

/** Every applicant as a blocking [Sequence] (for callers outside coroutines; each page blocks its thread). */
fun OnfidoClient.applicantsSequence(perPage: UInt? = null, includeDeleted: Boolean? = null): Sequence<Applicant> =
    sequence {
        var page: UInt? = 1u
        while (page != null) {
            val result = runBlocking { listApplicants(page, perPage, includeDeleted) }
            yieldAll(result.items)
            page = result.page.nextPage?.takeIf { it > page!! }
        }
    }

/** A file to upload, read from a path (its name is the path's last part unless given). */
fun fileInput(path: Path, filename: String = path.fileName.toString()): FileInput =
    FileInput(filename, Files.readAllBytes(path))

/** The error's kind as the shared vectors name it: `api`, `validation`, `decode`, `config`, `signature`, `transport`. */
val OnfidoException.kind: String
    get() = when (this) {
        is OnfidoException.Api -> "api"
        is OnfidoException.Validation -> "validation"
        is OnfidoException.Decode -> "decode"
        is OnfidoException.Config -> "config"
        is OnfidoException.Signature -> "signature"
        is OnfidoException.Transport -> "transport"
    }

/** The HTTP status as an `Int`, for API errors. */
val OnfidoException.Api.statusCode: Int get() = status.toInt()

/** The HTTP status as an `Int`. */
val HttpResponse.statusCode: Int get() = status.toInt()

/** The first value of a header, by case-insensitive name. */
fun HttpResponse.header(name: String): String? = headers.firstOrNull { it.name.equals(name, ignoreCase = true) }?.value

/** The first value of a header, by case-insensitive name. */
fun HttpRequest.header(name: String): String? = headers.firstOrNull { it.name.equals(name, ignoreCase = true) }?.value

/** Verifies a webhook notification from its raw body and the headers as received (`X-SHA2-Signature` preferred). */
fun verifyWebhook(body: ByteArray, headers: Map<String, String>, secret: String): WebhookNotification =
    verifyWebhook(body, headers.map { (name, value) -> HttpHeader(name, value) }, secret)
