import { describe, expect, it } from "vitest";
import { withTempDatabase } from "@/test/support/temp-database";
import { getDb } from "../db/client";
import { UnreadableSnapshotError } from "./read-snapshot";
import { readStoredSnapshot } from "./stored-snapshot";

withTempDatabase("stored-snapshot");

async function store(data: object) {
  const scan = await getDb().scan.create({ data: { trigger: "test", status: "complete" } });
  return getDb().snapshot.create({ data: { scanId: scan.id, takenAt: new Date(), status: "complete", data } });
}

describe("readStoredSnapshot (a snapshot read once per id)", () => {
  it("reads a stored snapshot through the schema, and a second read is the same object, not a new query", async () => {
    const row = await store({ schemaVersion: 1, takenAt: "2026-11-30T00:00:00.000Z", errors: [] });
    const first = await readStoredSnapshot(getDb(), row.id);
    expect(first).toMatchObject({ takenAt: "2026-11-30T00:00:00.000Z", errors: [] });
    // The same object: read and parsed once (a new read would be a new object).
    expect(await readStoredSnapshot(getDb(), row.id)).toBe(first);
  });

  it("reads a row edited in place again (its version moved), and a deleted row is gone", async () => {
    const row = await store({ schemaVersion: 1, takenAt: "2026-11-30T00:30:00.000Z", errors: [] });
    const first = await readStoredSnapshot(getDb(), row.id);
    await getDb().snapshot.update({ where: { id: row.id }, data: { data: { schemaVersion: 1, takenAt: 7, errors: [] } } });
    const edited = await readStoredSnapshot(getDb(), row.id);
    expect(edited).not.toBe(first);
    expect(edited).toBeInstanceOf(UnreadableSnapshotError);
    await getDb().snapshot.delete({ where: { id: row.id } });
    expect(await readStoredSnapshot(getDb(), row.id)).toBeNull();
  });

  it("gives null for an id with no row, and does not remember it: a row written later is read", async () => {
    expect(await readStoredSnapshot(getDb(), "no-such-snapshot")).toBeNull();
    const row = await store({ schemaVersion: 1, takenAt: "2026-11-30T01:00:00.000Z", errors: [] });
    expect(await readStoredSnapshot(getDb(), row.id)).toMatchObject({ takenAt: "2026-11-30T01:00:00.000Z" });
  });

  it("gives a damaged snapshot as UnreadableSnapshotError naming it, never as an empty world", async () => {
    const row = await store({ schemaVersion: 1, takenAt: 42, errors: "none" });
    const read = await readStoredSnapshot(getDb(), row.id);
    expect(read).toBeInstanceOf(UnreadableSnapshotError);
    expect(String(read)).toContain(row.id);
  });

  it("keeps only the few most recent ids: an old one is read from the database again", async () => {
    const rows = [];
    for (let i = 0; i < 6; i++) rows.push(await store({ schemaVersion: 1, takenAt: `2026-11-30T02:0${i}:00.000Z`, errors: [] }));
    const [oldest, ...newer] = rows.map((r) => r.id);
    if (!oldest) throw new Error("no rows");
    const first = await readStoredSnapshot(getDb(), oldest);
    for (const id of newer) await readStoredSnapshot(getDb(), id);
    const again = await readStoredSnapshot(getDb(), oldest);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
