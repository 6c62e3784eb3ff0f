#!/usr/bin/env bash
# Brings up a local PostgreSQL for the collector's PostgreSQL tests and prints its DATABASE_URL on
# stdout (everything else goes to stderr), so CI can do: export DATABASE_URL="$(bash scripts/ci-postgres.sh)".
# Idempotent: an installed, running cluster and an existing role/database are reused.
set -euo pipefail

ROLE="${MITSPRACHE_PG_ROLE:-mitsprache}"
DATABASE="${MITSPRACHE_PG_DATABASE:-mitsprache_test}"
# A fixed test-only password: the cluster listens on loopback only and holds throwaway test data.
PASSWORD="${MITSPRACHE_PG_PASSWORD:-mitsprache-test}"

log() { echo "ci-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing Debian's postgresql"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

# The newest installed major version; Debian creates its "main" cluster on install.
VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $VERSION/main"
  pg_createcluster "$VERSION" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting cluster $VERSION/main"
  pg_ctlcluster "$VERSION" main start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" { print $3 }')"

# Waits for the server to accept connections (a fresh start takes a moment).
for _ in $(seq 1 60); do
  if su postgres -c "pg_isready -q -p $PORT"; then break; fi
  sleep 0.5
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -p $PORT $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != "1" ]; then
  log "creating role $ROLE"
  psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"")" != "1" ]; then
  log "creating database $DATABASE"
  psql_admin "-c \"CREATE DATABASE $DATABASE OWNER $ROLE\"" >&2
fi

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
