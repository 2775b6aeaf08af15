/**
 * Where the testbed keeps its state and caches. One place so the Synapse
 * scripts, the fleet and the tests agree without passing paths around.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root, derived from this file so the scripts work from any cwd. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** `$VIGIL_TESTBED_DIR`, else `<repo>/.testbed` (gitignored). */
export function testbedDir(): string {
  return path.resolve(process.env.VIGIL_TESTBED_DIR ?? path.join(REPO_ROOT, ".testbed"));
}

/** Synapse's own state dir inside the testbed dir. */
export function synapseDir(base: string = testbedDir()): string {
  return path.join(base, "synapse");
}

/** Machine-wide cache (the Synapse virtualenv survives testbed wipes). */
export function cacheDir(): string {
  return path.resolve(process.env.VIGIL_CACHE ?? path.join(os.homedir(), ".cache", "vigil"));
}
