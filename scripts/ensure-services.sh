#!/usr/bin/env bash
# Makes sure the servers the tests use answer on loopback: PostgreSQL on 127.0.0.1:5432 (user
# postgres without password, database "test") and Redis on 127.0.0.1:6379; and that Node.js and
# npm are installed for the tests that run npm packages. A server that is
# installed but stopped is started; one that is missing is installed from the distribution's
# packages and configured. Redis Cluster and the private instances of the failure tests are
# started by the tests themselves; they need only the binaries this installs.
set -euo pipefail

log() { echo "[services] $*" >&2; }

installed_packages=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "cannot install $*: no apt-get on this machine"
    return 1
  fi
  if [[ $installed_packages -eq 0 ]]; then
    apt-get update -qq
    installed_packages=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

wait_for() { # $1 = description, rest = command that succeeds when ready
  local what="$1"; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then
      log "$what is up"
      return 0
    fi
    sleep 0.5
  done
  log "$what did not come up"
  return 1
}

postgres_ready() { pg_isready -q -h 127.0.0.1 -p 5432; }
postgres_login() { psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; }

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  if ! postgres_ready; then
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    log "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for "PostgreSQL" postgres_ready
  fi
  if ! postgres_login; then
    # A fresh installation: let loopback clients in without a password and create the database.
    local hba
    hba=$(runuser -u postgres -- psql -Atc 'show hba_file')
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      log "allowing password-less loopback connections in $hba"
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
      runuser -u postgres -- psql -qc 'select pg_reload_conf()'
    fi
    if ! runuser -u postgres -- psql -Atc "select 1 from pg_database where datname='test'" | grep -q 1; then
      runuser -u postgres -- createdb test
    fi
    wait_for "PostgreSQL login as postgres to database test" postgres_login
  fi
}

redis_ready() { redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG; }

ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    apt_install redis-server redis-tools
  fi
  if ! redis_ready; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for "Redis" redis_ready
  fi
}

# Node.js and npm run the LangGraph JS SDK against the server and the PGlite (pgvector) server
# the PostgreSQL search tests start; both fetch their packages from npm with `npm ci`.
ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  log "Node.js $(node --version) and npm $(npm --version) are available"
}

ensure_postgres
ensure_redis
ensure_node
