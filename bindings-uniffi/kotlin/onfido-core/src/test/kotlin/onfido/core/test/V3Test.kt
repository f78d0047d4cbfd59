package onfido.core.test

import java.io.File
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import onfido.core.*

/** API v3.6 through the generated resources: `client.applicants.find(id)`, typed records in and out. */
class V3Test {
    private val licence = File(FIXTURES, "sample_driving_licence.png").readBytes()
    private val photo = File(FIXTURES, "sample_photo.png").readBytes()

    /** The getting-started flow: applicant → document and live photo → check → reports, then downloads and pages. */
    private suspend fun gettingStarted(client: OnfidoClient) {
        val jane = client.applicants.create(V3ApplicantBuilder(
            firstName = "Jane", lastName = "Doe", dob = LocalDate.of(1990, 1, 31),
            address = V3AddressBuilder(buildingNumber = "100", street = "Main Street", town = "London", postcode = "SW4 6EH", country = "GBR"),
        ))
        assertEquals(listOf<Any?>("Jane", "Doe", LocalDate.of(1990, 1, 31), "SW4 6EH"), listOf(jane.firstName, jane.lastName, jane.dob, jane.address?.postcode), "created")
        val created = assertNotNull(jane.createdAt, "created_at as an Instant")
        assertTrue(created.isAfter(Instant.now().minusSeconds(600)) && created.isBefore(Instant.now().plusSeconds(600)), "created at $created")
        val id = assertNotNull(jane.id, "applicant id")
        assertEquals(jane, client.applicants.find(id), "found")
        val renamed = client.applicants.update(id, V3ApplicantUpdater(firstName = "Janet"))
        assertEquals("Janet" to "Doe", renamed.firstName to renamed.lastName, "updated")

        val document = client.documents.upload(V3DocumentUploader(applicantId = id, file = FileInput("licence.png", licence), type = "driving_licence", side = "front"))
        assertEquals(listOf("driving_licence", "front", "licence.png"), listOf(document.type, document.side, document.fileName), "document")
        assertEquals(listOf(document.id), client.documents.list(id).documents?.map { it.id }, "documents")
        val bytes = client.documents.download(document.id!!)
        assertTrue(bytes.content.contentEquals(licence), "a download is byte-exact")
        val selfie = client.livePhotos.upload(V3LivePhotoUploader(applicantId = id, file = FileInput(content = photo)))
        assertEquals("upload.png", selfie.fileName, "a file without a name is named after its bytes")

        val check = client.checks.create(V3CheckBuilder(applicantId = id, reportNames = listOf("document", "facial_similarity_photo")))
        assertEquals(2, check.reportIds?.size, "report ids")
        val done = client.checks.find(check.id!!)
        assertEquals("complete" to "clear", done.status to done.result, "check")
        val reports = client.reports.list(check.id!!).reports.orEmpty()
        assertEquals(setOf("document", "facial_similarity_photo"), reports.mapNotNull { it.name }.toSet(), "reports")
        val report = client.reports.find(reports.first { it.name == "document" }.id!!)
        assertEquals("complete" to "clear", report.status to report.result, "document report")
        assertTrue(report.breakdown != null && report.breakdown!!.startsWith("{"), "breakdown as JSON text: ${report.breakdown}")
        val pdf = client.checks.download(check.id!!)
        assertTrue(pdf.content.isNotEmpty(), "check PDF")

        // Pages: the sandbox's Link header through the core's next input.
        repeat(2) { client.applicants.create(V3ApplicantBuilder(firstName = "P$it", lastName = "Doe")) }
        val first = client.applicants.list(perPage = 2)
        assertEquals(2 to 2L, first.value.applicants?.size to first.nextPage, "first page")
        val last = client.applicants.list(page = first.nextPage, perPage = 2)
        assertEquals(1 to null, last.value.applicants?.size to last.nextPage, "last page")
        val all = client.applicants.listAll(perPage = 2).toList()
        assertEquals(3, all.map { it.id }.toSet().size, "every applicant once, as a Flow over pages")

        // Webhooks: the token is a secret, never printed.
        val hook = client.webhooks.create(V3WebhookBuilder(url = "https://hooks.example/onfido", events = listOf("check.completed")))
        val token = assertNotNull(hook.token, "webhook token")
        assertTrue(!hook.toString().contains(token) && hook.toString().contains("***"), "V3Webhook.toString shows its token: $hook")
        assertEquals("OK", client.api.ping().trim(), "ping")

        client.applicants.delete(id)
        val gone = assertFailsWith<OnfidoException.Gone>("a deleted applicant") { client.applicants.find(id) }
        assertEquals("find_applicant" to 410, gone.operation to gone.status, "gone")
        client.applicants.restore(id)
        assertEquals("Janet", client.applicants.find(id).firstName, "restored")
    }

    @Test
    @DisplayName("v3.6 getting started over HTTP against onfido-sandbox")
    fun overHttp(): Unit = runBlocking {
        SandboxServer().use { server ->
            gettingStarted(onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = server.url, apiVersion = ApiVersion.V36)))
        }
    }

    @Test
    @DisplayName("v3.6 getting started in process")
    fun inProcess(): Unit = runBlocking {
        gettingStarted(onfidoClient(ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V36), SandboxTransport().transport()))
    }

    @Test
    @DisplayName("v3.4: the same resources on its profile; an operation it lacks is refused before sending")
    fun v34(): Unit = runBlocking {
        val recording = RecordingTransport(SandboxTransport().transport())
        val client = onfidoClient(ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V34), recording)
        val joe = client.applicants.create(V3ApplicantBuilder(firstName = "Joe", lastName = "Bloggs"))
        assertEquals("Joe", client.applicants.find(joe.id!!).firstName, "found in v3.4")
        assertTrue(recording.requests.all { it.url.contains("/v3.4/") }, "v3.4 URLs: ${recording.requests.map { it.url }}")
        val sent = recording.requests.size
        val missing = assertFailsWith<OnfidoException.Validation>("a v3.6-only operation") { client.applicants.findConsents(joe.id!!) }
        assertTrue("operation" in missing.fields, "fields ${missing.fields}")
        assertEquals(sent, recording.requests.size, "nothing sent")
    }

    @Test
    @DisplayName("a download's redirect over HTTP is followed by the core's driver, heard by the listener")
    fun redirectOverHttp(): Unit = runBlocking {
        SandboxServer().use { server ->
            val events = DriverTest.Events()
            val recording = RecordingTransport(HttpURLConnectionTransport())
            val client = onfidoClient(ClientConfig(apiToken = TOKEN, baseUrl = server.url, apiVersion = ApiVersion.V36), recording, listener = events)
            val evidence = client.workflowRuns.downloadSignedEvidenceFile("6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10")
            assertTrue(evidence.content.copyOfRange(0, 4).contentEquals("%PDF".toByteArray()), "a PDF after the redirect")
            val sent = events.of(CallEvent.RequestSent::class.java)
            assertEquals(listOf("call", "redirect"), sent.map { it.purpose }, "purposes")
            assertTrue(sent[1].url.startsWith(server.url + "/sandbox/files/"), "redirect URL ${sent[1].url}")
            assertEquals(listOf(302, 200), events.of(CallEvent.ResponseReceived::class.java).map { it.status }, "statuses")
            assertEquals(2, recording.requests.size, "requests")
        }
    }

    @Test
    @DisplayName("unknown members are kept in extraJson; bad input is refused before sending; a v2 client is told")
    fun unknownFieldsAndErrors(): Unit = runBlocking {
        val body = """{"id": "a1", "first_name": null, "last_name": "Doe", "dob": "1990-01-31", "created_at": "2024-05-23T13:50:33.250Z", "brand_new": {"x": [1, 2]}, "address": {"postcode": "SW4", "floor": 3}}"""
        val recording = RecordingTransport(ScriptedTransport({ json(200, body) }))
        val client = onfidoClient(ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V36), recording)
        val applicant = client.applicants.find("6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10")
        assertNull(applicant.firstName, "null is no value")
        assertEquals("Doe", applicant.lastName, "a named member")
        assertEquals(LocalDate.of(1990, 1, 31) to Instant.parse("2024-05-23T13:50:33.250Z"), applicant.dob to applicant.createdAt, "dates")
        val extra = Json.parse(applicant.extraJson!!) as Map<*, *>
        assertEquals(setOf("brand_new"), extra.keys, "extra members $extra")
        assertEquals("SW4", applicant.address?.postcode, "nested")
        assertEquals(mapOf("floor" to java.math.BigDecimal(3)), Json.parse(applicant.address?.extraJson!!), "nested extra")
        assertEquals("https://api.eu.onfido.com/v3.6/applicants/6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10", recording.requests.single().url, "URL")

        // The core checks the input against the description: nothing is sent.
        val invalid = assertFailsWith<OnfidoException.Validation>("no last name, a character the API refuses") { client.applicants.create(V3ApplicantBuilder(firstName = "A<b>")) }
        assertTrue("last_name" in invalid.fields && "first_name" in invalid.fields, "fields ${invalid.fields}")
        val badId = assertFailsWith<OnfidoException.Validation>("not a UUID") { client.applicants.find("nope") }
        assertTrue("applicant_id" in badId.fields, "fields ${badId.fields}")
        val badExtra = assertFailsWith<OnfidoException.Validation>("extraJson not an object") { client.applicants.create(V3ApplicantBuilder(firstName = "A", lastName = "B", extraJson = "[1]")) }
        assertTrue("extra_json" in badExtra.fields, "fields ${badExtra.fields}")
        assertEquals(1, recording.requests.size, "requests sent")

        // Fields the records do not name go through extraJson, checked by the core like the rest.
        val sent = RecordingTransport(ScriptedTransport({ json(201, """{"id": "a2"}""") }))
        onfidoClient(ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V36), sent)
            .applicants.create(V3ApplicantBuilder(firstName = "A", lastName = "B", extraJson = """{"email": "a@example.com"}"""))
        val posted = Json.parse(sent.requests.single().body.toString(Charsets.UTF_8)) as Map<*, *>
        assertEquals(mapOf("first_name" to "A", "last_name" to "B", "email" to "a@example.com"), posted, "body")

        val v2 = onfidoClient(ClientConfig(apiToken = TOKEN, apiVersion = ApiVersion.V2), recording)
        val config = assertFailsWith<OnfidoException.Config>("a v2 client") { v2.applicants.find("6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10") }
        assertEquals("api_version", config.field, "field")
        // And the other way round: client.v2 on a client of the default version (v3.6).
        val v36 = onfidoClient(ClientConfig(apiToken = TOKEN), recording)
        val other = assertFailsWith<OnfidoException.Config>("v2 on a v3.6 client") { v36.v2.applicants.retrieve("a1") }
        assertEquals("api_version", other.field, "field")
        assertEquals(1, recording.requests.size, "requests sent")
    }
}
