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
        assertEquals(listOf(WebhookEvent.CheckCompleted, ResourceType.Check, "c1", 1572274839L), listOf(event.action, event.resourceType, event.objectId, event.completedAtUnix), "event")
        val sha1 = signWebhook(body, "webhook-token", SignatureAlgorithm.SHA1)
        assertEquals("c1", verifyWebhook(body, listOf(HttpHeader("x-signature", sha1)), "webhook-token").objectId, "sha1 header")
        assertFailsWith<OnfidoException.Signature>("a wrong secret") { verifyWebhook(body, mapOf("X-SHA2-Signature" to signature), "other") }
        assertFailsWith<OnfidoException.Signature>("no signature") { verifyWebhook(body, emptyMap<String, String>(), "webhook-token") }
        val sandbox = SandboxTransport()
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), sandbox.transport())
        val hook = client.registerWebhook(WebhookInput(url = "https://hooks.example/x", events = listOf(WebhookEvent.CheckCompleted)))
        val applicant = client.createApplicant(ApplicantInput(firstName = "W", lastName = "Hook"))
        client.createCheck(applicant.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Watchlist))))
        val deliveries = sandbox.takeWebhookDeliveries()
        assertTrue(deliveries.isNotEmpty(), "no delivery")
        for (d in deliveries) assertEquals(WebhookEvent.CheckCompleted, verifyWebhook(d.body, d.headers, hook.token!!).action, "delivered event")
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
        assertEquals(CheckResult.Consider, checkResult(listOf(ReportResult.Clear, ReportResult.Unidentified)), "consider")
        assertEquals(null, checkResult(listOf(ReportResult.Clear, null)), "pending")
        assertEquals("https://api.onfido.com/v2/applicants?page=2", parseLinkHeader("<https://api.onfido.com/v2/applicants?page=2>; rel=\"next\"").next, "link")
        val sandbox = SandboxTransport()
        val client = onfidoClient(ClientConfig(apiToken = TOKEN), sandbox.transport())
        val consider = client.createApplicant(ApplicantInput(firstName = "C", lastName = "Consider"))
        client.uploadDocument(consider.id, FileInput("licence.png", File(FIXTURES, "sample_driving_licence.png").readBytes()), DocumentType.DrivingLicence)
        val check = client.createCheck(consider.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Document))))
        assertEquals(CheckResult.Consider, check.result, "a Consider applicant")
        val report = check.reports.single()
        assertTrue(report.findings.isNotEmpty() && report.findings.all { it.result is ReportResult.Consider || it.result is ReportResult.Unidentified }, "findings ${report.findings}")
        assertTrue(ReportName.Unknown("brand_new") != ReportName.Document && ReportName.Unknown("brand_new").apiValue() == "brand_new", "unknown enum values")
    }
}
