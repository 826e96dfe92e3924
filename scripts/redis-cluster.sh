#!/usr/bin/env bash
# Starts or stops a local three-master Redis Cluster, to try redis-cluster:// URIs by hand:
#
#   scripts/redis-cluster.sh start [BASE_PORT]   # nodes on 127.0.0.1:BASE_PORT..BASE_PORT+2
#   scripts/redis-cluster.sh stop  [BASE_PORT]
#
# BASE_PORT defaults to 7000 (cluster bus ports are +10000). Nodes keep no data on disk
# (no RDB, no AOF); their files live in ${TMPDIR:-/tmp}/engram-redis-cluster-BASE_PORT.
# The tests do not need this script: they start a cluster of their own on spare ports.
set -euo pipefail

action="${1:-}"
base="${2:-7000}"
dir="${TMPDIR:-/tmp}/engram-redis-cluster-$base"
ports=("$base" "$((base + 1))" "$((base + 2))")

log() { echo "[redis-cluster] $*" >&2; }

start() {
  for bin in redis-server redis-cli; do
    command -v "$bin" >/dev/null || { log "$bin is not installed (scripts/ensure-services.sh)"; exit 1; }
  done
  for port in "${ports[@]}"; do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then
      log "port $port already answers; stop it first"
      exit 1
    fi
    mkdir -p "$dir/$port"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes \
      --cluster-config-file "$dir/$port/nodes.conf" --dir "$dir/$port" \
      --save "" --appendonly no --daemonize yes --logfile "$dir/$port/redis.log"
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do
      redis-cli -p "$port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
  done
  redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >/dev/null
  for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do
      redis-cli -p "$port" cluster info | grep -q '^cluster_state:ok' && break
      sleep 0.1
    done
  done
  log "up: redis-cluster://127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"
}

stop() {
  for port in "${ports[@]}"; do
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
  log "stopped"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [BASE_PORT]" >&2; exit 2 ;;
esac
