#!/usr/bin/env bash
# run.sh - the search measurements: approximate search on Fashion-MNIST through Engram beside raw
# Lucene (ann), exact search beside the memory-bandwidth floor (exact), and recall of the local
# embedding models on the labelled retrieval set (retrieval).
#
# Usage (from the repository root):  engram-benchmarks/search/run.sh [ann|exact|retrieval|all] [ARGS...]
# ARGS go to the chosen measurement (e.g. `ann --queries 500 --engram-candidates 48`). Needs a JDK
# 21+ (found like ./engram finds it); builds the benchmarks jar when missing; installs Debian's
# dataset-fashion-mnist package for `ann` when its files are missing.
set -euo pipefail
WHAT=${1:-all}
shift || true
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR=$ROOT/engram-benchmarks/target/benchmarks.jar
FASHION=/usr/share/datasets/fashion-mnist
# shellcheck source=../../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
JAVA=$(find_java_home)/bin/java
# Lucene's vectorized code needs the JDK's vector module.
JVM=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)

[[ -f $JAR ]] || (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl engram-benchmarks -am package)

ann() {
  if [[ ! -f $FASHION/train-images-idx3-ubyte.gz ]]; then
    apt-get install -y dataset-fashion-mnist >/dev/null 2>&1 \
      || { apt-get update >/dev/null && apt-get install -y dataset-fashion-mnist >/dev/null; }
  fi
  "$JAVA" "${JVM[@]}" -Xmx6g -cp "$JAR" dev.engram.benchmarks.search.AnnBenchmark --data "$FASHION" "$@"
}

exact() {
  "$JAVA" -jar "$JAR" ExactSearchBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2 "$@"
}

retrieval() {
  "$JAVA" "${JVM[@]}" -cp "$JAR" dev.engram.benchmarks.search.RetrievalQuality "$@"
}

case $WHAT in
  ann | exact | retrieval) "$WHAT" "$@" ;;
  all) ann && exact && retrieval ;;
  *) echo "usage: $0 [ann|exact|retrieval|all] [ARGS...]" >&2; exit 2 ;;
esac
