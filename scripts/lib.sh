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

# A throwaway PostgreSQL server on a free loopback port, for the tests that prove the
# PostgreSQL path (VIGIL_TEST_POSTGRES_URL). initdb refuses root, so it runs as "postgres".
start_postgres() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then echo "[postgres] not installed: PostgreSQL tests will be skipped"; return 0; fi
  local run=(); [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  PG_DIR=$(mktemp -d /tmp/vigil-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  local port; port=$(free_port)
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U vigil --auth=trust >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -o "-p $port -k $PG_DIR -h 127.0.0.1" -l "$PG_DIR/server.log" -w start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  "${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U vigil vigil_test
  PG_CTL=("${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data")
  export VIGIL_TEST_POSTGRES_URL="postgres://vigil@127.0.0.1:$port/vigil_test"
  echo "[postgres] $VIGIL_TEST_POSTGRES_URL"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_CTL[@]}" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# ---- Hygiene: everything a script started stops when it ends (exit, error, Ctrl-C, SIGTERM).

# Every descendant of a pid, deepest first.
descendants() { local p; for p in $(pgrep -P "$1"); do descendants "$p"; echo "$p"; done; }

synapse_running() { local f="$VIGIL_TESTBED_DIR/synapse/synapse.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# Call once at the top of a script: a private TMPDIR (every mkdtemp of the tests and test bed lands
# there and goes with it) and a trap that stops all that the script started. Synapse runs detached
# (it is cached state for dev), so it is stopped by name, and only when this script started it.
begin_hygiene() {
  RUN_TMP=$(mktemp -d /tmp/vigil-run.XXXXXX)
  export TMPDIR="$RUN_TMP"
  SYNAPSE_WAS_RUNNING=0; synapse_running && SYNAPSE_WAS_RUNNING=1
  trap end_hygiene EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

end_hygiene() {
  local rc=$? pids p
  trap - EXIT INT TERM
  set +e # a process that is already gone must not end the cleanup half way
  pids=$(descendants $$)
  [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
  for _ in $(seq 1 40); do
    p=""; for x in $pids; do kill -0 "$x" 2>/dev/null && p="$p $x"; done
    [ -z "$p" ] && break; sleep 0.25
  done
  [ -n "${p:-}" ] && kill -KILL $p 2>/dev/null
  if [ "$SYNAPSE_WAS_RUNNING" = 0 ] && synapse_running; then
    node --import tsx scripts/testbed/synapse/cli.ts stop >/dev/null 2>&1 || kill "$(cat "$VIGIL_TESTBED_DIR/synapse/synapse.pid")" 2>/dev/null
  fi
  stop_postgres
  rm -rf "$RUN_TMP"
  exit "$rc"
}
