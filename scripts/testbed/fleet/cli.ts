/**
 * npx tsx scripts/testbed/fleet/cli.ts seed [--fresh]
 * npx tsx scripts/testbed/fleet/cli.ts run
 * seed: idempotent; reuses an intact seed, else (or with --fresh) wipes and reseeds.
 * run: seeds fresh and keeps the agents' clients syncing until SIGINT/SIGTERM.
 *      (Their crypto lives in memory only, so a run always starts from a fresh seed.)
 */
import { ClientEvent, RoomEvent } from "matrix-js-sdk";
import { seedFleet } from "./seed";

const log = (m: string) => console.error(`[fleet] ${m}`);

async function main(cmd: string | undefined, flags: string[]): Promise<number | null> {
  if (cmd === "seed") {
    const r = await seedFleet({ fresh: flags.includes("--fresh"), log });
    console.log(
      JSON.stringify(
        { reused: r.reused, baseUrl: r.testbed.homeserver.baseUrl, seedMs: r.testbed.seedMs, rooms: r.testbed.rooms },
        null,
        2,
      ),
    );
    return 0;
  }
  if (cmd === "run") {
    const r = await seedFleet({ fresh: true, keepClients: true, log });
    for (const [name, c] of r.clients) {
      c.on(ClientEvent.Sync, (state, prev) => state !== prev && log(`${name}: sync ${state}`));
      c.on(RoomEvent.Timeline, (ev, room) => {
        if (ev.getType().startsWith("m.key.verification")) log(`${name}: ${ev.getType()} in ${room?.roomId}`);
      });
      c.on(ClientEvent.ToDeviceEvent, (ev) => log(`${name}: to-device ${ev.getType()} from ${ev.getSender()}`));
    }
    log(`running ${r.clients.size} clients against ${r.testbed.homeserver.baseUrl}; Ctrl-C to stop`);
    const stop = () => void r.stopClients().finally(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return null; // keep the event loop alive
  }
  console.error("usage: cli.ts seed [--fresh] | run");
  return 2;
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => code !== null && process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
