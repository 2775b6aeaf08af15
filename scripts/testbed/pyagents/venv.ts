/**
 * The virtualenv of the Python agents (mautrix-python, matrix-nio): built from
 * Debian's Python with --system-site-packages, because the Olm bindings both
 * libraries need come from Debian's python3-olm (built against libolm), not
 * from PyPI. Every package is pinned in requirements.txt; the venv records the
 * digest of the file it was built from, so a second run is one stat and one read.
 */
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cacheDir } from "../synapse/paths";

/** Debian's interpreter: the one python3-olm is built for (not a pyenv python3 on PATH). */
export const SYSTEM_PYTHON = "/usr/bin/python3";
export const REQUIREMENTS = path.join(import.meta.dirname, "requirements.txt");
const MARKER = "vigil-requirements.sha256";

export const agentsVenvDir = (): string => path.join(cacheDir(), "agents-venv");
export const agentsPython = (): string => path.join(agentsVenvDir(), "bin", "python");

const digest = (): string => crypto.createHash("sha256").update(fs.readFileSync(REQUIREMENTS)).digest("hex");

/** Make sure the venv holds exactly requirements.txt; a no-op when it already does. */
export function ensureAgentsVenv(log: (msg: string) => void = () => {}): string {
  const dir = agentsVenvDir();
  const marker = path.join(dir, MARKER);
  const want = digest();
  if (fs.existsSync(agentsPython()) && fs.existsSync(marker) && fs.readFileSync(marker, "utf8").trim() === want) return agentsPython();
  if (!fs.existsSync(SYSTEM_PYTHON)) throw new Error(`${SYSTEM_PYTHON} is missing: the agents need Debian's python3 (scripts/setup.sh)`);
  try {
    execFileSync(SYSTEM_PYTHON, ["-c", "import olm"], { stdio: "pipe" });
  } catch {
    throw new Error("Debian's python3-olm is not installed (apt-get install -y python3-olm libolm-dev; see scripts/setup.sh)");
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (!fs.existsSync(agentsPython())) {
    log(`creating virtualenv ${dir}`);
    execFileSync(SYSTEM_PYTHON, ["-m", "venv", "--system-site-packages", dir], { stdio: "inherit" });
  }
  log("installing the Python agents' pinned packages (first run only)");
  fs.rmSync(marker, { force: true });
  execFileSync(agentsPython(), ["-m", "pip", "install", "--quiet", "-r", REQUIREMENTS], { stdio: "inherit" });
  // Prove the pins and the system Olm load together before recording success.
  execFileSync(agentsPython(), ["-c", "import olm, mautrix.crypto, nio.crypto"], { stdio: "inherit" });
  fs.writeFileSync(marker, `${want}\n`);
  return agentsPython();
}
