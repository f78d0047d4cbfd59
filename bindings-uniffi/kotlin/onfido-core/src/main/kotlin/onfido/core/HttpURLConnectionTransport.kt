package onfido.core

import java.io.IOException
import java.net.ConnectException
import java.net.HttpURLConnection
import java.net.NoRouteToHostException
import java.net.SocketTimeoutException
import java.net.URL
import java.net.UnknownHostException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * The default transport: `java.net.HttpURLConnection`, no dependency beyond the JDK / Android.
 *
 * The blocking I/O runs on `Dispatchers.IO`; cancelling the calling coroutine disconnects, which
 * ends a request in flight. Failures are thrown as [TransportException]: `Connect` (nothing was
 * sent), `Timeout` (no answer in time), `Lost` (the connection broke), so the client's retry policy
 * can tell them apart. 4xx and 5xx answers are responses, not failures. Redirects are not followed
 * (a token never follows a link to another host).
 */
class HttpURLConnectionTransport(
    private val connectTimeoutMillis: Int = 10_000,
    private val readTimeoutMillis: Int = 60_000,
) : HttpTransport {
    /** Waits at most [timeout] for each read (and for the connection, up to 10 s). */
    constructor(timeout: Duration) : this(
        connectTimeoutMillis = minOf(timeout, 10.seconds).inWholeMilliseconds.toInt(),
        readTimeoutMillis = timeout.inWholeMilliseconds.coerceIn(1, Int.MAX_VALUE.toLong()).toInt(),
    )

    override suspend fun send(request: HttpRequest): HttpResponse {
        val connection = open(request)
        return suspendCancellableCoroutine { continuation ->
            continuation.invokeOnCancellation { connection.disconnect() }
            Dispatchers.IO.asExecutor().execute {
                try {
                    continuation.resume(exchange(connection, request))
                } catch (e: Throwable) {
                    continuation.resumeWithException(e)
                }
            }
        }
    }

    /** Sends on the calling thread (for callers that are not coroutines). */
    fun sendBlocking(request: HttpRequest): HttpResponse = exchange(open(request), request)

    private fun open(request: HttpRequest): HttpURLConnection =
        try {
            URL(request.url).openConnection() as HttpURLConnection
        } catch (e: Exception) {
            throw TransportException.Other("cannot open ${request.method} ${request.url}: ${e.javaClass.simpleName}")
        }

    private fun exchange(connection: HttpURLConnection, request: HttpRequest): HttpResponse {
        try {
            connection.requestMethod = request.method
            connection.instanceFollowRedirects = false
            connection.useCaches = false
            connection.connectTimeout = connectTimeoutMillis
            connection.readTimeout = readTimeoutMillis
            for (header in request.headers) connection.addRequestProperty(header.name, header.value)
            val hasBody = request.body.isNotEmpty() || request.method == "POST" || request.method == "PUT"
            if (hasBody) {
                connection.doOutput = true
                connection.setFixedLengthStreamingMode(request.body.size)
            }
            try {
                connection.connect()
            } catch (e: SocketTimeoutException) {
                throw TransportException.Connect("connect timed out: ${request.method} ${request.url}")
            } catch (e: ConnectException) {
                throw TransportException.Connect("${e.message}: ${request.method} ${request.url}")
            } catch (e: UnknownHostException) {
                throw TransportException.Connect("unknown host: ${request.method} ${request.url}")
            } catch (e: NoRouteToHostException) {
                throw TransportException.Connect("no route to host: ${request.method} ${request.url}")
            }
            try {
                if (hasBody) connection.outputStream.use { it.write(request.body) }
                val status = connection.responseCode
                val headers = ArrayList<HttpHeader>()
                var i = 1
                while (true) {
                    val name = connection.getHeaderFieldKey(i) ?: break
                    headers.add(HttpHeader(name, connection.getHeaderField(i) ?: ""))
                    i++
                }
                val stream = if (status >= 400) connection.errorStream else connection.inputStream
                val body = stream?.use { it.readBytes() } ?: ByteArray(0)
                return HttpResponse(status, headers, body)
            } catch (e: SocketTimeoutException) {
                throw TransportException.Timeout("no answer in ${readTimeoutMillis} ms: ${request.method} ${request.url}")
            } catch (e: IOException) {
                throw TransportException.Lost("${e.javaClass.simpleName}: ${request.method} ${request.url}")
            }
        } catch (e: TransportException) {
            connection.disconnect()
            throw e
        }
    }
}
