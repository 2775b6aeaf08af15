/**
 * npx tsx scripts/testbed/mesh/cli.ts start [--count N] [--dir DIR] [--no-third-party]
 * Starts the loopback mesh (Node endpoints, and nginx/HAProxy/Caddy/stunnel/s_server unless
 * --no-third-party), writes its state dir, and stays in the foreground until killed.
 * Stop it with Ctrl-C, or SIGTERM to the node process itself (a backgrounded `npm exec`
 * does not forward signals to its child).
 */
import { startMesh } from "./mesh";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const cmd = process.argv[2];
  if (cmd !== "start") {
    console.error("usage: cli.ts start [--count N] [--dir DIR] [--no-third-party]");
    process.exit(2);
  }
  const count = arg("count") ? Number(arg("count")) : undefined;
  const mesh = await startMesh({ dir: arg("dir"), count, thirdParty: !process.argv.includes("--no-third-party") });
  for (const e of mesh.endpoints) console.log(`${e.endpoint}\t${e.server}\t${e.fault}\t${e.agent}`);
  console.log(`mesh: ${mesh.endpoints.length} endpoints, state in ${mesh.dir} (ground truth: ${mesh.groundTruth.length} findings)`);
  const shutdown = async () => {
    await mesh.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  setInterval(() => {}, 1 << 30); // keep the process alive; servers alone would too, but be explicit
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
