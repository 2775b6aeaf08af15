// Prisma 7 reads paths (and, for its own migrate commands, the URL) from here.
// We only use the CLI for `generate`; migrations go through lib/db/migrate.ts.
// The datasource is optional so `generate` works without DATABASE_URL.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(url && /^postgres(ql)?:\/\//.test(url) ? { datasource: { url } } : {}),
});
