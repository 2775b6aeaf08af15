/**
 * The web server's embedded database on its own thread (pglite-thread.ts), through the same driver as PostgreSQL:
 * migrations, transactions that commit and roll back, answers larger than one message, concurrent callers on the one
 * session, data kept across a close and a reopen, and the folder's lock held while it is open.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../generated/prisma/client";
import { openConnection, type DbConnection } from "./connection";
import { applyMigrationsWith } from "./migrate";

const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-pglite-thread-"));
const dataDir = path.join(dir, "db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(): Promise<{ conn: DbConnection; db: PrismaClient }> {
  const conn = await openConnection(dataDir, { pgliteThread: true });
  await applyMigrationsWith(conn.factory);
  return { conn, db: new PrismaClient({ adapter: conn.factory }) };
}

async function close({ conn, db }: { conn: DbConnection; db: PrismaClient }) {
  await db.$disconnect();
  await conn.close();
}

describe("PGlite on its own thread", () => {
  it("migrates, commits, rolls back, carries large answers and concurrent callers, and keeps its data", async () => {
    const first = await open();
    const { db } = first;
    const user = await db.user.create({ data: { email: "a@thread.test", name: "A", passwordHash: "x", role: "admin" } });
    await db.$transaction(async (tx) => tx.user.update({ where: { id: user.id }, data: { name: "committed" } }));
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: "rolled back" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("committed");

    // A 3 MB value is many wire messages each way.
    const big = "x".repeat(3_000_000);
    await db.setting.create({ data: { key: "big", value: { big } } });
    const read = (await db.setting.findUniqueOrThrow({ where: { key: "big" } })).value as { big: string };
    expect(read.big).toBe(big);

    const counts = await Promise.all(Array.from({ length: 40 }, () => db.user.count()));
    expect(counts).toEqual(Array.from({ length: 40 }, () => 1));
    // A database error is the caller's, not the thread's: the next query is answered.
    await expect(db.$queryRawUnsafe("SELECT * FROM no_such_table")).rejects.toThrow(/no_such_table/);
    expect(await db.user.count()).toBe(1);

    // Open: a second opener is refused by the folder's lock, naming this process.
    await expect(openConnection(dataDir)).rejects.toThrow(new RegExp(`in use by process ${process.pid}`));
    await close(first);

    const again = await open();
    expect((await again.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("committed");
    await close(again);
  }, 120_000);

  it("names a folder it cannot open", async () => {
    const file = path.join(dir, "not-a-folder");
    rmSync(file, { force: true });
    await import("node:fs").then((fs) => fs.writeFileSync(file, "plain file"));
    await expect(openConnection(file, { pgliteThread: true })).rejects.toThrow(
      /Could not open the embedded database \(PGlite .*not-a-folder\)/,
    );
  }, 60_000);
});
