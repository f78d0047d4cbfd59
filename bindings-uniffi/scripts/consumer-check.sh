#!/usr/bin/env bash
# The installed artifacts on their own: installs onfido-core and onfido-core-okhttp into the local
# Maven repository, then builds two scratch Maven projects in a temporary directory that depend on
# them alone, and runs their getting-started program (create an applicant, upload a document, create
# a check, read the report; in v3.6, then in v2 through `client.v2`) against a running onfido-sandbox: in Kotlin with the default transport
# and with OkHttp, and in plain Java through OnfidoBlocking. Run by make test-kotlin after test-kotlin.sh (which builds the library and server).
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$crate/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onfido-core/target}"
source "$crate/scripts/tools.sh"

(cd "$KOTLIN_PROJECT" && mvn_offline_first -q install -DskipTests)

scratch="$(mktemp -d)"
cleanup() {
  # Closing the server's stdin stops it.
  if [ -n "${SANDBOX_PID:-}" ]; then
    [ -n "${SANDBOX[1]:-}" ] && eval "exec ${SANDBOX[1]}>&-"
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$KOTLIN_PROJECT/pom.xml" | head -1)"

# scratch_project DIR ARTIFACT SOURCES MAIN_CLASS [PLUGIN_XML]: a Maven project that depends on the
# installed artifacts alone, with the build's settings (.mvn/) and pinned plugin versions; exec:exec
# runs MAIN_CLASS in a JVM of its own with no JNA property.
scratch_project() {
  local dir="$1" artifact="$2" sources="$3" main="$4" extra="${5:-}"
  mkdir -p "$dir/$sources"
  cp -r "$KOTLIN_PROJECT/.mvn" "$dir/"
  cat > "$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>$artifact</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency>
      <groupId>onfido.core</groupId>
      <artifactId>onfido-core</artifactId>
      <version>$version</version>
    </dependency>
    <dependency>
      <groupId>onfido.core</groupId>
      <artifactId>onfido-core-okhttp</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
  <build>
    <sourceDirectory>$sources</sourceDirectory>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>$(pom_version maven-resources-plugin)</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>$(pom_version maven-compiler-plugin)</version>
      </plugin>$extra
      <plugin>
        <groupId>org.codehaus.mojo</groupId>
        <artifactId>exec-maven-plugin</artifactId>
        <version>$(pom_version exec-maven-plugin)</version>
        <configuration>
          <executable>java</executable>
          <arguments>
            <argument>-classpath</argument>
            <classpath/>
            <argument>$main</argument>
          </arguments>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}

scratch_project "$scratch/kotlin" getting-started src/main/kotlin GettingStartedKt "
      <plugin>
        <groupId>org.jetbrains.kotlin</groupId>
        <artifactId>kotlin-maven-plugin</artifactId>
        <version>$(pom_property kotlin.version)</version>
        <configuration><jvmTarget>17</jvmTarget></configuration>
        <executions><execution><goals><goal>compile</goal></goals></execution></executions>
      </plugin>"
cat > "$scratch/kotlin/src/main/kotlin/GettingStarted.kt" <<'KT'
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.toList
import okhttp3.OkHttpClient
import onfido.core.*
import onfido.core.okhttp.OkHttpTransport

/** The README's getting-started flow (v3.6, then v2), against the server at $ONFIDO_BASE_URL, with each transport. */
suspend fun main() {
    val config = ClientConfig(apiToken = "test_getting_started", baseUrl = System.getenv("ONFIDO_BASE_URL"))
    val licence = fileInput(Path.of(System.getenv("LICENCE")))
    val http = OkHttpClient()
    val clients = listOf("HttpURLConnection" to onfidoClient(config, timeout = 30.seconds), "OkHttp" to onfidoClient(config, OkHttpTransport(http)))
    for ((name, onfido) in clients) {
        val jane = onfido.applicants.create(V3ApplicantBuilder(firstName = "Jane", lastName = "Doe", dob = java.time.LocalDate.of(1990, 1, 1)))
        val document = onfido.documents.upload(V3DocumentUploader(applicantId = jane.id, file = licence, type = "driving_licence", side = "front"))
        check(onfido.documents.list(jane.id!!).documents == listOf(document)) { "the applicant's documents" }
        val check = onfido.checks.create(V3CheckBuilder(applicantId = jane.id, reportNames = listOf("document")))
        val report = onfido.reports.find(check.reportIds!!.single())
        val done = onfido.checks.find(check.id!!)
        println("$name v3.6: applicant ${jane.id}, document ${document.fileName}, check ${done.status} ${done.result}, ${report.name} report ${report.result}")
        check(done.result == "clear" && report.result == "clear") { "expected a clear check" }
        check(onfido.applicants.listAll().toList().any { it.id == jane.id }) { "every applicant" }
    }
    // API v2 through client.v2, with its hand-written rules (derivedResult).
    val v2 = onfidoClient(config.copy(apiVersion = ApiVersion.V2), OkHttpTransport(http))
    val joe = v2.v2.applicants.create(V2ApplicantBuilder(firstName = "Joe", lastName = "Bloggs"))
    v2.v2.documents.upload(joe.id!!, V2DocumentUploader(file = licence, type = "driving_licence", side = "front"))
    val check = v2.v2.checks.create(joe.id!!, V2CheckBuilder(type = "express", reports = listOf(V2ReportRequest(name = "document"))))
    val report = v2.v2.reports.retrieve(check.id!!, check.reportIds.single())
    println("OkHttp v2: applicant ${joe.id}, check ${check.status} ${check.derivedResult}, ${report.name} report ${report.result}")
    check(check.derivedResult == "clear" && report.findings.isEmpty()) { "expected a clear check" }
    // OkHttp's threads outlive the calls by a minute unless the client is shut down.
    http.dispatcher.executorService.shutdown()
    http.connectionPool.evictAll()
}
KT

# The same flow from plain Java (no Kotlin plugin): the blocking facade.
scratch_project "$scratch/java" getting-started-java src/main/java GettingStarted
cat > "$scratch/java/src/main/java/GettingStarted.java" <<'JAVA'
import java.nio.file.Path;
import java.util.List;
import onfido.core.*;

/** The getting-started flow from Java (v3.6, then v2), against the server at $ONFIDO_BASE_URL, with blocking calls. */
public class GettingStarted {
    public static void main(String[] args) {
        ClientConfig config = new ClientConfig();
        config.setApiToken("test_getting_started");
        config.setBaseUrl(System.getenv("ONFIDO_BASE_URL"));
        OnfidoBlocking onfido = new OnfidoBlocking(Onfido.onfidoClient(config));
        FileInput licence = Onfido.fileInput(Path.of(System.getenv("LICENCE")), "licence.png");
        V3ApplicantBuilder input = new V3ApplicantBuilder();
        input.setFirstName("Jane");
        input.setLastName("Doe");
        V3Applicant jane = onfido.applicants().create(input);
        V3DocumentUploader upload = new V3DocumentUploader();
        upload.setApplicantId(jane.getId());
        upload.setFile(licence);
        upload.setType("driving_licence");
        upload.setSide("front");
        V3Document document = onfido.documents().upload(upload);
        V3CheckBuilder checkInput = new V3CheckBuilder();
        checkInput.setApplicantId(jane.getId());
        checkInput.setReportNames(List.of("document"));
        V3Check check = onfido.checks().find(onfido.checks().create(checkInput).getId());
        V3Report report = onfido.reports().find(check.getReportIds().get(0));
        System.out.println("Java v3.6: applicant " + jane.getId() + ", document " + document.getFileName() + ", check "
            + check.getResult() + ", report " + report.getResult());
        if (!"clear".equals(check.getResult()) || !"clear".equals(report.getResult())) {
            throw new IllegalStateException("expected a clear check");
        }

        config.setApiVersion(ApiVersion.V2);
        OnfidoBlocking v2 = new OnfidoBlocking(Onfido.onfidoClient(config));
        V2ApplicantBuilder joeInput = new V2ApplicantBuilder();
        joeInput.setFirstName("Joe");
        joeInput.setLastName("Bloggs");
        V2Applicant joe = v2.v2().applicants().create(joeInput);
        V2DocumentUploader joeUpload = new V2DocumentUploader();
        joeUpload.setFile(licence);
        joeUpload.setType("driving_licence");
        v2.v2().documents().upload(joe.getId(), joeUpload);
        V2ReportRequest request = new V2ReportRequest();
        request.setName("document");
        V2CheckBuilder v2Check = new V2CheckBuilder();
        v2Check.setType("express");
        v2Check.setReports(List.of(request));
        V2Check created = v2.v2().checks().create(joe.getId(), v2Check);
        System.out.println("Java v2: applicant " + joe.getId() + ", check " + created.getResult() + " (derived " + Onfido.getDerivedResult(created) + ")");
        if (!"clear".equals(Onfido.getDerivedResult(created))) {
            throw new IllegalStateException("expected a clear v2 check");
        }
    }
}
JAVA

coproc SANDBOX { exec "$CARGO_TARGET_DIR/debug/onfido-sandbox" --port 0; }
read -r first <&"${SANDBOX[0]}"
base_url="${first#listening on }"
export ONFIDO_BASE_URL="$base_url" LICENCE="$repo/tests/fixtures/sample_driving_licence.png"
exec_plugin="org.codehaus.mojo:exec-maven-plugin:$(pom_version exec-maven-plugin):exec"
(cd "$scratch/kotlin" && mvn_offline_first -q compile "$exec_plugin")
(cd "$scratch/java" && mvn_offline_first -q compile "$exec_plugin")
echo "consumer check: the installed artifacts build and run a Kotlin and a Java project of their own"
