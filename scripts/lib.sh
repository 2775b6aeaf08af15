# Shared helpers for demo.sh and test.sh (sourced, not run).

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Starts the test bed (Synapse + fleet + mesh) in the background and waits for it.
start_testbed() {
  local log="$VIGIL_TESTBED_DIR/up.log"
  mkdir -p "$VIGIL_TESTBED_DIR"
  rm -f "$VIGIL_TESTBED_DIR/ready.json"
  node node_modules/tsx/dist/cli.mjs scripts/testbed/up.ts "$@" >"$log" 2>&1 &
  TESTBED_PID=$!
  for _ in $(seq 1 600); do
    [ -f "$VIGIL_TESTBED_DIR/ready.json" ] && return 0
    if ! kill -0 "$TESTBED_PID" 2>/dev/null; then echo "[testbed] failed to start:"; tail -40 "$log"; return 1; fi
    sleep 0.5
  done
  echo "[testbed] not ready after 300 s:"; tail -40 "$log"; return 1
}

wait_http() { # url, seconds
  for _ in $(seq 1 $(( $2 * 4 ))); do curl -fsS -o /dev/null "$1" && return 0; sleep 0.25; done
  echo "no answer from $1 after $2 s"; return 1
}
