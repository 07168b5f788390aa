#!/usr/bin/env bash
# Installs unleash-server (6.10: the last line that runs on Node 20) outside the
# repository, starts it on the local PostgreSQL and waits until it answers.
# Prints the environment the provider test reads; use it with `eval`.
set -euo pipefail
cd "$(dirname "$0")/.."

export UNLEASH_DIR="${UNLEASH_DIR:-/tmp/release-scorecard-unleash}"
export UNLEASH_PORT="${UNLEASH_PORT:-4242}"
export UNLEASH_ADMIN_TOKEN="${UNLEASH_ADMIN_TOKEN:-*:*.release-scorecard-test-admin-token}"
export UNLEASH_DB_NAME="${UNLEASH_DB_NAME:-release_scorecard_unleash}"

if [ ! -d "$UNLEASH_DIR/node_modules/unleash-server" ]; then
  mkdir -p "$UNLEASH_DIR"
  echo '{ "name": "release-scorecard-unleash", "private": true }' > "$UNLEASH_DIR/package.json"
  npm install --prefix "$UNLEASH_DIR" --no-audit --no-fund --loglevel=error unleash-server@6.10.1 >&2
fi

psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$UNLEASH_DB_NAME'" |
  grep -q 1 || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $UNLEASH_DB_NAME" >&2

if ! curl -sf "http://localhost:$UNLEASH_PORT/health" >/dev/null; then
  nohup node scripts/unleash-server.js > "$UNLEASH_DIR/unleash.log" 2>&1 &
  for _ in $(seq 1 60); do
    curl -sf "http://localhost:$UNLEASH_PORT/health" >/dev/null && break
    sleep 1
  done
fi
curl -sf "http://localhost:$UNLEASH_PORT/health" >/dev/null || {
  echo "Unleash did not start; see $UNLEASH_DIR/unleash.log" >&2
  exit 1
}
echo "export RELEASE_SCORECARD_UNLEASH_URL=http://localhost:$UNLEASH_PORT"
echo "export RELEASE_SCORECARD_UNLEASH_TOKEN='$UNLEASH_ADMIN_TOKEN'"
