/**
 * npx tsx scripts/testbed/up.ts [--fresh] [--live [--demo]]
 *
 * Brings the local test bed up (see testbed.ts) and keeps the mesh serving
 * until SIGINT/SIGTERM. Writes .testbed/ready.json last, for scripts to poll.
 * Synapse keeps running after this exits: it is cached state, stopped with
 * `npx tsx scripts/testbed/synapse/cli.ts stop`.
 * --live: reseed and keep the agents answering verification requests (the
 * auditor-device browser tests need it); see StartTestbedOptions.live.
 * --demo (scripts/demo.sh): the js-sdk agents also print their SAS emoji here and confirm on their
 * own a few seconds later, so a person can walk the verification (fleet/demo-mode.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { startTestbed, testbedDir } from "./testbed";

const log = (m: string) => console.error(`[testbed] ${m}`);

async function main() {
  const dir = testbedDir();
  const ready = path.join(dir, "ready.json");
  fs.rmSync(ready, { force: true });
  const t0 = Date.now();
  const tb = await startTestbed({
    dir,
    fresh: process.argv.includes("--fresh"),
    live: process.argv.includes("--live"),
    demo: process.argv.includes("--demo"),
    log,
  });
  fs.writeFileSync(
    ready,
    JSON.stringify({ pid: process.pid, baseUrl: tb.matrix.homeserver.baseUrl, config: tb.configPath, readyMs: Date.now() - t0 }),
  );
  log(`ready in ${Date.now() - t0} ms; config: ${tb.configPath}`);
  const stop = async () => {
    await tb.stop();
    fs.rmSync(ready, { force: true });
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => {}, 1 << 30);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
