#!/usr/bin/env bash
# Prints the home of a JDK whose version is at least $1 (default 21), or exits 1.
set -euo pipefail
REQUIRED_MAJOR="${1:-21}"
# shellcheck source=scripts/jdk.sh
source "$(dirname "$0")/jdk.sh"
home=$(find_java_home)
[[ -n $home ]] || exit 1
printf '%s\n' "$home"
