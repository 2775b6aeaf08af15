#!/usr/bin/env bash
# Runs Vigil on its embedded database against the local demo test bed: a real
# Synapse with a fleet of agents (and their deliberate faults) and a loopback
# mTLS mesh. Prints the URL and the demo sign-in. Ctrl-C stops Vigil and the mesh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1
export VIGIL_TESTBED_DIR="${VIGIL_TESTBED_DIR:-$PWD/.testbed}"
PORT="${PORT:-3000}"

TESTBED_PID=""
trap '[ -n "$TESTBED_PID" ] && kill "$TESTBED_PID" 2>/dev/null; wait 2>/dev/null' EXIT
echo "[demo] starting the test bed (first run installs Synapse and seeds the fleet: a minute or two)"
start_testbed --live
echo "[demo] building Vigil"
npx next build >/tmp/vigil-build.log 2>&1 || { tail -60 /tmp/vigil-build.log; exit 1; }

export VIGIL_ADMIN_EMAIL="${VIGIL_ADMIN_EMAIL:-admin@vigil.local}"
export VIGIL_ADMIN_PASSWORD="${VIGIL_ADMIN_PASSWORD:-vigil-demo-password}"
cat <<MSG

  Vigil:     http://127.0.0.1:$PORT
  Sign in:   $VIGIL_ADMIN_EMAIL / $VIGIL_ADMIN_PASSWORD   (created on first start only)
  Test bed:  $VIGIL_TESTBED_DIR (Synapse $(node -e "console.log(require('$VIGIL_TESTBED_DIR/ready.json').baseUrl)"))
  Then:      Overview → Scan now

MSG
VIGIL_CONFIG="$VIGIL_TESTBED_DIR/vigil.config.yaml" npx next start -H 127.0.0.1 -p "$PORT"
