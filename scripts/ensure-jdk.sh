#!/usr/bin/env bash
# Makes sure a JDK 21+ is installed where the build's toolchain discovery finds it
# (/usr/lib/jvm). Installs one from the distribution's packages when none is there.
set -euo pipefail
here="$(dirname "$0")"

if home=$("$here/find-jdk.sh" 21); then
  echo "JDK 21+ found: $home"
  exit 0
fi
echo "No JDK 21+ found; installing one from the distribution's packages" >&2
if command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
    if apt-get install -y -qq "$pkg"; then
      break
    fi
  done
fi
"$here/find-jdk.sh" 21 >/dev/null || {
  echo "No JDK 21+ available: install one (e.g. under /usr/lib/jvm) and run again" >&2
  exit 1
}
