# Sourced by the launchers (./netcron, ./test, ./benchmark and the release's bin/netcron): which
# Java a binary is and which JVM flags suit it. Defines functions only.

# netcron_version_major VERSION: the feature release of a Java version string
# ("25.0.3" -> 25, "21" -> 21, "21-ea" -> 21, "1.8.0_292" -> 8).
netcron_version_major() {
  local version=$1 major
  major=${version%%[.+-]*}
  if [ "$major" = 1 ]; then
    major=${version#1.}
    major=${major%%[.+_-]*}
  fi
  case "$major" in
    ''|*[!0-9]*) return 1 ;;
  esac
  printf '%s\n' "$major"
}

# netcron_java_major JAVA: the feature release of that java binary, read from its `java -version`.
netcron_java_major() {
  local version
  version=$("$1" -version 2>&1 | sed -n 's/^[^ ]* version "\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$version" ] || return 1
  netcron_version_major "$version"
}

# netcron_jvm_flags MAJOR: the flags netcron always passes to a JVM of that release.
netcron_jvm_flags() {
  # Guice's Guava and other libraries still use sun.misc.Unsafe: JDK 24+ warn on every start
  # unless allowed. The option exists from JDK 23 on; older JVMs refuse to start with it.
  if [ "$1" -ge 23 ]; then
    printf '%s\n' "--sun-misc-unsafe-memory-access=allow"
  fi
}

# The oldest release netcron's classes run on (they are compiled for Java 21).
NETCRON_MIN_JAVA=21
