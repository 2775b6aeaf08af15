/**
 * `npx tsx scripts/db/migrate-dev.ts <name>`: writes a new migration for the
 * difference between prisma/migrations and prisma/schema.prisma. Stands in for
 * `prisma migrate dev --create-only`, whose native engine cannot be downloaded
 * here. The engine replays the existing migrations on a throwaway in-memory
 * PGlite ("shadow database"), so no database server or data is touched.
 * Prints nothing new and exits 0 when the schema has no changes.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { engineError, openSchemaEngine } from "../../lib/db/engine";
import { LOCKFILE_CONTENT, MIGRATIONS_DIR, NO_FILTERS, readMigrations } from "../../lib/db/migrate";

const SCHEMA = path.resolve("prisma/schema.prisma");

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/i.test(name)) {
    console.error("usage: npx tsx scripts/db/migrate-dev.ts <name>   (letters, digits, _)");
    return 2;
  }
  const schema = await readFile(SCHEMA, "utf8");
  const migrationsList = await readMigrations(MIGRATIONS_DIR);
  const pg = new PGlite({ dataDir: "memory://" });
  const { engine, close } = await openSchemaEngine(new PrismaPGlite(pg));
  let script: string;
  try {
    const diff = await engine.diff({
      from: migrationsList.migrationDirectories.length ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    script = diff.stdout ?? "";
  } catch (e) {
    throw engineError("Diffing migrations against the schema failed", e);
  } finally {
    await close();
    await pg.close();
  }
  if (!script.trim() || /^-- This is an empty migration\.\s*$/.test(script.trim())) {
    console.log("No schema changes: no migration written.");
    return 0;
  }
  const dirName = `${timestamp(new Date())}_${name}`;
  const dir = path.join(MIGRATIONS_DIR, dirName);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), script);
  await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), LOCKFILE_CONTENT);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
  return 0;
}

/** YYYYMMDDHHMMSS in UTC, as Prisma names migration folders. */
function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

main().then(
  (code) => process.exit(code), // exit explicitly: the shadow PGlite can keep the loop alive
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
