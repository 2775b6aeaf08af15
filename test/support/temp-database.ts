/**
 * A fresh embedded database (PGlite in a temp folder) for one test file: DATABASE_URL points at it for the file's
 * tests and is put back after, and the folder is removed. For tests of code that reads and writes through getDb().
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db/client";

export function withTempDatabase(name: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), `vigil-${name}-`));
  const savedUrl = process.env.DATABASE_URL;
  beforeAll(() => {
    process.env.DATABASE_URL = path.join(dir, "db");
  });
  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = savedUrl;
    rmSync(dir, { recursive: true, force: true });
  });
}
