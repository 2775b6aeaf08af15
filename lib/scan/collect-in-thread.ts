/**
 * collectSnapshot on a worker thread of its own, for the web server. Probing the mesh parses and verifies every
 * certificate on the thread that runs it, and on the server's one thread every page waited behind a scan (bench/load:
 * p99 1.2 s on PostgreSQL, 6.1 s on PGlite, with scans running). The thread reads the TypeScript sources through tsx,
 * a dependency already (the CLI runs the same way), so it needs no build of its own; it ends with the collection, and
 * with it every socket the scan opened.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Collected, Progress } from "./collect-snapshot";
import type { ScanConfig } from "./scan-config";

type FromThread =
  { kind: "progress"; stage: string; fraction: number } | { kind: "done"; collected: Collected } | { kind: "failed"; message: string };

/** The thread's whole program: load collect-snapshot.ts through tsx, run it once, post back what it found. */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { tsImport } = await import(workerData.tsxApi);
  const { collectSnapshot } = await tsImport(workerData.entry, workerData.parentUrl);
  const progress = (stage, fraction) => parentPort.postMessage({ kind: "progress", stage, fraction });
  const collected = await collectSnapshot(workerData.config, progress, new Date(workerData.now));
  parentPort.postMessage({ kind: "done", collected });
})().catch((err) => parentPort.postMessage({ kind: "failed", message: err instanceof Error ? err.message : String(err) }));
`;

class CollectThreadError extends Error {
  override name = "CollectThreadError";
}

/**
 * The sources are found from the working directory, as the migrations and the example policy are: Vigil runs from its
 * own folder (`npm start`), and a bundled server has no path back to lib/ of its own.
 */
function threadFiles(root = process.cwd()) {
  // turbopackIgnore: these are files for the thread to load at run time, not for the build to trace and bundle.
  const tsxApi = createRequire(path.join(/*turbopackIgnore: true*/ root, "package.json")).resolve("tsx/esm/api");
  return {
    // resolve() answers with the CommonJS build; tsImport lives in both, and the ESM one is what `import()` wants.
    tsxApi: pathToFileURL(tsxApi.replace(/index\.cjs$/, "index.mjs")).href,
    entry: path.join(/*turbopackIgnore: true*/ root, "lib/scan/collect-snapshot.ts"),
    parentUrl: pathToFileURL(path.join(/*turbopackIgnore: true*/ root, "/")).href,
  };
}

export function collectInThread(config: ScanConfig, progress: Progress = () => {}, now = new Date()): Promise<Collected> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { ...threadFiles(), config, now: now.toISOString() },
    });
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on("message", (m: FromThread) => {
      if (m.kind === "progress") progress(m.stage, m.fraction);
      else if (m.kind === "done") settle(() => resolve(m.collected));
      else settle(() => reject(new CollectThreadError(`The scan's collection failed: ${m.message}`)));
    });
    worker.on("error", (err) => settle(() => reject(new CollectThreadError(`The scan's collection thread crashed: ${err.message}`))));
    worker.on("exit", (code) =>
      settle(() => reject(new CollectThreadError(`The scan's collection thread stopped (exit code ${code}) before it finished.`))),
    );
  });
}
