package onfido.core.okhttp

import java.io.IOException
import java.io.InterruptedIOException
import java.net.ConnectException
import java.net.NoRouteToHostException
import java.net.SocketTimeoutException
import java.net.UnknownHostException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response
import onfido.core.HttpHeader
import onfido.core.HttpRequest
import onfido.core.HttpResponse
import onfido.core.HttpTransport
import onfido.core.TransportException

/**
 * An [HttpTransport] on OkHttp, for apps that already share an [OkHttpClient] (its connection pool,
 * dispatcher, timeouts, interceptors and certificate pinning are used as they are).
 *
 * ```
 * val onfido = onfidoClient(ClientConfig(apiToken = token), OkHttpTransport(sharedOkHttpClient))
 * ```
 *
 * Calls are asynchronous (`Call.enqueue`), and cancelling the calling coroutine cancels the call.
 * Redirects are never followed (a token does not follow a link to another host), whatever the given
 * client says. Failures are thrown as [TransportException]: `Connect` (nothing was sent), `Timeout`
 * (no answer in time), `Lost` (the connection broke), `Other` (a URL OkHttp refuses); 4xx and 5xx
 * answers are responses.
 */
class OkHttpTransport @JvmOverloads constructor(client: OkHttpClient = OkHttpClient()) : HttpTransport {
    private val http: OkHttpClient = client.newBuilder().followRedirects(false).followSslRedirects(false).build()

    override suspend fun send(request: HttpRequest): HttpResponse {
        val call = http.newCall(request.toOkHttp())
        return suspendCancellableCoroutine { continuation ->
            continuation.invokeOnCancellation { call.cancel() }
            call.enqueue(object : Callback {
                override fun onResponse(call: Call, response: Response) {
                    try {
                        continuation.resume(response.use { it.toHttpResponse() })
                    } catch (e: IOException) {
                        continuation.resumeWithException(failure(request, e))
                    }
                }

                override fun onFailure(call: Call, e: IOException) {
                    continuation.resumeWithException(failure(request, e))
                }
            })
        }
    }

    private fun HttpRequest.toOkHttp(): Request {
        // OkHttp wants a body on POST and PUT (possibly empty) and none on GET.
        val body = if (body.isEmpty() && method in BODILESS) null else body.toRequestBody()
        return try {
            Request.Builder().url(url).method(method, body)
                .apply { headers.forEach { addHeader(it.name, it.value) } }
                .build()
        } catch (e: IllegalArgumentException) {
            throw TransportException.Other("OkHttp refuses $method $url: ${e.message}")
        }
    }

    private fun Response.toHttpResponse(): HttpResponse =
        HttpResponse(code, headers.map { (name, value) -> HttpHeader(name, value) }, body.bytes())

    private fun failure(request: HttpRequest, e: IOException): TransportException {
        val what = "${request.method} ${request.url}"
        return when {
            e is ConnectException || e is UnknownHostException || e is NoRouteToHostException ->
                TransportException.Connect("${e.javaClass.simpleName}: $what")
            e is SocketTimeoutException && e.message.orEmpty().contains("connect", ignoreCase = true) ->
                TransportException.Connect("connect timed out: $what")
            e is InterruptedIOException -> TransportException.Timeout("no answer in time: $what")
            else -> TransportException.Lost("${e.javaClass.simpleName}: $what")
        }
    }

    private companion object {
        val BODILESS = setOf("GET", "HEAD", "DELETE")
    }
}
