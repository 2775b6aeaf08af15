// Generates the Prisma client into ./generated (gitignored) on every install.
// PRISMA_SCHEMA_ENGINE_BINARY=/bin/true: `generate` needs no schema engine, and
// the CLI would otherwise try to download one from a host this network cannot reach.
import { execFileSync } from "node:child_process";
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
