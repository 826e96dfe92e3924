#!/usr/bin/env bash
# server-load.sh - loopback load test of `engram serve` on the SQLite default with wrk, beside the
# floor: bare Javalin (same Jetty/virtual-thread setup) answering a constant, in the same run.
#
# Usage (from the repository root):  engram-benchmarks/load/server-load.sh [SECONDS] [CONNECTIONS]
# Needs a JDK 21+ (found like ./engram finds it) and wrk (installed from Debian's packages when
# missing). Every request goes to 127.0.0.1; each wrk run is bounded by SECONDS (default 20).
# ENGRAM_JAR=path runs another build of the jar (to compare two builds back to back).
# Besides wrk's figures, each run prints the CPU time the serving JVM used per request (user +
# system, from /proc), which a busy machine moves much less than requests/s.
set -euo pipefail
DURATION=${1:-20}
CONNECTIONS=${2:-64}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/engram-benchmarks/load
JAR=${ENGRAM_JAR:-$ROOT/engram-cli/target/engram.jar}
SERVER_PORT=18480
FLOOR_PORT=18481
# shellcheck source=../../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
JAVA=$(find_java_home)/bin/java

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
[[ -f $JAR ]] || (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl engram-cli -am package)

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

await() { # waits (at most 30 s) until the URL answers
  for _ in $(seq 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server at $1 did not start" >&2; exit 1
}

ENGRAM_KEYS_FILE=$WORK/keys.json "$JAVA" -jar "$JAR" serve --store "sqlite:$WORK/engram.db" \
  --port $SERVER_PORT >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER_PID=$!
PIDS+=($SERVER_PID)
"$JAVA" -cp "$JAR" "$HERE/BareJavalin.java" $FLOOR_PORT >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
PIDS+=($FLOOR_PID)
BASE=http://127.0.0.1:$SERVER_PORT
await "$BASE/healthz"
await "http://127.0.0.1:$FLOOR_PORT/constant"

# Seed 10,000 items in 10 namespaces through the batch endpoint, 500 per request.
for batch in $(seq 0 19); do
  python3 - "$batch" >"$WORK/batch.json" <<'PY'
import json, sys
b = int(sys.argv[1])
ops = [{"op": "put", "namespace": ["bench", "t%d" % (i % 10)], "key": "k%d" % i,
        "value": {"n": i % 100, "lang": "en" if i % 2 else "fr", "text": "x" * 200}}
       for i in range(b * 500, (b + 1) * 500)]
print(json.dumps({"ops": ops}))
PY
  curl -fs -o /dev/null -X POST "$BASE/store/batch" -H 'content-type: application/json' --data-binary @"$WORK/batch.json"
done

GET_URL="$BASE/store/items?namespace=bench.t7&key=k4217"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
run() { # name, pid of the JVM that serves it, then wrk arguments
  local name=$1 pid=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d5s "$@" >/dev/null # warm-up (JIT), not reported
  echo "== $name"
  local before after requests
  before=$(cpu_ticks "$pid")
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$WORK/wrk.out"
  after=$(cpu_ticks "$pid")
  grep -E "Requests/sec|Latency |50%|90%|99%|Non-2xx|Socket errors" "$WORK/wrk.out"
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
  echo "  JVM CPU per request: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) us"
}

echo "machine: $(nproc) cores, $(uname -m); java: $("$JAVA" -version 2>&1 | head -1); wrk -t2 -c$CONNECTIONS -d${DURATION}s"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run "floor: bare Javalin constant" "$FLOOR_PID" "http://127.0.0.1:$FLOOR_PORT/constant"
run "GET /store/items (SQLite)" "$SERVER_PID" "$GET_URL"
run "PUT /store/items (SQLite)" "$SERVER_PID" -s "$HERE/put.lua" "$BASE"
run "POST /store/items/search, filtered (SQLite)" "$SERVER_PID" -s "$HERE/search.lua" "$BASE/store/items/search"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
