package onfido.core.test

import java.io.File
import java.math.BigDecimal
import java.util.Base64
import onfido.core.*

/**
 * The shared vectors (`tests/vectors`, `tests/vectors/v3` and `$ONFIDO_VECTORS`): every case observed through the
 * Kotlin API and judged by the core's one checker (`checkVector`, the `onfido-vectors` crate), as in every runtime.
 *
 * Each `build_request` and `parse_response` case is observed twice: by operation id with JSON (`buildRequest`,
 * `parseResponseJson`), and through the typed API (`typedCallJson`: the generated resource method of the case's
 * operation, `client.applicants.find` or `client.v2.applicants.retrieve`, with its arguments and body record read
 * from the case's input, on a client whose transport captures the request or answers the case's response). A case
 * the typed API cannot express (a path id that is not a string…; a parse case of an operation no build case gives
 * a valid input for) is counted and goes through the JSON path only.
 * Prints each failure by file and name, then `vectors: N passed, M failed` and the typed path's counts.
 */
object Vectors {
    /** Cases observed through the typed API, and those it could not express (JSON path only). */
    var typedPassed = 0
    var typedFailed = 0
    var jsonOnly = 0
    /** Why cases went through the JSON path only, and how many. */
    val jsonOnlyReasons = sortedMapOf<String, Int>()

    private fun jsonOnly(reason: String) {
        jsonOnly++
        jsonOnlyReasons[reason] = (jsonOnlyReasons[reason] ?: 0) + 1
    }

    /** A valid input per `version operation`, from the build cases that expect a request (for the typed parse path). */
    private val validInputs = HashMap<String, Any?>()

    fun run(repoVectors: File): Pair<Int, Int> {
        typedPassed = 0; typedFailed = 0; jsonOnly = 0; jsonOnlyReasons.clear()
        val dirs = mutableListOf("tests/vectors" to repoVectors, "tests/vectors/v3" to File(repoVectors, "v3"))
        System.getenv("ONFIDO_VECTORS")?.takeIf { it.isNotEmpty() }?.let { dirs.add("\$ONFIDO_VECTORS" to File(it)) }
        var passed = 0
        var failed = 0
        for ((label, dir) in dirs) {
            val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }
            if (files == null || files.isEmpty()) {
                println("FAIL $label: no vector files in $dir")
                failed++
                continue
            }
            for (file in files) {
                val (p, failures) = runFile(file)
                passed += p
                failed += failures.size
                failures.forEach { println("FAIL $label/$it") }
            }
        }
        println("vectors: $passed passed, $failed failed; typed API: $typedPassed passed, $typedFailed failed, $jsonOnly through the JSON path only $jsonOnlyReasons")
        return passed + typedPassed to failed + typedFailed
    }

    private fun runFile(file: File): Pair<Int, List<String>> {
        val doc = try {
            Json.parse(file.readText()) as? Map<*, *> ?: return 0 to listOf("${file.name}: not a JSON object")
        } catch (e: Exception) {
            return 0 to listOf("${file.name}: not a JSON vector file: ${e.message}")
        }
        val kind = doc["kind"] as? String ?: ""
        val cases = doc["cases"] as? List<*>
        if (cases.isNullOrEmpty()) return 0 to listOf("${file.name}: no cases")
        var passed = 0
        val failures = ArrayList<String>()
        for (raw in cases) {
            val case = raw as? Map<*, *>
            val name = case?.get("name") as? String ?: "(unnamed)"
            var observed: Any? = null
            val why = try {
                observed = if (case == null) null else observe(kind, case)
                checkVector(kind, Json.write(raw), Json.write(observed))
            } catch (e: Exception) {
                "${e.javaClass.simpleName}: ${e.message}"
            }
            if (why == null) passed++ else failures.add("${file.name}: $name: $why")
            if (case != null && (kind == "build_request" || kind == "parse_response")) {
                var typed: Map<String, Any?>? = null
                val typedWhy = try {
                    typed = if (kind == "build_request") typedBuild(case) else typedParse(case)
                    if (typed == null) continue
                    checkVector(kind, Json.write(raw), Json.write(typed))
                } catch (e: Exception) {
                    "${e.javaClass.simpleName}: ${e.message}"
                }
                val ok = (observed as? Map<*, *>)?.get("ok")
                when {
                    typedWhy == null -> typedPassed++
                    // The same answer but for timestamps java.time.Instant writes in its own form.
                    why == null && ok != null && typed?.get("ok") != null && sameButTimestamps(ok, typed!!["ok"]) -> jsonOnly("timestamps the records normalise (java.time.Instant)")
                    else -> { typedFailed++; failures.add("${file.name}: $name (typed API): $typedWhy") }
                }
            }
        }
        return passed to failures
    }

    /** What the Kotlin API does with a case, in the checker's shape for its kind (tests/vectors/README.md). */
    private fun observe(kind: String, case: Map<*, *>): Any? = when (kind) {
        "build_request" -> buildRequestCase(case)
        "parse_response" -> parseResponseCase(case)
        "link_header" -> try {
            val links = parseLinkHeader(case["header"] as String)
            mapOf("ok" to mapOf("next" to links.next, "prev" to links.prev, "first" to links.first, "last" to links.last))
        } catch (e: OnfidoException) {
            mapOf("error" to errorOf(e))
        }
        "referrer_pattern" -> try {
            ReferrerPattern(case["pattern"] as String).use { if (it.matches(case["url"] as String)) "match" else "no_match" }
        } catch (e: OnfidoException.Validation) {
            "invalid_pattern"
        }
        "check_result" -> checkResult((case["report_results"] as List<*>).map { it as String? })
        "webhook_signature" -> {
            val algorithm = when (case["algorithm"]) { "sha1" -> SignatureAlgorithm.SHA1; else -> SignatureAlgorithm.SHA256 }
            verifyWebhookSignature(bodyOf(case), case["signature"] as String, case["secret"] as String, algorithm)
        }
        else -> null
    }

    /** An exception as the core describes errors: kind, status, type, messages, ids, fields. */
    private fun errorOf(e: OnfidoException): Map<String, Any?> {
        val api = e.api
        val status = when (e) { is OnfidoException.Decode -> e.status.toInt(); else -> api?.status }
        val reason = (e as? OnfidoException.Validation)?.reason ?: (e as? OnfidoException.Decode)?.reason
            ?: (e as? OnfidoException.Signature)?.reason ?: e.toString()
        val fields = when (e) { is OnfidoException.Validation -> e.fields; else -> api?.fields ?: emptyMap() }
        return mapOf(
            "kind" to e.kind, "status" to status, "type" to api?.errorType, "api_message" to api?.apiMessage,
            "message" to (api?.let { e.toString() } ?: reason), "id" to api?.errorId,
            "retry_after" to api?.retryAfterSeconds, "fields" to fields,
        )
    }

    private fun bodyOf(case: Map<*, *>): ByteArray {
        (case["body_base64"] as? String)?.let { return Base64.getDecoder().decode(it) }
        return when (val body = case["body"]) {
            null -> ByteArray(0)
            is String -> body.toByteArray(Charsets.UTF_8)
            // As the Rust runner writes it: compact, keys sorted (only signatures depend on it).
            else -> Json.write(body, sortKeys = true).toByteArray(Charsets.UTF_8)
        }
    }

    private fun configOf(json: Map<*, *>): ClientConfig = ClientConfig(
        apiToken = (json["token"] ?: json["api_token"]) as String?,
        region = (json["region"] as String?)?.let { parseRegion(it) },
        baseUrl = json["base_url"] as String?,
        apiVersion = (json["api_version"] as String?)?.let { parseApiVersion(it) },
    )

    private fun buildRequestCase(case: Map<*, *>): Map<String, Any?> = try {
        val now = (case["now"] as BigDecimal?)?.toLong() ?: (System.currentTimeMillis() / 1000)
        val config = configOf(case["config"] as Map<*, *>? ?: emptyMap<String, Any?>())
        val request = buildRequest(case["operation"] as String, config, Json.write(case["input"] ?: emptyMap<String, Any?>()), now)
        mapOf(
            "method" to request.method, "url" to request.url,
            "headers" to request.headers.map { listOf(it.name, it.value) },
            "body_base64" to Base64.getEncoder().encodeToString(request.body),
        )
    } catch (e: OnfidoException) {
        mapOf("error" to errorOf(e))
    }

    /** Captures the first request and stops the call there. */
    private class Capture : HttpTransport {
        var request: HttpRequest? = null
        override suspend fun send(request: HttpRequest): HttpResponse {
            if (this.request == null) this.request = request
            throw TransportException.Other("captured")
        }
    }

    private fun versionKey(version: String?, operation: Any?) = "${version ?: "v3.6"} $operation"

    /** A build case through the typed API: the request the generated resource method sent, or `null` when it cannot express the input. */
    private fun typedBuild(case: Map<*, *>): Map<String, Any?>? {
        val configJson = case["config"] as Map<*, *>? ?: emptyMap<String, Any?>()
        val operation = case["operation"] as String
        val inputJson = Json.write(case["input"] ?: emptyMap<String, Any?>())
        val capture = Capture()
        val client = try {
            OnfidoClient(configOf(configJson).copy(retry = noRetries()), capture, null)
        } catch (e: OnfidoException) {
            return mapOf("error" to errorOf(e))
        }
        val answered = try {
            kotlinx.coroutines.runBlocking { typedCallJson(client, operation, inputJson) } != null
        } catch (e: OnfidoException) {
            if (capture.request == null) return mapOf("error" to errorOf(e))
            true
        }
        val request = capture.request ?: return if (answered) {
            mapOf("error" to mapOf("kind" to "none", "message" to "nothing was sent"))
        } else {
            jsonOnly("inputs the typed API cannot express"); null
        }
        val expect = case["expect"] as Map<*, *>?
        if (expect != null && expect["error"] == null) validInputs.putIfAbsent(versionKey(configJson["api_version"] as String?, operation), case["input"])
        return mapOf(
            "method" to request.method, "url" to request.url,
            "headers" to request.headers.map { listOf(it.name, it.value) },
            "body_base64" to Base64.getEncoder().encodeToString(request.body),
        )
    }

    /** A parse case through the typed API: the generated resource method's answer (as JSON) to the case's response, or `null` when no input is known. */
    private fun typedParse(case: Map<*, *>): Map<String, Any?>? {
        val version = case["api_version"] as String?
        val key = versionKey(version ?: "v2", case["operation"])
        if (!validInputs.containsKey(key)) { jsonOnly("answers of an operation no build case gives a valid input for"); return null }
        val status = (case["status"] as BigDecimal).toInt()
        // A typed method follows redirects: a bare 3xx is not an answer it can give.
        if (status in 300..399) { jsonOnly("bare 3xx answers (the typed methods follow redirects)"); return null }
        val response = HttpResponse(status, headersOf(case), bodyOf(case))
        val config = ClientConfig(apiToken = "test_vectors", apiVersion = parseApiVersion(version ?: "v2"), retry = noRetries())
        val client = OnfidoClient(config, ScriptedTransport({ response }), null)
        return try {
            val answer = kotlinx.coroutines.runBlocking { typedCallJson(client, case["operation"] as String, Json.write(validInputs[key])) }
                ?: run { jsonOnly("inputs the typed API cannot express"); return null }
            mapOf("ok" to Json.parse(answer))
        } catch (e: OnfidoException) {
            mapOf("error" to errorOf(e))
        }
    }

    /** Equal JSON but for timestamps naming the same instant (`null` and a missing member alike). */
    private fun sameButTimestamps(a: Any?, b: Any?): Boolean = when {
        a is Map<*, *> && b is Map<*, *> -> (a.keys + b.keys).all { sameButTimestamps(a[it], b[it]) }
        a is List<*> && b is List<*> -> a.size == b.size && a.indices.all { sameButTimestamps(a[it], b[it]) }
        a is String && b is String -> a == b || (instantOf(a) != null && instantOf(a) == instantOf(b))
        a is BigDecimal && b is BigDecimal -> a.compareTo(b) == 0
        else -> a == b
    }

    private fun instantOf(text: String): java.time.Instant? =
        runCatching { java.time.OffsetDateTime.parse(text).toInstant() }.getOrNull()
            ?: runCatching { java.time.LocalDateTime.parse(text.removeSuffix(" UTC").replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC) }.getOrNull()

    private fun headersOf(case: Map<*, *>): List<HttpHeader> = when (val h = case["headers"]) {
        is Map<*, *> -> h.map { (k, v) -> HttpHeader(k as String, v as? String ?: Json.write(v)) }
        is List<*> -> h.map { pair -> (pair as List<*>).let { HttpHeader(it[0].toString(), it[1].toString()) } }
        else -> emptyList()
    }

    private fun parseResponseCase(case: Map<*, *>): Map<String, Any?> {
        val headers = when (val h = case["headers"]) {
            is Map<*, *> -> h.map { (k, v) -> HttpHeader(k as String, v as? String ?: Json.write(v)) }
            is List<*> -> h.map { pair -> (pair as List<*>).let { HttpHeader(it[0].toString(), it[1].toString()) } }
            else -> emptyList()
        }
        return try {
            val version = (case["api_version"] as String?)?.let { parseApiVersion(it) }
            val status = (case["status"] as BigDecimal).toInt()
            mapOf("ok" to Json.parse(parseResponseJson(case["operation"] as String, HttpResponse(status, headers, bodyOf(case)), version)))
        } catch (e: OnfidoException) {
            mapOf("error" to errorOf(e))
        }
    }
}
