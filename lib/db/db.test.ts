import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, dbReady, getDb } from "./client";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "./migrate";
import { parseDatabaseUrl } from "./connection";

const dirs: string[] = [];
const tempDb = () => {
  const d = mkdtempSync(path.join(tmpdir(), "vigil-db-"));
  dirs.push(d);
  return path.join(d, "db");
};
const savedUrl = process.env.DATABASE_URL;

afterEach(async () => {
  await closeDb();
  process.env.DATABASE_URL = savedUrl;
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("embedded database (PGlite in a folder)", () => {
  let url: string;
  beforeAll(() => {
    url = `file:${tempDb()}`;
  });

  it("migrates a fresh folder, stores data, and keeps it across a reopen", async () => {
    process.env.DATABASE_URL = url;
    const db = getDb();
    const user = await db.user.create({
      data: { email: "ana@example.test", name: "Ana", passwordHash: "argon2id$x", role: "admin" },
    });
    await db.auditLog.create({
      data: {
        actorId: user.id,
        actorEmail: user.email,
        action: "settings.update",
        target: "scan.schedule",
        outcome: "ok",
        detail: { from: "1h", to: "15m" },
      },
    });
    const scan = await db.scan.create({ data: { trigger: "manual" } });
    await db.finding.create({
      data: {
        key: "room-encrypted|room|!a:hs",
        check: "room-encrypted",
        severity: "critical",
        subjectType: "room",
        subjectId: "!a:hs",
        detail: "Room has no m.room.encryption state event",
        evidence: { encryption: null },
        lastScanId: scan.id,
      },
    });
    await db.secret.create({ data: { name: "matrix.token", ciphertext: new Uint8Array([1, 2, 3, 255]) } });
    await db.deviceRow.create({
      data: {
        snapshot: { create: { scanId: scan.id, takenAt: new Date(), status: "complete", data: { errors: [] } } },
        userId: "@bot:hs",
        deviceId: "DEV",
        trust: "unsigned",
        lastSeenTs: 1_700_000_000_123n,
      },
    });
    await closeDb();

    const again = getDb();
    expect(again).not.toBe(db);
    expect(await again.user.findUniqueOrThrow({ where: { email: "ana@example.test" } })).toMatchObject({ role: "admin", disabled: false });
    expect(await again.auditLog.findFirstOrThrow()).toMatchObject({ action: "settings.update", outcome: "ok", detail: { to: "15m" } });
    expect(await again.finding.findFirstOrThrow({ where: { status: "open" } })).toMatchObject({
      severity: "critical",
      lastScanId: scan.id,
    });
    const secret = await again.secret.findUniqueOrThrow({ where: { name: "matrix.token" } });
    expect([...secret.ciphertext]).toEqual([1, 2, 3, 255]);
    expect((await again.deviceRow.findFirstOrThrow()).lastSeenTs).toBe(1_700_000_000_123n);
  });

  it("applying migrations again is a no-op", async () => {
    expect(await applyMigrations(url)).toEqual([]);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("sorts severity worst-first through the enum order", async () => {
    process.env.DATABASE_URL = url;
    const db = getDb();
    for (const severity of ["low", "high", "info", "critical"] as const) {
      await db.finding.create({
        data: { key: `c|room|${severity}`, check: "c", severity, subjectType: "room", subjectId: severity, detail: "", evidence: {} },
      });
    }
    const rows = await db.finding.findMany({ where: { check: "c" }, orderBy: { severity: "asc" } });
    expect(rows.map((r) => r.severity)).toEqual(["critical", "high", "low", "info"]);
  });

  it("refuses a second opener of the same folder with a clear message", async () => {
    process.env.DATABASE_URL = url;
    await dbReady();
    await expect(applyMigrations(url)).rejects.toThrow(/in use by process \d+ .*one process per folder/);
  });
});

describe("bad DATABASE_URL", () => {
  it("names an unsupported scheme", async () => {
    process.env.DATABASE_URL = "mysql://root@localhost/vigil";
    await expect(dbReady()).rejects.toThrow(/scheme "mysql:" is not supported/);
    await expect(getDb().user.count()).rejects.toThrow(/not supported/);
  });

  it("names the unreachable PostgreSQL server without leaking the password", async () => {
    process.env.DATABASE_URL = "postgres://vigil:s3cret@127.0.0.1:1/vigil";
    const err = await dbReady().catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Could not connect to PostgreSQL postgres:\/\/vigil:\*\*\*@127\.0\.0\.1:1\/vigil/);
    expect((err as Error).message).not.toContain("s3cret");
  });

  it("parses the accepted forms", () => {
    expect(parseDatabaseUrl(undefined, "/app")).toEqual({ kind: "pglite", dataDir: "/app/.vigil/db" });
    expect(parseDatabaseUrl("file:./data/db", "/app")).toEqual({ kind: "pglite", dataDir: "/app/data/db" });
    expect(parseDatabaseUrl("/var/lib/vigil", "/app")).toEqual({ kind: "pglite", dataDir: "/var/lib/vigil" });
    expect(parseDatabaseUrl("postgresql://u@h/db")).toEqual({ kind: "postgres", url: "postgresql://u@h/db" });
  });
});

// Runs only when a disposable PostgreSQL database is given; it is wiped first.
// e.g. VIGIL_TEST_POSTGRES_URL=postgres://vigil@127.0.0.1:55432/vigil_test
const pgUrl = process.env.VIGIL_TEST_POSTGRES_URL;
describe.skipIf(!pgUrl)("PostgreSQL server", () => {
  beforeAll(async () => {
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await c.end();
  });

  it("migrates, is idempotent, and keeps data across a reconnect", async () => {
    const all = (await readMigrations(MIGRATIONS_DIR)).migrationDirectories.length;
    expect(await applyMigrations(pgUrl)).toHaveLength(all);
    expect(await applyMigrations(pgUrl)).toEqual([]);
    process.env.DATABASE_URL = pgUrl;
    await getDb().user.create({ data: { email: "pg@example.test", name: "P", passwordHash: "h" } });
    await closeDb();
    expect(await getDb().user.count({ where: { email: "pg@example.test" } })).toBe(1);
  });
});
