package onfido.core.test

import java.io.File
import java.math.BigDecimal
import java.net.URI
import java.net.URLDecoder
import java.security.MessageDigest
import java.util.Base64
import onfido.core.*

/** Why one vector case failed. */
class CaseFailure(message: String) : Exception(message)

/**
 * The shared vectors (`tests/vectors`, `tests/vectors/v3` and `$ONFIDO_VECTORS`), every case of every kind, compared as
 * VECTORS.md says. Prints each failure by file and name, then `vectors: N passed, M failed`.
 */
object Vectors {
    val KINDS = listOf("build_request", "parse_response", "link_header", "referrer_pattern", "check_result", "webhook_signature")

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
        val kind = doc["kind"] as? String
        val cases = doc["cases"] as? List<*>
        if (cases.isNullOrEmpty()) return 0 to listOf("${file.name}: no cases")
        var passed = 0
        val failures = ArrayList<String>()
        for (raw in cases) {
            val case = raw as? Map<*, *>
            val name = case?.get("name") as? String ?: "(unnamed)"
            if (kind !in KINDS) {
                failures.add("${file.name}: $name: unknown vector kind ${Json.write(kind)}: this runner supports ${KINDS.joinToString()}")
                continue
            }
            try {
                if (case == null) throw CaseFailure("not an object")
                when (kind) {
                    "build_request" -> buildRequestCase(case)
                    "parse_response" -> parseResponseCase(case)
                    "link_header" -> linkHeaderCase(case)
                    "referrer_pattern" -> referrerCase(case)
                    "check_result" -> checkResultCase(case)
                    "webhook_signature" -> signatureCase(case)
                }
                passed++
            } catch (e: CaseFailure) {
                failures.add("${file.name}: $name: ${e.message}")
            } catch (e: Exception) {
                failures.add("${file.name}: $name: ${e.javaClass.simpleName}: ${e.message}")
            }
        }
        return passed to failures
    }

    // --- comparisons

    private fun subset(actual: Any?, expected: Any?, path: String = "") {
        val where = path.ifEmpty { "." }
        when (expected) {
            is Map<*, *> -> {
                if (actual !is Map<*, *>) throw CaseFailure("$where: ${Json.short(actual)} is not an object, expected ${Json.short(expected)}")
                for ((key, want) in expected) {
                    val child = "$path.$key"
                    if (!actual.containsKey(key)) {
                        if (want == null) continue
                        throw CaseFailure("$child: missing, expected ${Json.short(want)}")
                    }
                    subset(actual[key], want, child)
                }
            }
            is List<*> -> {
                if (actual !is List<*>) throw CaseFailure("$where: ${Json.short(actual)} is not an array, expected ${Json.short(expected)}")
                if (actual.size != expected.size) throw CaseFailure("$where: ${actual.size} elements, expected ${expected.size}")
                expected.indices.forEach { subset(actual[it], expected[it], "$path[$it]") }
            }
            else -> if (!Json.equal(actual, expected)) throw CaseFailure("$where: ${Json.short(actual)} != ${Json.short(expected)}")
        }
    }

    private fun urlParts(url: String): List<Any?> {
        val u = URI(url)
        val scheme = u.scheme?.lowercase()
        val port = if (u.port != -1) u.port else when (scheme) { "http" -> 80; "https" -> 443; else -> null }
        val path = (u.rawPath ?: "").let { if (it.endsWith("/")) it.dropLast(1) else it }
        val pairs = (u.rawQuery ?: "").split('&').filter { it.isNotEmpty() }.map {
            val (k, v) = if ('=' in it) it.substringBefore('=') to it.substringAfter('=') else it to ""
            URLDecoder.decode(k, Charsets.UTF_8) + "\u0000" + URLDecoder.decode(v, Charsets.UTF_8)
        }.sorted()
        return listOf(scheme, u.host?.lowercase(), port, path, pairs)
    }

    private fun sameUrl(actual: String, expected: String) {
        if (urlParts(actual) != urlParts(expected)) throw CaseFailure("url $actual != $expected")
    }

    private fun header(headers: List<HttpHeader>, name: String) = headers.firstOrNull { it.name.equals(name, true) }?.value

    private fun sha256(bytes: ByteArray) =
        MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }

    // --- errors

    private fun fieldsOf(e: OnfidoException): Map<String, List<String>> = when (e) {
        is OnfidoException.Validation -> e.fields
        else -> e.api?.fields ?: emptyMap()
    }

    private fun checkError(e: OnfidoException, expected: Map<*, *>) {
        if (e.kind != expected["kind"]) throw CaseFailure("error kind ${e.kind} != ${expected["kind"]} ($e)")
        val api = e.api
        expected["status"]?.let { want ->
            val status = when (e) { is OnfidoException.Decode -> e.status.toInt(); else -> api?.status }
            if (status == null || BigDecimal(status).compareTo(want as BigDecimal) != 0) throw CaseFailure("status $status != $want")
        }
        if (expected.containsKey("type") && api?.errorType != expected["type"]) throw CaseFailure("type ${api?.errorType} != ${expected["type"]}")
        if (expected.containsKey("id") && api?.errorId != expected["id"]) throw CaseFailure("id ${api?.errorId} != ${expected["id"]}")
        if (expected.containsKey("retry_after")) {
            val have = api?.retryAfterSeconds?.toLong()
            when (val want = expected["retry_after"]) {
                is BigDecimal -> if (have == null || BigDecimal(have).compareTo(want) != 0) throw CaseFailure("retry_after $have != $want")
                is Map<*, *> -> {
                    val left = (want["at"] as BigDecimal).toLong() - System.currentTimeMillis() / 1000
                    if (have == null || kotlin.math.abs(have - maxOf(0, left)) > 2) throw CaseFailure("retry_after $have != $want")
                }
                null -> if (have != null) throw CaseFailure("retry_after $have != null")
            }
        }
        expected["message"]?.let { want ->
            val texts = listOfNotNull(api?.apiMessage, e.toString(), e.message, (e as? OnfidoException.Validation)?.reason,
                (e as? OnfidoException.Config)?.reason, (e as? OnfidoException.Decode)?.reason, (e as? OnfidoException.Signature)?.reason)
            if (want !in texts) throw CaseFailure("message ${Json.short(texts)} != ${Json.short(want)}")
        }
        val fields = fieldsOf(e)
        when (val want = expected["fields"]) {
            null -> {}
            is List<*> -> want.filter { it !in fields }.let { if (it.isNotEmpty()) throw CaseFailure("no error on fields $it; errors: $fields") }
            is Map<*, *> -> for ((name, messages) in want) {
                if (!Json.equal(fields[name], messages)) throw CaseFailure("field $name: ${fields[name]} != ${Json.short(messages)}")
            }
            else -> throw CaseFailure("expected fields must be a list or an object")
        }
    }

    // --- the six kinds

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

    private fun buildRequestCase(case: Map<*, *>) {
        val expect = case["expect"] as Map<*, *>
        val now = (case["now"] as BigDecimal?)?.toLong() ?: (System.currentTimeMillis() / 1000)
        val request = try {
            val config = configOf(case["config"] as Map<*, *>? ?: emptyMap<String, Any?>())
            buildRequest(case["operation"] as String, config, Json.write(case["input"] ?: emptyMap<String, Any?>()), now)
        } catch (e: OnfidoException) {
            val error = expect["error"] as Map<*, *>? ?: throw CaseFailure("unexpected error: $e")
            checkError(e, error)
            return
        }
        if (expect.containsKey("error")) throw CaseFailure("expected a ${(expect["error"] as Map<*, *>)["kind"]} error, built ${request.method} ${request.url}")
        expect["method"]?.let { if (request.method != it) throw CaseFailure("method ${request.method} != $it") }
        expect["url"]?.let { sameUrl(request.url, it as String) }
        (expect["headers"] as Map<*, *>?)?.forEach { (name, value) ->
            val actual = header(request.headers, name as String)
            if (actual != value) throw CaseFailure("header $name: $actual != $value")
        }
        if (expect.containsKey("json")) {
            val actual = try { Json.parse(request.body.toString(Charsets.UTF_8)) } catch (e: Exception) { throw CaseFailure("body is not JSON: ${e.message}") }
            if (!Json.equal(actual, expect["json"])) throw CaseFailure("json body ${Json.short(actual, 400)} != ${Json.short(expect["json"], 400)}")
        }
        (expect["multipart"] as List<*>?)?.let { checkMultipart(request.headers, request.body, it) }
    }

    private fun parseResponseCase(case: Map<*, *>) {
        val expect = case["expect"] as Map<*, *>
        val headers = when (val h = case["headers"]) {
            is Map<*, *> -> h.map { (k, v) -> HttpHeader(k as String, v as? String ?: Json.write(v)) }
            is List<*> -> h.map { pair -> (pair as List<*>).let { HttpHeader(it[0].toString(), it[1].toString()) } }
            else -> emptyList()
        }
        val status = (case["status"] as BigDecimal).toInt()
        val output = try {
            val version = (case["api_version"] as String?)?.let { parseApiVersion(it) }
            parseResponseJson(case["operation"] as String, HttpResponse(status, headers, bodyOf(case)), version)
        } catch (e: OnfidoException) {
            val error = expect["error"] as Map<*, *>? ?: throw CaseFailure("unexpected error: $e")
            checkError(e, error)
            return
        }
        if (expect.containsKey("error")) throw CaseFailure("expected a ${(expect["error"] as Map<*, *>)["kind"]} error, parsed ${output.take(300)}")
        if (!expect.containsKey("ok")) throw CaseFailure("expect has neither ok nor error")
        subset(Json.parse(output), expect["ok"])
    }

    private fun linkHeaderCase(case: Map<*, *>) {
        val expect = case["expect"]
        val links = try {
            parseLinkHeader(case["header"] as String)
        } catch (e: OnfidoException) {
            if (expect == "invalid") return
            throw CaseFailure("refused: $e")
        }
        if (expect == "invalid") throw CaseFailure("expected invalid, parsed $links")
        subset(mapOf("next" to links.next, "prev" to links.prev, "first" to links.first, "last" to links.last), expect)
    }

    private fun referrerCase(case: Map<*, *>) {
        val outcome = try {
            ReferrerPattern(case["pattern"] as String).use { if (it.matches(case["url"] as String)) "match" else "no_match" }
        } catch (e: OnfidoException.Validation) {
            "invalid_pattern"
        }
        if (outcome != case["expect"]) throw CaseFailure("$outcome != ${case["expect"]}")
    }

    private fun reportResult(text: String): ReportResult = when (text) {
        "clear" -> ReportResult.Clear
        "consider" -> ReportResult.Consider
        "unidentified" -> ReportResult.Unidentified
        else -> ReportResult.Unknown(text)
    }

    private fun checkResultCase(case: Map<*, *>) {
        val results = case["report_results"] as? List<*> ?: throw CaseFailure("report_results is not a list")
        val actual = checkResult(results.map { (it as String?)?.let(::reportResult) })?.apiValue()
        if (actual != case["expect"]) throw CaseFailure("$actual != ${case["expect"]}")
    }

    private fun signatureCase(case: Map<*, *>) {
        val algorithm = when (case["algorithm"]) { "sha1" -> SignatureAlgorithm.SHA1; "sha256" -> SignatureAlgorithm.SHA256; else -> throw CaseFailure("unknown algorithm ${case["algorithm"]}") }
        val valid = verifyWebhookSignature(bodyOf(case), case["signature"] as String, case["secret"] as String, algorithm)
        val want = case["valid"] as? Boolean ?: throw CaseFailure("valid is not a boolean")
        if (valid != want) throw CaseFailure("verified $valid, expected $want")
    }

    // --- a small multipart/form-data reader (independent of the core's)

    private class Part(val name: String, val filename: String?, val contentType: String?, val data: ByteArray)

    private fun dispositionParams(value: String): Map<String, String> {
        val params = HashMap<String, String>()
        var i = value.indexOf(';').let { if (it < 0) value.length else it }
        val n = value.length
        while (i < n) {
            i++
            while (i < n && value[i] in " \t") i++
            val start = i
            while (i < n && value[i] != '=' && value[i] != ';') i++
            val key = value.substring(start, i).trim().lowercase()
            if (i >= n || value[i] == ';') continue
            i++
            val v: String
            if (i < n && value[i] == '"') {
                i++
                val b = StringBuilder()
                while (i < n && value[i] != '"') {
                    if (value[i] == '\\' && i + 1 < n) i++
                    b.append(value[i]); i++
                }
                i++
                v = b.toString()
                while (i < n && value[i] != ';') i++
            } else {
                val s = i
                while (i < n && value[i] != ';') i++
                v = value.substring(s, i).trim()
            }
            params[key] = v
        }
        return params
    }

    private fun indexOf(hay: ByteArray, needle: ByteArray, from: Int): Int {
        outer@ for (i in from..hay.size - needle.size) {
            for (j in needle.indices) if (hay[i + j] != needle[j]) continue@outer
            return i
        }
        return -1
    }

    private fun parseMultipart(contentType: String, body: ByteArray): List<Part> {
        if (!contentType.substringBefore(';').trim().equals("multipart/form-data", true)) throw CaseFailure("Content-Type $contentType is not multipart/form-data")
        val boundary = contentType.split(';').drop(1).map { it.trim() }.firstOrNull { it.lowercase().startsWith("boundary=") }
            ?.substringAfter('=')?.trim('"') ?: throw CaseFailure("no boundary in $contentType")
        val delimiter = "--$boundary".toByteArray()
        if (indexOf(body, delimiter, 0) != 0) throw CaseFailure("the body does not start with the boundary")
        var pos = delimiter.size
        val parts = ArrayList<Part>()
        val crlfDelimiter = "\r\n".toByteArray() + delimiter
        while (true) {
            if (pos + 2 <= body.size && body[pos] == '-'.code.toByte() && body[pos + 1] == '-'.code.toByte()) {
                val rest = body.copyOfRange(pos + 2, body.size)
                if (!(rest.isEmpty() || rest.contentEquals("\r\n".toByteArray()))) throw CaseFailure("bytes after the closing boundary")
                return parts
            }
            if (!(body[pos] == '\r'.code.toByte() && body[pos + 1] == '\n'.code.toByte())) throw CaseFailure("a boundary line is not followed by CRLF")
            pos += 2
            val end = indexOf(body, crlfDelimiter, pos)
            if (end < 0) throw CaseFailure("an unterminated part")
            val chunk = body.copyOfRange(pos, end)
            val sep = indexOf(chunk, "\r\n\r\n".toByteArray(), 0)
            if (sep < 0) throw CaseFailure("a part without a blank line after its headers")
            var name: String? = null
            var filename: String? = null
            var ctype: String? = null
            for (line in chunk.copyOfRange(0, sep).toString(Charsets.UTF_8).split("\r\n")) {
                if (':' !in line) throw CaseFailure("a malformed part header $line")
                val key = line.substringBefore(':').trim().lowercase()
                val value = line.substringAfter(':').trim()
                if (key == "content-disposition") {
                    if (!value.substringBefore(';').trim().equals("form-data", true)) throw CaseFailure("a part that is not form-data: $value")
                    val p = dispositionParams(value)
                    name = p["name"]; filename = p["filename"]
                } else if (key == "content-type") ctype = value
            }
            parts.add(Part(name ?: throw CaseFailure("a part without a name"), filename, ctype, chunk.copyOfRange(sep + 4, chunk.size)))
            pos = end + 2 + delimiter.size
        }
    }

    private fun checkMultipart(headers: List<HttpHeader>, body: ByteArray, expected: List<*>) {
        val parts = parseMultipart(header(headers, "content-type") ?: throw CaseFailure("no Content-Type header"), body)
        if (parts.size != expected.size) throw CaseFailure("${parts.size} parts ${parts.map { it.name }}, expected ${expected.size}")
        for (w in expected) {
            val want = w as Map<*, *>
            val part = parts.firstOrNull { it.name == want["name"] } ?: throw CaseFailure("no part ${want["name"]} among ${parts.map { it.name }}")
            (want["text"] as String?)?.let { if (!part.data.contentEquals(it.toByteArray())) throw CaseFailure("part ${part.name}: ${part.data.toString(Charsets.UTF_8).take(80)} != $it") }
            if (want.containsKey("filename") && part.filename != want["filename"]) throw CaseFailure("part ${part.name}: filename ${part.filename} != ${want["filename"]}")
            if (want.containsKey("content_type") && part.contentType != want["content_type"]) throw CaseFailure("part ${part.name}: content type ${part.contentType} != ${want["content_type"]}")
            (want["sha256"] as String?)?.let { if (sha256(part.data) != it.lowercase()) throw CaseFailure("part ${part.name}: sha256 ${sha256(part.data)} != $it") }
        }
    }
}
