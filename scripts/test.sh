#!/usr/bin/env bash
# The whole test suite, as CI runs it: typecheck, ESLint and the import rules
# (.dependency-cruiser.cjs), Prettier's formatting, unit tests, integration tests against a
# real Synapse, real Matrix clients and a real loopback mesh, then Playwright
# in Debian's Chromium against a production build of Vigil.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1
export VIGIL_TESTBED_DIR="${VIGIL_TESTBED_DIR:-$PWD/.testbed}"
SERVER_PID=""; TESTBED_PID=""
begin_hygiene # a private TMPDIR, and on exit or Ctrl-C: every child, Synapse (if we started it), PostgreSQL, the temp folders

echo "== typecheck, lint, import rules, formatting"
npx tsc --noEmit -p .
npm run --silent lint
npm run --silent deps
npm run --silent format:check

echo "== unit and integration tests"
start_postgres
npx vitest run
stop_postgres

echo "== browser tests"
start_testbed --live
npx next build >"$RUN_TMP/build.log" 2>&1 || { tail -60 "$RUN_TMP/build.log"; exit 1; }

data=$(mktemp -d "$RUN_TMP/e2e.XXXXXX")
port=$(free_port)
export VIGIL_ADMIN_EMAIL=admin@vigil.test VIGIL_ADMIN_PASSWORD="e2e-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
# NEXT_MANUAL_SIG_HANDLE: Vigil's own SIGTERM handler lets a running scan finish (lib/startup.ts).
VIGIL_DATA_DIR="$data" DATABASE_URL="$data/db" VIGIL_CONFIG="$VIGIL_TESTBED_DIR/vigil.config.yaml" NEXT_MANUAL_SIG_HANDLE=1 \
  node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port" >"$data/server.log" 2>&1 &
SERVER_PID=$! # the server itself (not an npx wrapper), so cleanup really stops it
wait_http "http://127.0.0.1:$port/api/health" 120 || { tail -40 "$data/server.log"; exit 1; }
VIGIL_E2E_URL="http://127.0.0.1:$port" VIGIL_DATA_DIR="$data" npx playwright test || { echo "server log:"; tail -40 "$data/server.log"; exit 1; }
