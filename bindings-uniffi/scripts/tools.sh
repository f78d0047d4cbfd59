# Sourced by the scripts: installs the Kotlin tools idempotently and sets KOTLINC, KOTLIN_LIB, JNA_JAR.
KOTLIN_COMPILER_VERSION=2.4.20
TOOLS="${ONFIDO_TOOLS:-$HOME/.cache/onfido-core/tools}"
KOTLIN_HOME="$TOOLS/npm/lib/node_modules/kotlin-compiler"
if ! grep -q "\"version\": \"$KOTLIN_COMPILER_VERSION\"" "$KOTLIN_HOME/package.json" 2>/dev/null; then
  echo "installing kotlin-compiler@$KOTLIN_COMPILER_VERSION (npm) under $TOOLS" >&2
  mkdir -p "$TOOLS/npm"
  npm install -g --silent --no-audit --no-fund --prefix "$TOOLS/npm" "kotlin-compiler@$KOTLIN_COMPILER_VERSION" >&2
fi
JNA_JAR=/usr/share/java/jna.jar
if [ ! -f "$JNA_JAR" ]; then
  echo "installing libjna-java (apt)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjna-java >&2
fi
command -v java >/dev/null || { echo "java (17+) is required" >&2; exit 1; }
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
KOTLIN_LIB="$KOTLIN_HOME/lib"
CLASSPATH_LIBS="$KOTLIN_LIB/kotlin-stdlib.jar:$KOTLIN_LIB/kotlinx-coroutines-core-jvm.jar:$JNA_JAR"

# compile_kotlin_jar NAME DIR...: compiles every .kt under the DIRs into a jar cached by a hash of
# the sources and the compiler version; prints the jar's path.
compile_kotlin_jar() {
  local name="$1"; shift
  local build="$HOME/.cache/onfido-core/kotlin-build" sources stamp jar
  mkdir -p "$build"
  sources=$(find "$@" -name '*.kt' | sort)
  stamp=$( (echo "$KOTLIN_COMPILER_VERSION"; cat $sources) | sha256sum | cut -c1-16)
  jar="$build/$name-$stamp.jar"
  if [ ! -f "$jar" ]; then
    echo "compiling $(echo "$sources" | wc -l | tr -d ' ') Kotlin files" >&2
    rm -f "$build/$name"-*.jar
    "$KOTLINC" -nowarn -jvm-target 17 -cp "$CLASSPATH_LIBS" -d "$jar.tmp.jar" $sources >&2
    mv "$jar.tmp.jar" "$jar"
  fi
  echo "$jar"
}
