package onfido.core.test

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** Webhook signatures and events, referrer patterns, results, links. */
class WebhooksAndRulesTest {
    @Test
    @DisplayName("webhooks: verify, sign, reject; sandbox deliveries verify")
    fun webhooks(): Unit = runBlocking {
        val body = """{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"c1","status":"complete","completed_at_iso8601":"2019-10-28T15:00:39Z","href":"https://api.onfido.com/v2/checks/c1"}}}""".toByteArray()
        val signature = signWebhook(body, "webhook-token", SignatureAlgorithm.SHA256)
        val event = verifyWebhook(body, mapOf("X-SHA2-Signature" to signature), "webhook-token")
        assertEquals(listOf("check.completed", "check", "c1", 1572274839L), listOf(event.action, event.resourceType, event.objectId, event.completedAtUnix), "event")
        val sha1 = signWebhook(body, "webhook-token", SignatureAlgorithm.SHA1)
        assertEquals("c1", verifyWebhook(body, listOf(HttpHeader("x-signature", sha1)), "webhook-token").objectId, "sha1 header")
        assertFailsWith<OnfidoException.Signature>("a wrong secret") { verifyWebhook(body, mapOf("X-SHA2-Signature" to signature), "other") }
        assertFailsWith<OnfidoException.Signature>("no signature") { verifyWebhook(body, emptyMap<String, String>(), "webhook-token") }
        val sandbox = SandboxTransport()
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), sandbox.transport())
        val hook = client.v2.webhooks.register(V2WebhookBuilder(url = "https://hooks.example/x", events = listOf("check.completed")))
        val applicant = client.v2.applicants.create(V2ApplicantBuilder(firstName = "W", lastName = "Hook"))
        client.v2.checks.create(applicant.id!!, V2CheckBuilder(type = "express", reports = listOf(V2ReportRequest(name = "watchlist"))))
        val deliveries = sandbox.takeWebhookDeliveries()
        assertTrue(deliveries.isNotEmpty(), "no delivery")
        for (d in deliveries) assertEquals("check.completed", verifyWebhook(d.body, d.headers, hook.token!!).action, "delivered event")
    }

    @Test
    @DisplayName("rules: referrer patterns, check results, findings, links")
    fun rules(): Unit = runBlocking {
        ReferrerPattern("https://*.example.com/*").use { p ->
            assertTrue(p.matches("https://app.example.com/onboarding") && !p.matches("https://example.com.evil.org/"), "matching")
            assertEquals("https://*.example.com/*", p.toString(), "toString")
        }
        ReferrerPattern("*://*/*").use { assertTrue(it.lint().isNotEmpty(), "lint of a catch-all") }
        assertFailsWith<OnfidoException.Validation>("a bad pattern") { ReferrerPattern("ftp://x/") }
        assertEquals("consider", checkResult(listOf("clear", "unidentified")), "consider")
        assertEquals("clear", checkResult(listOf("clear", "clear")), "clear")
        assertEquals(null, checkResult(listOf("clear", null)), "pending")
        assertEquals("https://api.onfido.com/v2/applicants?page=2", parseLinkHeader("<https://api.onfido.com/v2/applicants?page=2>; rel=\"next\"").next, "link")
        val sandbox = SandboxTransport()
        val client = onfidoClient(ClientConfig(apiVersion = ApiVersion.V2, apiToken = TOKEN), sandbox.transport())
        val consider = client.v2.applicants.create(V2ApplicantBuilder(firstName = "C", lastName = "Consider"))
        client.v2.documents.upload(consider.id!!, V2DocumentUploader(file = FileInput("licence.png", File(FIXTURES, "sample_driving_licence.png").readBytes()), type = "driving_licence"))
        val check = client.v2.checks.create(consider.id!!, V2CheckBuilder(type = "express", reports = listOf(V2ReportRequest(name = "document"))))
        assertEquals("consider" to "consider", check.result to check.derivedResult, "a Consider applicant")
        val report = check.expandedReports.single()
        assertTrue(report.findings.isNotEmpty() && report.findings.all { it.result == "consider" || it.result == "unidentified" }, "findings ${report.findings}")
        assertTrue(report.findings.all { it.path.isNotEmpty() }, "finding paths")
        val unknown = client.v2.reports.retrieve(check.id!!, report.id!!).copy(name = "brand_new")
        assertEquals("brand_new", unknown.name, "enum values are strings, unknown ones kept")
    }
}
