@file:JvmName("Onfido")

package onfido.core

import java.io.File
import java.io.InputStream
import java.nio.file.Files
import java.nio.file.Path
import kotlin.time.Duration
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeoutOrNull

/** Waits between retries with `delay`: a suspension, cancelled with its coroutine. */
object CoroutineSleeper : Sleeper {
    override suspend fun sleep(millis: Long) = delay(millis)
}

/**
 * A client with the Kotlin defaults: the [HttpURLConnectionTransport] and the [CoroutineSleeper].
 * Retries are on unless `config.retry` says otherwise ([noRetries]); pacing under the rate limit
 * when `config.pace` is true.
 *
 * With a [timeout] (default: `config.timeoutMs`, else the core's 30 s), each try of a request (not
 * the waits between retries) that gets no answer in time is abandoned (the request cancelled) and
 * counted as a timeout, which the retry policy then handles. A [listener] hears every request,
 * response, wait and error ([callListener]).
 *
 * ```
 * val onfido = onfidoClient(ClientConfig(apiToken = System.getenv("ONFIDO_API_TOKEN")), timeout = 30.seconds)
 * val applicant = onfido.applicants.create(V3ApplicantBuilder(firstName = "Jane", lastName = "Doe"))
 * ```
 */
@JvmOverloads
fun onfidoClient(
    config: ClientConfig,
    transport: HttpTransport = HttpURLConnectionTransport(),
    sleeper: Sleeper = CoroutineSleeper,
    timeout: Duration? = null,
    listener: CallListener? = null,
): OnfidoClient {
    // A timeout given here wins over config.timeoutMs; 0 or less in the config is a Config error.
    val timeoutMs = timeout?.let { require(it.isPositive()) { "the timeout must be positive: $it" }; it.inWholeMilliseconds.coerceAtLeast(1) }
    val client = OnfidoClient(
        config.copy(binding = config.binding ?: "kotlin", timeoutMs = timeoutMs ?: config.timeoutMs),
        transport,
        sleeper,
    )
    if (listener != null) client.setListener(listener)
    return client
}

/** A [CallListener] from a function: `client.setListener(callListener { logger.info(it.toString()) })`. */
fun callListener(block: (CallEvent) -> Unit): CallListener = object : CallListener {
    override fun onEvent(event: CallEvent) = block(event)
}

/** Per-call settings: a timeout for each try and extra headers (`callOptions(timeout = 5.seconds, "X-Trace" to id)`). */
fun callOptions(timeout: Duration? = null, vararg headers: Pair<String, String>): CallOptions =
    CallOptions(timeout?.inWholeMilliseconds, headers.map { HttpHeader(it.first, it.second) })

/**
 * This transport with a deadline on each request: an answer later than [timeout] is abandoned (the
 * request is cancelled) and a [TransportException.Timeout] thrown instead.
 */
fun HttpTransport.withTimeout(timeout: Duration): HttpTransport {
    require(timeout.isPositive()) { "the timeout must be positive: $timeout" }
    val inner = this
    return object : HttpTransport {
        override suspend fun send(request: HttpRequest): HttpResponse =
            withTimeoutOrNull(timeout) { inner.send(request) }
                ?: throw TransportException.Timeout("no answer in $timeout: ${request.method} ${request.url}")
    }
}

/** A file to upload, read from a path (its name is the path's last part unless given). */
fun fileInput(path: Path, filename: String = path.fileName.toString()): FileInput =
    FileInput(filename, Files.readAllBytes(path))

/** A file to upload, read from a file (its name is the file's unless given). */
fun fileInput(file: File, filename: String = file.name): FileInput = FileInput(filename, file.readBytes())

/**
 * A file to upload, read to its end from a stream (left open). Without a name it is sent as
 * `upload.png`, `.jpg` or `.pdf` after its bytes.
 */
fun fileInput(stream: InputStream, filename: String? = null): FileInput = FileInput(filename, stream.readBytes())

/** A file to upload from its bytes. Without a name it is sent as `upload.png`, `.jpg` or `.pdf` after its bytes. */
fun fileInput(content: ByteArray, filename: String? = null): FileInput = FileInput(filename, content)

/** The result derived from the expanded reports (`clear`, `consider`; `null` with report ids only or while any is unknown). */
val V2Check.derivedResult: String?
    get() = v2CheckDerivedResult(this)

/** Whether the check reached a state it will not leave by itself. */
val V2Check.isFinished: Boolean
    get() = v2CheckIsFinished(this)

/** Every report's id, in order (whether `reports` holds ids or expanded reports). */
val V2Check.reportIds: List<String>
    get() = v2CheckReportIds(this)

/** The reports, when expanded (create answers, `expand = "reports"`); empty with ids only. */
val V2Check.expandedReports: List<V2Report>
    get() = v2CheckReports(this)

/** The breakdowns a reviewer must look at, deepest first. */
val V2Report.findings: List<Finding>
    get() = v2ReportFindings(this)

/** Whether the report reached a state it will not leave. */
val V2Report.isFinished: Boolean
    get() = v2ReportIsFinished(this)

/** What a document report's sub-result means, in the reference's words. */
val V2Report.subResultMeaning: String?
    get() = v2ReportSubResultMeaning(this)

/** The token's claims (expiry, issue time), read without checking its signature; `null` without a token. */
val V2SdkToken.claims: SdkTokenClaims?
    get() = token?.let { sdkTokenClaims(it) }

/** The MRZ lines 1 to 3 that were read, in order. */
val V2OcrResult.mrzLines: List<String>
    get() = v2OcrMrzLines(this)

/** The error's kind as the shared vectors name it: `api`, `validation`, `decode`, `config`, `signature`, `transport`. */
val OnfidoException.kind: String
    get() = when (this) {
        is OnfidoException.Validation -> "validation"
        is OnfidoException.Decode -> "decode"
        is OnfidoException.Config -> "config"
        is OnfidoException.Signature -> "signature"
        is OnfidoException.Transport -> "transport"
        else -> "api"
    }

/** The error's class name, the same in every runtime: `NotFoundError`, `RateLimitError`, `TransportError`, ... */
val OnfidoException.errorName: String
    get() = when (this) {
        is OnfidoException.Authentication -> "AuthenticationError"
        is OnfidoException.Permission -> "PermissionError"
        is OnfidoException.NotFound -> "NotFoundError"
        is OnfidoException.Gone -> "GoneError"
        is OnfidoException.Unprocessable -> "UnprocessableError"
        is OnfidoException.RateLimit -> "RateLimitError"
        is OnfidoException.Server -> "ServerError"
        is OnfidoException.Api -> "ApiError"
        is OnfidoException.Validation -> "ValidationError"
        is OnfidoException.Decode -> "DecodeError"
        is OnfidoException.Config -> "ConfigError"
        is OnfidoException.Signature -> "SignatureError"
        is OnfidoException.Transport -> "TransportError"
    }

/** What every error of a refused request carries, whichever its class: `null` for the other kinds. */
class ApiErrorFields(
    val status: Int, val errorType: String, val apiMessage: String, val fields: Map<String, List<String>>,
    val errorId: String?, val requestId: String?, val retryAfterSeconds: Long?,
    val operation: String?, val method: String?, val url: String?, val attempts: Int,
)

/** The fields of an API error (any status), or `null` for validation, config, decode, signature and transport errors. */
val OnfidoException.api: ApiErrorFields?
    get() = when (this) {
        is OnfidoException.Authentication -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        is OnfidoException.Permission -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        is OnfidoException.NotFound -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        is OnfidoException.Gone -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        is OnfidoException.Unprocessable -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        is OnfidoException.RateLimit -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        is OnfidoException.Server -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        is OnfidoException.Api -> ApiErrorFields(status, errorType, apiMessage, fields, errorId, requestId, retryAfterSeconds, operation, method, url, attempts)
        else -> null
    }

/** The first value of a header, by case-insensitive name. */
fun HttpResponse.header(name: String): String? = headers.firstOrNull { it.name.equals(name, ignoreCase = true) }?.value

/** The first value of a header, by case-insensitive name. */
fun HttpRequest.header(name: String): String? = headers.firstOrNull { it.name.equals(name, ignoreCase = true) }?.value

/** Verifies a webhook notification from its raw body and the headers as received (`X-SHA2-Signature` preferred). */
fun verifyWebhook(body: ByteArray, headers: Map<String, String>, secret: String): WebhookNotification =
    verifyWebhook(body, headers.map { (name, value) -> HttpHeader(name, value) }, secret)
