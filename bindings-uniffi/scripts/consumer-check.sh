#!/usr/bin/env bash
# The installed artifacts on their own: installs onfido-core and onfido-core-okhttp into the local
# Maven repository, then builds a scratch Maven project in a temporary directory that depends on
# them alone, and runs its getting-started program (create an applicant, upload a document, create
# a check, read the report) against a running onfido-sandbox, once with the default transport and
# once with OkHttp. Run by make test-kotlin after test-kotlin.sh (which builds the library and server).
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
mkdir -p "$scratch/src/main/kotlin"
cp -r "$KOTLIN_PROJECT/.mvn" "$scratch/"   # the same Maven settings and options as the build
cat > "$scratch/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>getting-started</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <kotlin.version>$(pom_property kotlin.version)</kotlin.version>
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
    <sourceDirectory>src/main/kotlin</sourceDirectory>
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
      </plugin>
      <plugin>
        <groupId>org.jetbrains.kotlin</groupId>
        <artifactId>kotlin-maven-plugin</artifactId>
        <version>\${kotlin.version}</version>
        <configuration><jvmTarget>17</jvmTarget></configuration>
        <executions><execution><goals><goal>compile</goal></goals></execution></executions>
      </plugin>
      <plugin>
        <groupId>org.codehaus.mojo</groupId>
        <artifactId>exec-maven-plugin</artifactId>
        <version>$(pom_version exec-maven-plugin)</version>
        <configuration>
          <!-- A JVM of its own, with the installed jars on its class path and no JNA property. -->
          <executable>java</executable>
          <arguments>
            <argument>-classpath</argument>
            <classpath/>
            <argument>GettingStartedKt</argument>
          </arguments>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat > "$scratch/src/main/kotlin/GettingStarted.kt" <<'KT'
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.toList
import okhttp3.OkHttpClient
import onfido.core.*
import onfido.core.okhttp.OkHttpTransport

/** The README's getting-started flow, against the server at $ONFIDO_BASE_URL, with each transport. */
suspend fun main() {
    val config = ClientConfig(apiToken = "test_getting_started", baseUrl = System.getenv("ONFIDO_BASE_URL"))
    val http = OkHttpClient()
    val clients = listOf("HttpURLConnection" to onfidoClient(config, timeout = 30.seconds), "OkHttp" to onfidoClient(config, OkHttpTransport(http)))
    for ((name, onfido) in clients) {
        val jane = onfido.createApplicant(ApplicantInput(firstName = "Jane", lastName = "Doe", dob = "1990-01-01"))
        val document = onfido.uploadDocument(jane.id, Path.of(System.getenv("LICENCE")), DocumentType.DrivingLicence, DocumentSide.Front)
        check(onfido.documents(jane.id).toList() == listOf(document)) { "the applicant's documents" }
        val check = onfido.createCheck(jane.id, CheckInput(CheckType.Express, reports = listOf(ReportRequest(ReportName.Document))))
        val report = onfido.retrieveReport(check.id, check.reportIds.single())
        println("$name: applicant ${jane.id}, document ${document.fileName}, check ${check.status?.apiValue()} ${check.result?.apiValue()}, ${report.name?.apiValue()} report ${report.result?.apiValue()}")
        check(check.result == CheckResult.Clear && report.result == ReportResult.Clear) { "expected a clear check" }
    }
    // OkHttp's threads outlive the calls by a minute unless the client is shut down.
    http.dispatcher.executorService.shutdown()
    http.connectionPool.evictAll()
}
KT

coproc SANDBOX { exec "$CARGO_TARGET_DIR/debug/onfido-sandbox" --port 0; }
read -r first <&"${SANDBOX[0]}"
base_url="${first#listening on }"
cd "$scratch"
ONFIDO_BASE_URL="$base_url" LICENCE="$repo/tests/fixtures/sample_driving_licence.png" \
  mvn_offline_first -q compile "org.codehaus.mojo:exec-maven-plugin:$(pom_version exec-maven-plugin):exec"
echo "consumer check: the installed artifacts build and run a project of their own"
