/**
 * Loads Prisma's schema engine compiled to WebAssembly and binds it to a
 * driver adapter. We use it instead of the Prisma CLI's migrate commands
 * because the CLI needs a native engine binary that cannot be downloaded here,
 * and because the engine must talk to PGlite in-process (a PGlite folder can
 * be opened by one process only).
 *
 * The package's own entry does `import * as wasm from "./x.wasm"`, which Node 20
 * cannot load, so we instantiate the .wasm ourselves against its JS glue.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let loaded: Promise<typeof SchemaEngine> | undefined;

function loadEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as Glue;
    // The .wasm is not in the package's exports map; find it next to the glue.
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    // The glue reports Rust panics through this global; without it a panic
    // becomes "cannot read properties of undefined" and hides the real message.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => { lastPanic = m; } };
    return glue.SchemaEngine;
  })();
  return loaded;
}

let lastPanic: string | undefined;

/** Wraps engine errors (thrown as plain objects or opaque values) into Errors with the engine's message. */
export function engineError(what: string, e: unknown): Error {
  const msg =
    e instanceof Error ? e.message
    : typeof e === "object" && e && "message" in e ? String((e as { message: unknown }).message)
    : String(e);
  return new Error(`${what}: ${msg}${lastPanic ? ` (engine panic: ${lastPanic})` : ""}`, { cause: e });
}

/** A schema engine talking to the database behind `factory`. Call `free()` when done. */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodels?: [path: string, content: string][],
): Promise<SchemaEngine> {
  const Engine = await loadEngine();
  const log = (line: string) => {
    if (process.env.VIGIL_DEBUG_MIGRATE) console.error("[schema-engine]", line);
  };
  try {
    return await Engine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(factory));
  } catch (e) {
    throw engineError("Could not start the schema engine", e);
  }
}
