package onfido.core.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** Issue 14 in Kotlin: deep JSON in and out, deep report breakdowns (listings that never advance: [PaginationTest]). */
class HardeningTest {
    private fun arrays(depth: Int) = "[".repeat(depth) + "]".repeat(depth)
    private fun objects(depth: Int) = "{\"x\": ".repeat(depth) + "1" + "}".repeat(depth)

    @Test
    @DisplayName("deeply nested JSON inputs are a Validation error naming the field, never a crash or a request")
    fun deepInputs(): Unit = runBlocking {
        val transport = RecordingTransport(SandboxTransport().transport())
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), transport)
        val tooDeep = listOf("is nested deeper than 64 levels")

        val brackets = assertFailsWith<OnfidoException.Validation>("100,000 [") { client.request("create_applicant", "[".repeat(100_000)) }
        assertEquals(mapOf("input" + "[0]".repeat(64) to tooDeep), brackets.fields)

        // 100 levels: under serde_json's own limit (128), over the core's (64), which used to let it through.
        val address = """{"first_name": "A", "last_name": "B", "address": ${objects(100)}}"""
        val deep = assertFailsWith<OnfidoException.Validation>("100 levels under address") { client.request("create_applicant", address) }
        assertEquals(mapOf("address" + ".x".repeat(63) to tooDeep), deep.fields)

        val extra = V2ApplicantBuilder(firstName = "A", lastName = "B", extraJson = """{"tags": ${arrays(100_000)}}""")
        val extraError = assertFailsWith<OnfidoException.Validation>("extra_json 100,000 deep") { client.v2.applicants.create(extra) }
        assertEquals(mapOf("extra_json.tags" + "[0]".repeat(63) to tooDeep), extraError.fields)

        val built = assertFailsWith<OnfidoException.Validation>("buildRequest") { buildRequest("create_applicant", ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V2), arrays(65)) }
        assertEquals(tooDeep, built.fields.values.single())

        assertEquals(0, transport.requests.size, "requests sent")
        // 64 levels is the limit, not past it: such an input is built (unknown fields are kept).
        val atLimit = buildRequest("create_applicant", ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V2), """{"first_name": "A", "last_name": "B", "address": ${objects(62)}}""")
        assertEquals("POST", atLimit.method.toString().uppercase())
    }

    @Test
    @DisplayName("a server answering 100,000 nested arrays is a Decode error, in every reading")
    fun deepResponses(): Unit = runBlocking {
        val answer = ScriptedTransport({ json(200, arrays(100_000)) })
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), answer)
        assertEquals(200, assertFailsWith<OnfidoException.Decode>("a record") { client.v2.applicants.retrieve("a1") }.status.toInt())
        assertFailsWith<OnfidoException.Decode>("a page") { client.v2.applicants.list() }
        assertFailsWith<OnfidoException.Decode>("a report") { client.v2.reports.retrieve("c1", "r1") }
        assertFailsWith<OnfidoException.Decode>("JSON out") { client.request("retrieve_applicant", """{"applicant_id": "a1"}""") }
        val raw = HttpResponse(200, listOf(HttpHeader("Content-Type", "application/json")), arrays(100_000).toByteArray())
        assertFailsWith<OnfidoException.Decode>("parseResponseJson v2") { parseResponseJson("retrieve_applicant", raw, null) }
        assertFailsWith<OnfidoException.Decode>("parseResponseJson v3.6") { parseResponseJson("find_applicant", raw, ApiVersion.V36) }
        val deepEvent = """{"payload": {"resource_type": "check", "action": "check.completed", "object": {"id": "c1", "x": ${arrays(100_000)}}}}""".toByteArray()
        val signature = signWebhook(deepEvent, "secret", SignatureAlgorithm.SHA256)
        assertFailsWith<OnfidoException.Decode>("a webhook body") { verifyWebhook(deepEvent, listOf(HttpHeader("X-SHA2-Signature", signature)), "secret") }
    }

    @Test
    @DisplayName("findings over a deep breakdown tree; deeper than JSON allows is a Decode error")
    fun deepBreakdowns(): Unit = runBlocking {
        // Breakdowns nested 60 levels (121 JSON levels), the deepest flagged.
        fun breakdown(levels: Int): String =
            if (levels == 0) """{"result": "consider"}""" else """{"result": "consider", "breakdown": {"b$levels": ${breakdown(levels - 1)}}}"""
        val report = """{"id": "r1", "name": "document", "status": "complete", "result": "consider", "breakdown": {"top": ${breakdown(59)}}}"""
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(200, report) }))
        val read = client.v2.reports.retrieve("c1", "r1")
        assertEquals(1, read.findings.size, "one finding: the deepest")
        assertEquals(60, read.findings.single().path.split('.').size, "its path names every level")
        var node = ((Json.parse(read.breakdown!!) as Map<*, *>)["top"] as Map<*, *>)["breakdown"] as Map<*, *>
        var depth = 1
        while (node.isNotEmpty()) { node = ((node.values.single() as Map<*, *>)["breakdown"] as Map<*, *>?).orEmpty(); depth++ }
        assertEquals(60, depth, "the whole tree")

        val tooDeep = """{"id": "r1", "breakdown": {"top": ${"{\"breakdown\": {\"x\": ".repeat(50_000)}{}${"}}".repeat(50_000)}}}"""
        val deepClient = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), ScriptedTransport({ json(200, tooDeep) }))
        assertFailsWith<OnfidoException.Decode>("100,000 levels of breakdowns") { deepClient.v2.reports.retrieve("c1", "r1") }
    }
}
