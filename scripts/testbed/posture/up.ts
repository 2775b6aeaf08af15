/**
 * npx tsx scripts/testbed/posture/up.ts [hardened|weak]
 *
 * Brings the posture test bed up (posture.ts: two Synapses, the proxy, the mautrix bots) under
 * $VIGIL_TESTBED_DIR/posture and writes, for the chosen server (weak by default), a vigil.config.yaml Vigil can
 * start with: the auditor's token, the homeserverPosture section, and a registry declaring its agents and their
 * bot configs. Keeps everything running until SIGINT/SIGTERM, then stops it all. For looking at the Homeserver page
 * by hand; the integration test starts its own.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { testbedDir } from "../synapse/paths";
import { startPostureTestbed } from "./posture";

const log = (m: string) => console.error(`[posture] ${m}`);

async function main() {
  const side = process.argv[2] === "hardened" ? "hardened" : "weak";
  const dir = path.join(testbedDir(), "posture");
  const bed = await startPostureTestbed(dir, log);
  const server = bed[side];
  const out = path.join(dir, "vigil");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "auditor.token"), server.auditor.accessToken, { mode: 0o600 });
  fs.writeFileSync(path.join(out, "agents.yaml"), YAML.stringify(server.registry));
  if (server.caPem) fs.writeFileSync(path.join(out, "proxy-ca.pem"), server.caPem);
  const config = {
    homeserver: { baseUrl: server.baseUrl, accessTokenFile: "auditor.token" },
    registry: "agents.yaml",
    homeserverPosture: {
      publicBaseUrl: server.publicBaseUrl,
      configFile: server.configFile,
      ...(server.caPem ? { caFile: "proxy-ca.pem" } : {}),
    },
  };
  const configPath = path.join(out, "vigil.config.yaml");
  fs.writeFileSync(configPath, `# Written by scripts/testbed/posture/up.ts (${side} server).\n${YAML.stringify(config)}`, { mode: 0o600 });
  fs.writeFileSync(path.join(out, "ground-truth.json"), JSON.stringify(server.groundTruth, null, 2));
  log(`ready: VIGIL_CONFIG=${configPath}`);
  const stop = async () => {
    await bed.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  setInterval(() => {}, 1 << 30);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
