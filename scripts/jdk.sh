# Shell functions to find a JDK of a minimum version; sourced by the engram launcher and the CI
# scripts. Set REQUIRED_MAJOR before calling find_java_home (default 21).

REQUIRED_MAJOR=${REQUIRED_MAJOR:-21}

# Follows symbolic links to the real file (portable: no readlink -f).
resolve_link() {
  local path=$1 target
  while [[ -L $path ]]; do
    target=$(readlink "$path")
    if [[ $target == /* ]]; then
      path=$target
    else
      path=${path%/*}/$target
    fi
  done
  printf '%s\n' "$path"
}

# The major version of the Java installation at $1 (a home directory), or nothing. Reads the
# release file when there is one (in bash, which is much faster than starting a JVM).
java_major() {
  local home=$1 version="" line
  [[ -x $home/bin/java ]] || return 0
  if [[ -f $home/release ]]; then
    while IFS= read -r line || [[ -n $line ]]; do
      if [[ $line =~ ^JAVA_VERSION=\"([^\"]*)\" ]]; then
        version=${BASH_REMATCH[1]}
        break
      fi
    done <"$home/release"
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.} # 1.8.0_402 -> 8.0_402
  version=${version%%[!0-9]*}
  [[ -n $version ]] && printf '%s\n' "$version"
  return 0
}

# Succeeds when the installation at $1 is Java $REQUIRED_MAJOR or newer.
is_recent_jdk() {
  local major
  major=$(java_major "$1")
  [[ -n $major ]] && ((major >= REQUIRED_MAJOR))
}

# Prints the home of a Java $REQUIRED_MAJOR+ installation: JAVA_HOME, else the java on PATH, else
# the newest one in the usual install locations.
find_java_home() {
  if [[ -n ${JAVA_HOME:-} ]] && is_recent_jdk "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  local on_path
  if on_path=$(command -v java 2>/dev/null); then
    local home
    home=$(resolve_link "$on_path")
    home=${home%/*/*}
    if is_recent_jdk "$home"; then
      printf '%s\n' "$home"
      return 0
    fi
  fi
  local candidate best="" best_major=0 major
  shopt -s nullglob
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
    "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -L $candidate && $candidate == */current ]] && continue
    major=$(java_major "$candidate")
    if [[ -n $major ]] && ((major >= REQUIRED_MAJOR && major > best_major)); then
      best=$candidate
      best_major=$major
    fi
  done
  shopt -u nullglob
  [[ -n $best ]] && printf '%s\n' "$best"
  return 0
}
