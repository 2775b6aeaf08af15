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
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { log as logger } from "../log";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

// On globalThis: the glue module is a Node-cached singleton, so a hot-reloaded
// copy of this file must not instantiate a second wasm and swap it in.
const cache = globalThis as typeof globalThis & { __vigilSchemaEngine?: Promise<typeof SchemaEngine> };

function loadEngine(): Promise<typeof SchemaEngine> {
  cache.__vigilSchemaEngine ??= (async () => {
    const gluePath = resolveGlue();
    // Loaded by file URL with the bundler told to look away: Next would
    // otherwise bundle this ESM-only package or rewrite the path to the .wasm.
    const glue = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(gluePath).href)) as Glue;
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    // The glue reports Rust panics through this global; without it a panic
    // becomes "cannot read properties of undefined" and hides the real message.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (m) => {
        lastPanic = m;
      },
    };
    return glue.SchemaEngine;
  })();
  return cache.__vigilSchemaEngine;
}

let lastPanic: string | undefined;

/**
 * Finds the package's JS glue from the working directory (the app root for
 * `next`, tsx and vitest), then from this file. Paths are computed at run
 * time so bundlers leave them alone.
 */
function resolveGlue(): string {
  const bases = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
  for (const base of bases) {
    try {
      return createRequire(path.join(base, "noop.js")).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    } catch {
      // try the next base
    }
  }
  throw new Error(`Cannot find @prisma/schema-engine-wasm from ${bases.join(" or ")}; is it installed?`);
}

/** Wraps engine errors (thrown as plain objects or opaque values) into Errors with the engine's message. */
export function engineError(what: string, e: unknown): Error {
  const msg =
    e instanceof Error ? e.message : typeof e === "object" && e && "message" in e ? String((e as { message: unknown }).message) : String(e);
  return new Error(`${what}: ${msg}${lastPanic ? ` (engine panic: ${lastPanic})` : ""}`, { cause: e });
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and disposes the connections it opened. */
  close(): Promise<void>;
}

/**
 * A schema engine talking to the database behind `factory`. The engine does
 * not dispose the connections it opens; on PostgreSQL a leftover session keeps
 * Prisma's migration advisory lock, and the next run waits 10 s for it. So we
 * track them and dispose them in close().
 */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodels?: [path: string, content: string][],
): Promise<OpenEngine> {
  const Engine = await loadEngine();
  const opened: SqlDriverAdapter[] = [];
  const track = async (p: Promise<SqlDriverAdapter>) => {
    const a = await p;
    opened.push(a);
    return a;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  };
  const log = (line: string) => {
    if (process.env.VIGIL_DEBUG_MIGRATE) logger.debug({ line }, "schema engine");
  };
  const close = async () => {
    await Promise.allSettled(opened.splice(0).map((a) => a.dispose()));
  };
  try {
    const engine = await Engine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(tracked));
    return {
      engine,
      close: async () => {
        engine.free();
        await close();
      },
    };
  } catch (e) {
    await close();
    throw engineError("Could not start the schema engine", e);
  }
}
