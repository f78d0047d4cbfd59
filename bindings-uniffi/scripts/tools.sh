# Sourced by the scripts: checks Java and Maven (installing Debian's maven if it is missing), and
# defines the helpers below. Every Kotlin dependency and plugin comes from Maven Central, pinned in
# kotlin/pom.xml, into Maven's local repository (~/.m2/repository).
command -v java >/dev/null || { echo "java (17+) is required" >&2; exit 1; }
if ! command -v mvn >/dev/null; then
  echo "installing maven (apt)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >&2
fi
KOTLIN_PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../kotlin" && pwd)"

# mvn_offline_first ARGS...: runs mvn offline, so warm runs never touch the network; when the local
# repository lacks an artifact, says so and runs it again online. Other failures are failures. The
# offline run's [ERROR] lines are shown once it is known they are not about a missing artifact.
mvn_offline_first() {
  local log status=0
  log="$(mktemp)"
  mvn -o "$@" 2>&1 | tee "$log" | { grep -v '^\[ERROR\]' || true; } || status=$?
  if [ "$status" -ne 0 ] && grep -q "in offline mode" "$log"; then
    echo "(the local Maven repository lacks some artifacts: resolving them from Maven Central)" >&2
    status=0
    mvn "$@" || status=$?
  elif [ "$status" -ne 0 ]; then
    grep '^\[ERROR\]' "$log" >&2 || true
  fi
  rm -f "$log"
  return "$status"
}

# native_platform: the directory JNA searches on the classpath for this machine (linux-x86-64, …).
native_platform() {
  local os arch
  case "$(uname -s)" in Darwin) os=darwin ;; *) os=linux ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x86-64 ;; arm64 | aarch64) arch=aarch64 ;; *) arch="$(uname -m)" ;; esac
  echo "$os-$arch"
}

# pom_property NAME: a version pinned in kotlin/pom.xml's <properties>.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$KOTLIN_PROJECT/pom.xml" | head -1
}

# pom_version ARTIFACT: the version kotlin/pom.xml pins for a plugin.
pom_version() {
  grep -A1 "<artifactId>$1</artifactId>" "$KOTLIN_PROJECT/pom.xml" | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -1
}
