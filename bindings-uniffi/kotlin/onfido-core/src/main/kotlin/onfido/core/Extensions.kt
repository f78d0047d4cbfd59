@file:JvmName("Onfido")

package onfido.core

import java.io.File
import java.io.InputStream
import java.nio.file.Files
import java.nio.file.Path
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
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
 * val applicant = onfido.createApplicant(ApplicantInput(firstName = "Jane", lastName = "Doe"))
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

/** Every applicant, page after page, as a cold [Flow] (one request per page, on collection). */
fun OnfidoClient.applicants(perPage: Int? = null, includeDeleted: Boolean? = null): Flow<Applicant> = flow {
    var page: Int? = 1
    while (page != null) {
        val result = listApplicants(page, perPage, includeDeleted)
        for (applicant in result.items) emit(applicant)
        page = nextPageAfter(page!!, result.page.nextPage)
    }
}

/** An applicant's documents as a cold [Flow] (one request, on collection). */
fun OnfidoClient.documents(applicantId: String): Flow<Document> = flow { emitAll(listDocuments(applicantId).asFlow()) }

/** An applicant's live photos as a cold [Flow] (one request, on collection). */
fun OnfidoClient.livePhotos(applicantId: String): Flow<LivePhoto> = flow { emitAll(listLivePhotos(applicantId).asFlow()) }

/** An applicant's live videos as a cold [Flow] (one request, on collection). */
fun OnfidoClient.liveVideos(applicantId: String): Flow<LiveVideo> = flow { emitAll(listLiveVideos(applicantId).asFlow()) }

/** An applicant's checks as a cold [Flow] (one request, on collection); [expandReports] fills `Check.reports`. */
fun OnfidoClient.checks(applicantId: String, expandReports: Boolean = false): Flow<Check> =
    flow { emitAll(listChecks(applicantId, expandReports).asFlow()) }

/** A check's reports as a cold [Flow] (one request, on collection). */
fun OnfidoClient.reports(checkId: String): Flow<Report> = flow { emitAll(listReports(checkId).asFlow()) }

/** The account's webhooks as a cold [Flow] (one request, on collection). */
fun OnfidoClient.webhooks(): Flow<Webhook> = flow { emitAll(listWebhooks().asFlow()) }

/** The account's report type groups as a cold [Flow] (one request, on collection). */
fun OnfidoClient.reportTypeGroups(): Flow<ReportTypeGroup> = flow { emitAll(listReportTypeGroups().asFlow()) }

/** The addresses at a postcode as a cold [Flow] (one request, on collection). */
fun OnfidoClient.addresses(postcode: String): Flow<Address> = flow { emitAll(pickAddresses(postcode).asFlow()) }

/** Every applicant as a blocking [Sequence] (for callers outside coroutines; each page blocks its thread). */
fun OnfidoClient.applicantsSequence(perPage: Int? = null, includeDeleted: Boolean? = null): Sequence<Applicant> =
    sequence {
        var page: Int? = 1
        while (page != null) {
            val result = runBlocking { listApplicants(page, perPage, includeDeleted) }
            yieldAll(result.items)
            page = nextPageAfter(page!!, result.page.nextPage)
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

/** Uploads a document read from [path] (read on `Dispatchers.IO`). */
suspend fun OnfidoClient.uploadDocument(
    applicantId: String, path: Path, documentType: DocumentType, side: DocumentSide? = null, issuingCountry: String? = null,
): Document = uploadDocument(applicantId, withContext(Dispatchers.IO) { fileInput(path) }, documentType, side, issuingCountry)

/** Uploads a document read from [file] (read on `Dispatchers.IO`). */
suspend fun OnfidoClient.uploadDocument(
    applicantId: String, file: File, documentType: DocumentType, side: DocumentSide? = null, issuingCountry: String? = null,
): Document = uploadDocument(applicantId, withContext(Dispatchers.IO) { fileInput(file) }, documentType, side, issuingCountry)

/** Uploads a document read to its end from [stream] (on `Dispatchers.IO`; the stream is left open). */
suspend fun OnfidoClient.uploadDocument(
    applicantId: String, stream: InputStream, documentType: DocumentType, side: DocumentSide? = null,
    issuingCountry: String? = null, filename: String? = null,
): Document = uploadDocument(applicantId, withContext(Dispatchers.IO) { fileInput(stream, filename) }, documentType, side, issuingCountry)

/** Uploads a document from its bytes. */
suspend fun OnfidoClient.uploadDocument(
    applicantId: String, content: ByteArray, documentType: DocumentType, side: DocumentSide? = null,
    issuingCountry: String? = null, filename: String? = null,
): Document = uploadDocument(applicantId, fileInput(content, filename), documentType, side, issuingCountry)

/** Uploads a live photo read from [path] (read on `Dispatchers.IO`). */
suspend fun OnfidoClient.uploadLivePhoto(applicantId: String, path: Path, advancedValidation: Boolean? = null): LivePhoto =
    uploadLivePhoto(applicantId, withContext(Dispatchers.IO) { fileInput(path) }, advancedValidation)

/** Uploads a live photo read from [file] (read on `Dispatchers.IO`). */
suspend fun OnfidoClient.uploadLivePhoto(applicantId: String, file: File, advancedValidation: Boolean? = null): LivePhoto =
    uploadLivePhoto(applicantId, withContext(Dispatchers.IO) { fileInput(file) }, advancedValidation)

/** Uploads a live photo read to its end from [stream] (on `Dispatchers.IO`; the stream is left open). */
suspend fun OnfidoClient.uploadLivePhoto(
    applicantId: String, stream: InputStream, advancedValidation: Boolean? = null, filename: String? = null,
): LivePhoto = uploadLivePhoto(applicantId, withContext(Dispatchers.IO) { fileInput(stream, filename) }, advancedValidation)

/** Uploads a live photo from its bytes. */
suspend fun OnfidoClient.uploadLivePhoto(
    applicantId: String, content: ByteArray, advancedValidation: Boolean? = null, filename: String? = null,
): LivePhoto = uploadLivePhoto(applicantId, fileInput(content, filename), advancedValidation)

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
