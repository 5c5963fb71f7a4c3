# Sourced by ./netcron, ./test and ./benchmark: use JAVA_HOME if it is a JDK 21+, else look for one under /usr/lib/jvm.
. "$(dirname "${BASH_SOURCE[0]}")/jvm-flags.sh"
java_major() { netcron_java_major "$1/bin/java"; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge "$NETCRON_MIN_JAVA" ] 2>/dev/null; then
  :
else
  unset JAVA_HOME
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64 \
                   /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge "$NETCRON_MIN_JAVA" ] 2>/dev/null; then
      export JAVA_HOME=$candidate
      break
    fi
  done
  if [ -z "${JAVA_HOME:-}" ]; then
    echo "netcron: needs a JDK $NETCRON_MIN_JAVA or newer (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
    exit 1
  fi
fi
