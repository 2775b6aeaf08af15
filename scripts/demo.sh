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
start_testbed --live --demo
echo "[demo] building Vigil"
npx next build >"$RUN_TMP/build.log" 2>&1 || { tail -60 "$RUN_TMP/build.log"; exit 1; }

export VIGIL_ADMIN_EMAIL="${VIGIL_ADMIN_EMAIL:-admin@vigil.local}"
export VIGIL_ADMIN_PASSWORD="${VIGIL_ADMIN_PASSWORD:-vigil-demo-password}"
# The auditor's Matrix account, which the Auditor device page signs in to (the seed made its password).
tb_fact() { node -e 'console.log(process.argv[2].split(".").reduce((o, k) => o[k], require(process.argv[1])))' "$VIGIL_TESTBED_DIR/$1" "$2"; }
cat <<MSG

  Vigil:          http://127.0.0.1:$PORT
  Sign in:        $VIGIL_ADMIN_EMAIL / $VIGIL_ADMIN_PASSWORD   (created on first start only)
  Auditor device: $(tb_fact matrix.json auditor.userId) / $(tb_fact matrix.json auditor.password)   (Matrix user id / password)
  Test bed:       $VIGIL_TESTBED_DIR (Synapse $(tb_fact ready.json baseUrl))
  Then:           Overview → Scan now
  Probes:         Mesh → agent ref004 (reference 004's middleware accepts a replayed request) beside ref004-corrected
  Verify:         Auditor device → set up the identity → verify agent alpha by emoji. Demo only: the js-sdk agents
                  (alpha … foxtrot) print their emoji below and confirm on their own 5 s later.

MSG
# The agents' emoji and their automatic confirmations, from the test bed's log, for the person at the terminal.
tail -n 0 -F "$VIGIL_TESTBED_DIR/up.log" 2>/dev/null | grep --line-buffered "demo:" &
# In the background and waited for, so the trap runs on Ctrl-C; NEXT_MANUAL_SIG_HANDLE lets Vigil's
# own SIGTERM handler finish a running scan (lib/startup.ts).
VIGIL_CONFIG="$VIGIL_TESTBED_DIR/vigil.config.yaml" NEXT_MANUAL_SIG_HANDLE=1 node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$PORT" &
wait $!
