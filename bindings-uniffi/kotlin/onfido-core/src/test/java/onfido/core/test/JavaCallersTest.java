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
import onfido.core.Applicant;
import onfido.core.ApplicantInput;
import onfido.core.Check;
import onfido.core.CheckInput;
import onfido.core.CheckResult;
import onfido.core.CheckType;
import onfido.core.ClientConfig;
import onfido.core.Document;
import onfido.core.DocumentSide;
import onfido.core.DocumentType;
import onfido.core.Onfido;
import onfido.core.OnfidoBlocking;
import onfido.core.OnfidoException;
import onfido.core.OnfidoFutures;
import onfido.core.ReportName;
import onfido.core.ReportRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Java facades, from Java, against the onfido-sandbox server: futures and blocking calls. */
class JavaCallersTest {
    private static ClientConfig config(String baseUrl) {
        ClientConfig config = new ClientConfig();
        config.setApiToken(SupportKt.TOKEN);
        config.setBaseUrl(baseUrl);
        return config;
    }

    private static ApplicantInput applicant(String first, String last) {
        ApplicantInput input = new ApplicantInput();
        input.setFirstName(first);
        input.setLastName(last);
        return input;
    }

    @Test
    @DisplayName("CompletableFuture facade: the getting-started flow, errors complete exceptionally")
    void futures() throws Exception {
        try (SandboxServer server = new SandboxServer(); OnfidoFutures onfido = new OnfidoFutures(Onfido.onfidoClient(config(server.getUrl())))) {
            byte[] licence = Files.readAllBytes(Path.of(SupportKt.getFIXTURES().getPath(), "sample_driving_licence.png"));
            Applicant jane = onfido.createApplicant(applicant("Jane", "Doe")).get(10, TimeUnit.SECONDS);
            assertEquals("Jane", jane.getFirstName());
            Document document = onfido.uploadDocument(jane.getId(), Onfido.fileInput(licence, "licence.png"), DocumentType.DrivingLicence.INSTANCE, DocumentSide.Front.INSTANCE)
                .get(10, TimeUnit.SECONDS);
            assertEquals("licence.png", document.getFileName());
            CheckInput checkInput = new CheckInput(CheckType.Express.INSTANCE, List.of(new ReportRequest(ReportName.Document.INSTANCE, null, null, null)),
                null, null, null, null, null, null, null, null);
            Check check = onfido.createCheck(jane.getId(), checkInput).thenCompose(c -> onfido.retrieveCheck(jane.getId(), c.getId())).get(10, TimeUnit.SECONDS);
            assertEquals(CheckResult.Clear.INSTANCE, check.getResult());
            assertEquals(1, onfido.listChecks(jane.getId()).get(10, TimeUnit.SECONDS).size(), "@JvmOverloads: expandReports left out");
            assertEquals(1, onfido.listApplicants(1, 10).get(10, TimeUnit.SECONDS).getItems().size(), "pages as Integer");

            ExecutionException failed = assertThrows(ExecutionException.class, () -> onfido.retrieveApplicant("no-such-applicant").get(10, TimeUnit.SECONDS));
            OnfidoException.NotFound api = assertInstanceOf(OnfidoException.NotFound.class, failed.getCause());
            assertEquals("resource_not_found", api.getErrorType());
            assertEquals(404, api.getStatus(), "the status is a Java int (no unsigned types at the surface)");
            assertTrue(api.toString().startsWith("GET http://127.0.0.1:") && api.toString().contains("(retrieve_applicant) was refused: 404 resource_not_found"), "toString " + api);
            assertEquals(Long.valueOf(licence.length), document.getFileSize(), "sizes are Long");
            CompletableFuture<Void> deleted = onfido.deleteApplicant(jane.getId());
            assertEquals(null, deleted.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("blocking facade: results returned, OnfidoException thrown")
    void blocking() {
        try (SandboxServer server = new SandboxServer()) {
            OnfidoBlocking onfido = new OnfidoBlocking(Onfido.onfidoClient(config(server.getUrl())));
            Applicant joe = onfido.createApplicant(applicant("Joe", "Bloggs"));
            assertEquals(joe, onfido.retrieveApplicant(joe.getId()));
            assertTrue(onfido.listDocuments(joe.getId()).isEmpty());
            OnfidoException.Validation invalid = assertThrows(OnfidoException.Validation.class, () -> onfido.createApplicant(applicant("", null)));
            assertTrue(invalid.getFields().containsKey("last_name"), "fields " + invalid.getFields());
            onfido.deleteApplicant(joe.getId());
            OnfidoException.NotFound gone = assertThrows(OnfidoException.NotFound.class, () -> onfido.retrieveApplicant(joe.getId()));
            assertEquals("resource_not_found", gone.getErrorType(), "a deleted applicant without documents");
        }
    }
}
