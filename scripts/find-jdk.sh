#!/usr/bin/env bash
# Prints the home of a JDK whose version is at least $1 (default 21), or exits 1.
# Looks at JAVA_HOME, the java on PATH, then the usual install locations.
set -euo pipefail
min="${1:-21}"

java_major() { # $1 = JDK home; prints its feature version, or nothing
  local release="$1/release" version=""
  if [[ -r "$release" ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release")
  elif [[ -x "$1/bin/java" ]]; then
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version="${version#1.}"
  printf '%s' "${version%%[.+-]*}"
}

candidates=()
[[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
if command -v java >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
  "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [[ -d "$dir" ]] && candidates+=("$dir")
done

for home in "${candidates[@]}"; do
  [[ -x "$home/bin/javac" ]] || continue
  major=$(java_major "$home")
  if [[ -n "$major" && "$major" -ge "$min" ]]; then
    printf '%s\n' "$home"
    exit 0
  fi
done
exit 1
