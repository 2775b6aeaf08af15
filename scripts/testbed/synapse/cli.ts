/**
 * npx tsx scripts/testbed/synapse/cli.ts start|stop|status
 * State dir: $VIGIL_TESTBED_DIR/synapse (default <repo>/.testbed/synapse).
 */
import { synapseDir } from "./paths";
import { startSynapse, stopSynapse, synapseStatus } from "./synapse";

async function main(cmd: string | undefined): Promise<number> {
  const dir = synapseDir();
  switch (cmd) {
    case "start": {
      const t0 = Date.now();
      const h = await startSynapse({ dir, log: (m) => console.error(`[synapse] ${m}`) });
      console.log(
        JSON.stringify({ baseUrl: h.baseUrl, serverName: h.serverName, dir, alreadyRunning: !h.startedByUs, ms: Date.now() - t0 }),
      );
      return 0;
    }
    case "stop":
      console.log((await stopSynapse(dir)) ? "stopped" : "not running");
      return 0;
    case "status": {
      const s = await synapseStatus(dir);
      console.log(JSON.stringify(s));
      return s.healthy ? 0 : 1;
    }
    default:
      console.error("usage: cli.ts start|stop|status");
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
