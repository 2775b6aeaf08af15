#!/usr/bin/env bash
# Runs Vigil on its embedded database against the local demo test bed: a real
# Synapse with a fleet of agents (and their deliberate faults) and a loopback
# mTLS mesh. Prints the URL and the demo sign-in. Ctrl-C stops everything it
# started — Vigil, the agents, the mesh's servers, Synapse — and removes its temp folders.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1
export VIGIL_TESTBED_DIR="${VIGIL_TESTBED_DIR:-$PWD/.testbed}"
PORT="${PORT:-3000}"

TESTBED_PID=""
begin_hygiene
echo "[demo] starting the test bed (first run installs Synapse and seeds the fleet: a minute or two)"
start_testbed --live
echo "[demo] building Vigil"
npx next build >"$RUN_TMP/build.log" 2>&1 || { tail -60 "$RUN_TMP/build.log"; exit 1; }

export VIGIL_ADMIN_EMAIL="${VIGIL_ADMIN_EMAIL:-admin@vigil.local}"
export VIGIL_ADMIN_PASSWORD="${VIGIL_ADMIN_PASSWORD:-vigil-demo-password}"
cat <<MSG

  Vigil:     http://127.0.0.1:$PORT
  Sign in:   $VIGIL_ADMIN_EMAIL / $VIGIL_ADMIN_PASSWORD   (created on first start only)
  Test bed:  $VIGIL_TESTBED_DIR (Synapse $(node -e "console.log(require('$VIGIL_TESTBED_DIR/ready.json').baseUrl)"))
  Then:      Overview → Scan now
  Probes:    Mesh → agent ref004 (reference 004's middleware accepts a replayed request) beside ref004-corrected

MSG
# In the background and waited for, so the trap runs on Ctrl-C; NEXT_MANUAL_SIG_HANDLE lets Vigil's
# own SIGTERM handler finish a running scan (lib/startup.ts).
VIGIL_CONFIG="$VIGIL_TESTBED_DIR/vigil.config.yaml" NEXT_MANUAL_SIG_HANDLE=1 node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$PORT" &
wait $!
