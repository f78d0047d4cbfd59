package onfido.core.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import onfido.core.ApiVersion;
import onfido.core.ClientConfig;
import onfido.core.Onfido;
import onfido.core.OnfidoBlocking;
import onfido.core.OnfidoException;
import onfido.core.OnfidoFutures;
import onfido.core.V2Applicant;
import onfido.core.V2ApplicantBuilder;
import onfido.core.V2Check;
import onfido.core.V2CheckBuilder;
import onfido.core.V2Document;
import onfido.core.V2DocumentUploader;
import onfido.core.V2ReportRequest;
import onfido.core.V3Applicant;
import onfido.core.V3ApplicantBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The generated Java facades, from Java, against the onfido-sandbox server: futures and blocking calls, v2 and v3. */
class JavaCallersTest {
    private static ClientConfig config(String baseUrl, ApiVersion version) {
        ClientConfig config = new ClientConfig();
        config.setApiToken(SupportKt.TOKEN);
        config.setBaseUrl(baseUrl);
        config.setApiVersion(version);
        return config;
    }

    private static V2ApplicantBuilder applicant(String first, String last) {
        V2ApplicantBuilder input = new V2ApplicantBuilder();
        input.setFirstName(first);
        input.setLastName(last);
        return input;
    }

    @Test
    @DisplayName("CompletableFuture facade (v2): the getting-started flow, every page, errors complete exceptionally")
    void futures() throws Exception {
        try (SandboxServer server = new SandboxServer(); OnfidoFutures onfido = new OnfidoFutures(Onfido.onfidoClient(config(server.getUrl(), ApiVersion.V2)))) {
            byte[] licence = Files.readAllBytes(Path.of(SupportKt.getFIXTURES().getPath(), "sample_driving_licence.png"));
            V2Applicant jane = onfido.v2().applicants().create(applicant("Jane", "Doe")).get(10, TimeUnit.SECONDS);
            assertEquals("Jane", jane.getFirstName());
            V2DocumentUploader upload = new V2DocumentUploader();
            upload.setFile(Onfido.fileInput(licence, "licence.png"));
            upload.setType("driving_licence");
            upload.setSide("front");
            V2Document document = onfido.v2().documents().upload(jane.getId(), upload).get(10, TimeUnit.SECONDS);
            assertEquals("licence.png", document.getFileName());
            V2ReportRequest report = new V2ReportRequest();
            report.setName("document");
            V2CheckBuilder checkInput = new V2CheckBuilder();
            checkInput.setType("express");
            checkInput.setReports(List.of(report));
            V2Check created = onfido.v2().checks().create(jane.getId(), checkInput).get(10, TimeUnit.SECONDS);
            assertEquals("clear", Onfido.getDerivedResult(created), "a rule from Java");
            V2Check check = onfido.v2().checks().retrieve(jane.getId(), created.getId()).get(10, TimeUnit.SECONDS);
            assertEquals("clear", check.getResult());
            assertEquals(1, onfido.v2().checks().list(jane.getId()).get(10, TimeUnit.SECONDS).getChecks().size(), "@JvmOverloads: expand left out");
            assertEquals(1, onfido.v2().applicants().list(1L, 10L).get(10, TimeUnit.SECONDS).getValue().getApplicants().size(), "pages as Long");
            onfido.v2().applicants().create(applicant("Joe", "Bloggs")).get(10, TimeUnit.SECONDS);
            assertEquals(2, onfido.v2().applicants().listAll(1L).get(10, TimeUnit.SECONDS).size(), "every item of every page");

            ExecutionException failed = assertThrows(ExecutionException.class, () -> onfido.v2().applicants().retrieve("no-such-applicant").get(10, TimeUnit.SECONDS));
            OnfidoException.NotFound api = assertInstanceOf(OnfidoException.NotFound.class, failed.getCause());
            assertEquals("resource_not_found", api.getErrorType());
            assertEquals(404, api.getStatus(), "the status is a Java int (no unsigned types at the surface)");
            assertTrue(api.toString().startsWith("GET http://127.0.0.1:") && api.toString().contains("(retrieve_applicant) was refused: 404 resource_not_found"), "toString " + api);
            assertEquals(Long.valueOf(licence.length), document.getFileSize(), "sizes are Long");
            CompletableFuture<Void> deleted = onfido.v2().applicants().delete(jane.getId());
            assertEquals(null, deleted.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("CompletableFuture facade (v3.6): the resources of the client")
    void futuresV3() throws Exception {
        try (SandboxServer server = new SandboxServer(); OnfidoFutures onfido = new OnfidoFutures(Onfido.onfidoClient(config(server.getUrl(), ApiVersion.V36)))) {
            V3ApplicantBuilder builder = new V3ApplicantBuilder();
            builder.setFirstName("Jane");
            builder.setLastName("Doe");
            V3Applicant jane = onfido.applicants().create(builder).thenCompose(a -> onfido.applicants().find(a.getId())).get(10, TimeUnit.SECONDS);
            assertEquals("Doe", jane.getLastName());
            assertEquals(List.of(jane.getId()), onfido.applicants().listAll().get(10, TimeUnit.SECONDS).stream().map(V3Applicant::getId).toList(), "listAll");
            ExecutionException wrongVersion = assertThrows(ExecutionException.class, () -> onfido.v2().applicants().retrieve(jane.getId()).get(10, TimeUnit.SECONDS));
            assertInstanceOf(OnfidoException.Config.class, wrongVersion.getCause(), "v2 on a v3.6 client");
        }
    }

    @Test
    @DisplayName("blocking facade: results returned, OnfidoException thrown (v2 and v3.6)")
    void blocking() {
        try (SandboxServer server = new SandboxServer()) {
            OnfidoBlocking onfido = new OnfidoBlocking(Onfido.onfidoClient(config(server.getUrl(), ApiVersion.V2)));
            V2Applicant joe = onfido.v2().applicants().create(applicant("Joe", "Bloggs"));
            assertEquals(joe, onfido.v2().applicants().retrieve(joe.getId()));
            assertTrue(onfido.v2().documents().list(joe.getId()).getDocuments().isEmpty());
            OnfidoException.Validation invalid = assertThrows(OnfidoException.Validation.class, () -> onfido.v2().applicants().create(applicant("", null)));
            assertTrue(invalid.getFields().containsKey("last_name"), "fields " + invalid.getFields());
            onfido.v2().applicants().delete(joe.getId());
            OnfidoException.NotFound gone = assertThrows(OnfidoException.NotFound.class, () -> onfido.v2().applicants().retrieve(joe.getId()));
            assertEquals("resource_not_found", gone.getErrorType(), "a deleted applicant without documents");

            OnfidoBlocking v3 = new OnfidoBlocking(Onfido.onfidoClient(config(server.getUrl(), ApiVersion.V36)));
            V3ApplicantBuilder builder = new V3ApplicantBuilder();
            builder.setFirstName("Ann");
            builder.setLastName("Lee");
            V3Applicant ann = v3.applicants().create(builder);
            assertEquals(ann, v3.applicants().find(ann.getId()));
            assertTrue(v3.documents().list(ann.getId()).getDocuments().isEmpty());
        }
    }
}
