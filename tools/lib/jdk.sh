# shellcheck shell=bash
# Finds a JDK new enough for the build. Sourced by ./voicebot and .ci/run.

# Prints the feature version (8, 17, 21, 25, ...) of the given java executable.
java_feature_version() {
  local version
  version=$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }') || return 1
  [[ $version == 1.* ]] && version=${version#1.}
  version=${version%%[!0-9]*}
  [[ -n $version ]] && echo "$version"
}

# Succeeds when the folder holds a full JDK (java and javac) of at least the given version.
is_jdk_home() {
  local home=$1 minimum=$2 version
  [[ -n $home && -x $home/bin/java && -x $home/bin/javac ]] || return 1
  version=$(java_feature_version "$home/bin/java") || return 1
  ((version >= minimum))
}

# Prints the home of a JDK >= minimum, trying in order: JAVA_HOME, the java on PATH, then the
# newest JDK under /usr/lib/jvm. Fails (printing nothing) when none qualifies.
find_jdk() {
  local minimum=$1 home path_java candidate version best_home='' best_version=0
  if is_jdk_home "${JAVA_HOME:-}" "$minimum"; then
    echo "$JAVA_HOME"
    return 0
  fi
  if path_java=$(command -v java 2>/dev/null); then
    home=$(dirname "$(dirname "$(readlink -f "$path_java")")")
    if is_jdk_home "$home" "$minimum"; then
      echo "$home"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    is_jdk_home "$candidate" "$minimum" || continue
    version=$(java_feature_version "$candidate/bin/java")
    if ((version > best_version)); then
      best_version=$version
      best_home=$candidate
    fi
  done
  [[ -n $best_home ]] && echo "$best_home"
}
