/**
 * Seeds a database with one complete snapshot of N rooms (facts in the
 * snapshot JSON, rows in RoomRow, as a real scan writes them) and an admin.
 * Run in its own process: PGlite allows one process per folder. bench/load
 * imports benchRooms for the same rooms.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, getDb } from "../../lib/db/client";
import { hashPassword } from "../../lib/auth/password";
import { exposureOf } from "../../lib/scan/snapshot-rows";
import type { RoomFacts, Snapshot } from "../../lib/snapshot/types";

/** N rooms: half encrypted, every 10th public, every 25th world-readable, a declared agent and a user in each. */
export function benchRooms(rooms: number): RoomFacts[] {
  return Array.from({ length: rooms }, (_, i) => ({
    roomId: `!room${String(i).padStart(6, "0")}:bench.test`,
    name: `Agent room ${i}`,
    encryption: i % 2 ? { algorithm: "m.megolm.v1.aes-sha2" } : null,
    joinRule: i % 10 === 0 ? "public" : "invite",
    historyVisibility: i % 25 === 0 ? "world_readable" : "shared",
    guestAccess: "forbidden",
    federatable: true,
    members: [`@agent${i % 20}:bench.test`, `@user${i % 1000}:bench.test`],
    state: [{ type: "m.room.create", state_key: "", content: { creator: `@user${i % 1000}:bench.test` } }],
  }));
}

// Run as a script (not imported): seed the database named by DATABASE_URL.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await seed();

async function seed() {
  const rooms = Number(process.argv[2] ?? 10_000);
  const [email, password] = [process.argv[3] ?? "bench@vigil.test", process.argv[4] ?? "bench-password-123"];
  const facts = benchRooms(rooms);
  const snapshot: Snapshot = {
    takenAt: new Date().toISOString(),
    errors: [],
    matrix: {
      homeserver: { baseUrl: "http://bench", serverName: "bench.test" },
      view: "admin",
      auditor: { userId: "@a:bench.test" },
      rooms: facts,
      users: [],
      devices: [],
    },
  };

  const db = getDb();
  await db.user.create({ data: { email, name: "Bench", role: "admin", passwordHash: await hashPassword(password) } });
  const scan = await db.scan.create({ data: { trigger: "bench", status: "complete", finishedAt: new Date() } });
  const snap = await db.snapshot.create({
    data: { scanId: scan.id, takenAt: new Date(snapshot.takenAt), status: "complete", data: snapshot as object },
  });
  for (let i = 0; i < facts.length; i += 2000) {
    await db.roomRow.createMany({
      data: facts.slice(i, i + 2000).map((r) => ({
        snapshotId: snap.id,
        roomId: r.roomId,
        name: r.name ?? null,
        encrypted: r.encryption !== null,
        algorithm: r.encryption?.algorithm ?? null,
        joinRule: r.joinRule ?? null,
        historyVisibility: r.historyVisibility ?? null,
        guestAccess: r.guestAccess ?? null,
        memberCount: r.members.length,
        agentCount: 1,
        exposure: exposureOf(r),
      })),
    });
  }
  console.error(`[seed] ${rooms} rooms in snapshot ${snap.id}`);
  await closeDb();
}
