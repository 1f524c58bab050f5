# Sourced by bin/run, bin/dev, bin/test and .ci/run: exports JAVA_HOME (and PATH) for a JDK >= 21, the build's target,
# and sets LAUNCHER_JVM_OPTIONS for the launchers' own JVMs (see the end).
# Order: a JAVA_HOME that is already >= 21, the `java` on PATH if >= 21, then the newest JDK under /usr/lib/jvm,
# /opt/java or ~/.sdkman/candidates/java.

_java_major() { # $1: a java executable; prints its feature version (17, 21, 25) or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

_select_jdk() {
    local minimum=21 candidate major best="" best_major=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(_java_major "$JAVA_HOME/bin/java")
        if [ "${major:-0}" -ge "$minimum" ]; then return 0; fi
    fi
    if command -v java >/dev/null 2>&1; then
        major=$(_java_major "$(command -v java)")
        if [ "${major:-0}" -ge "$minimum" ]; then
            JAVA_HOME=$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(_java_major "$candidate/bin/java")
        if [ "${major:-0}" -ge "$minimum" ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate"; best_major="$major"
        fi
    done
    if [ -z "$best" ]; then
        echo "No JDK $minimum or newer found (JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, sdkman). Install one, e.g. Temurin 21." >&2
        return 1
    fi
    JAVA_HOME="$best"
}

_select_jdk || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
unset -f _select_jdk

# protobuf-java (the launchers decode OTLP) uses sun.misc.Unsafe, which JDK 24+ warns about on the console. The flag
# that allows it quietly only exists since JDK 23: probe for it rather than parse version numbers.
LAUNCHER_JVM_OPTIONS=""
if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    LAUNCHER_JVM_OPTIONS="--sun-misc-unsafe-memory-access=allow"
fi
