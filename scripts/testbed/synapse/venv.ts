/**
 * The Synapse virtualenv. Pinned so every machine runs the same homeserver
 * the testbed was written against; created on first use, reused afterwards.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cacheDir } from "./paths";

/** The version the testbed's config and seeding were verified with. */
export const SYNAPSE_VERSION = "1.163.2";

export function venvDir(): string {
  return path.join(cacheDir(), "synapse-venv");
}

export function venvPython(): string {
  return path.join(venvDir(), "bin", "python");
}

/** Version of matrix-synapse installed in the venv, or null if none. */
export function installedSynapseVersion(): string | null {
  if (!fs.existsSync(venvPython())) return null;
  const r = spawnSync(venvPython(), ["-c", "import importlib.metadata as m; print(m.version('matrix-synapse'))"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Make sure the venv holds the pinned Synapse. A no-op (one short python
 * call) when it already does, so a second start is fast.
 */
export function ensureSynapseVenv(log: (msg: string) => void = () => {}): string {
  if (installedSynapseVersion() === SYNAPSE_VERSION) return venvPython();
  const dir = venvDir();
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (!fs.existsSync(venvPython())) {
    log(`creating virtualenv ${dir}`);
    execFileSync(process.env.PYTHON ?? "python3", ["-m", "venv", dir], { stdio: "inherit" });
  }
  log(`installing matrix-synapse==${SYNAPSE_VERSION} (first run only; takes a few minutes)`);
  execFileSync(venvPython(), ["-m", "pip", "install", "--quiet", "--upgrade", "pip"], { stdio: "inherit" });
  execFileSync(venvPython(), ["-m", "pip", "install", "--quiet", `matrix-synapse==${SYNAPSE_VERSION}`], {
    stdio: "inherit",
  });
  const got = installedSynapseVersion();
  if (got !== SYNAPSE_VERSION) throw new Error(`venv has matrix-synapse ${got ?? "none"}, wanted ${SYNAPSE_VERSION}`);
  return venvPython();
}
