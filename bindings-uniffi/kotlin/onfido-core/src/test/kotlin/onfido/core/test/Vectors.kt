package onfido.core.test

import java.io.File
import java.math.BigDecimal
import java.util.Base64
import onfido.core.*

/**
 * The shared vectors (`tests/vectors`, `tests/vectors/v3` and `$ONFIDO_VECTORS`): every case observed through the
 * Kotlin API and judged by the core's one checker (`checkVector`, the `onfido-vectors` crate), as in every runtime.
 * Prints each failure by file and name, then `vectors: N passed, M failed`.
 */
object Vectors {
    fun run(repoVectors: File): Pair<Int, Int> {
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
        println("vectors: $passed passed, $failed failed")
        return passed to failed
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
            val why = try {
                val observed = if (case == null) null else observe(kind, case)
                checkVector(kind, Json.write(raw), Json.write(observed))
            } catch (e: Exception) {
                "${e.javaClass.simpleName}: ${e.message}"
            }
            if (why == null) passed++ else failures.add("${file.name}: $name: $why")
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
        "check_result" -> checkResult((case["report_results"] as List<*>).map { (it as String?)?.let(::reportResult) })?.apiValue()
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

    private fun reportResult(text: String): ReportResult = when (text) {
        "clear" -> ReportResult.Clear
        "consider" -> ReportResult.Consider
        "unidentified" -> ReportResult.Unidentified
        else -> ReportResult.Unknown(text)
    }
}
