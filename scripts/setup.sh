#!/usr/bin/env bash
# Installs what Vigil and its test bed need on a fresh Debian machine:
# Debian's Chromium (browser tests; never a downloaded browser), sslscan and
# testssl.sh (the scanners the mesh verdicts are compared with), the TLS servers
# nobody here wrote that the mesh test bed runs (nginx, HAProxy, Caddy, stunnel),
# python3-venv (Synapse), libolm and python3-olm (the mautrix and matrix-nio agents),
# PostgreSQL (the tests prove Vigil on a PostgreSQL server as well as embedded),
# and the npm packages. Synapse itself is installed by the test bed on first
# start, into a cached virtualenv. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v sslscan >/dev/null 2>&1 || need+=(sslscan)
command -v testssl >/dev/null 2>&1 || need+=(testssl.sh)
command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
command -v stunnel4 >/dev/null 2>&1 || need+=(stunnel4)
/usr/bin/python3 -c 'import olm' >/dev/null 2>&1 || need+=(python3-olm) # Debian's python: the agents' venv is made from it
[ -f /usr/include/olm/olm.h ] || need+=(libolm-dev)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# npm ci refuses this registry's lockfile (other platforms' optional packages); install is the safe path.
echo "[setup] npm install"
npm install --no-audit --no-fund --loglevel=error
