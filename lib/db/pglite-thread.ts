/**
 * The embedded database on a thread of its own, for the web server. PGlite is PostgreSQL compiled to WebAssembly, and
 * in-process every query ran on the server's one thread: fifty people's pages queued behind each scan's writes
 * (bench/load, p99 1.6 s). Here a worker thread owns the PGlite instance and speaks the PostgreSQL wire protocol over
 * a MessagePort, and the server talks to it with the driver it uses for PostgreSQL (node-postgres through
 * @prisma/adapter-pg) over one connection, since PGlite has one session. Nothing listens on a network or a socket file.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Duplex } from "node:stream";
import { pathToFileURL } from "node:url";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";

/**
 * The thread's program. Messages are framed as pglite-socket frames them (a startup or SSL request has no type byte);
 * each whole message goes to PGlite in arrival order, one at a time, and its answer back to the connection it came on.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
let db;
let queue = Promise.resolve();
function attach(port) {
  let buffer = Buffer.alloc(0);
  let started = false;
  port.on("message", (chunk) => {
    buffer = Buffer.concat([buffer, Buffer.from(chunk)]);
    for (;;) {
      if (!started && buffer.length < 8) break;
      if (!started && buffer.readInt32BE(0) === 8 && buffer.readInt32BE(4) === 80877103) {
        buffer = buffer.subarray(8); // SSLRequest: no TLS on a MessagePort
        port.postMessage(Buffer.from("N"));
        continue;
      }
      if (buffer.length < 5) break;
      // The startup message has no type byte; every later one has a type byte, then its length.
      const length = started ? 1 + buffer.readInt32BE(1) : buffer.readInt32BE(0);
      if (buffer.length < length) break;
      started = true;
      const message = new Uint8Array(buffer.subarray(0, length));
      buffer = buffer.subarray(length);
      queue = queue.then(() =>
        db.execProtocolRawStream(message, {
          // A copy: the answer may be a view into PGlite's memory, which a clone would copy whole.
          onRawData: (data) => { if (data.length) { const copy = data.slice(); port.postMessage(copy, [copy.buffer]); } },
        }),
      ).catch((err) => {
        // PGlite itself failed (not a query: those are answers): end this connection, so its caller gets an error, not a wait.
        parentPort.postMessage({ kind: "error", message: String(err && err.message || err) });
        port.close();
      });
    }
  });
  // A connection that ends inside a transaction must not leave the one session in it.
  port.on("close", () => { queue = queue.then(() => db.query("ROLLBACK").catch(() => {})); });
}
parentPort.on("message", async (m) => {
  if (m.kind === "connect") attach(m.port);
  if (m.kind === "close") {
    await queue;
    await db.close();
    parentPort.postMessage({ kind: "closed" });
  }
});
(async () => {
  const { PGlite } = await import(workerData.pglite);
  db = new PGlite({ dataDir: workerData.dataDir });
  await db.waitReady;
  parentPort.postMessage({ kind: "ready" });
})().catch((err) => parentPort.postMessage({ kind: "failed", message: String(err && err.message || err) }));
`;

/** A node-postgres socket that is a MessagePort to the database thread. */
class PortSocket extends Duplex {
  constructor(private readonly port: MessagePort) {
    super();
    port.on("message", (data: Uint8Array) => this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
    port.on("close", () => this.push(null));
  }
  connect(): this {
    queueMicrotask(() => this.emit("connect"));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    const copy = new Uint8Array(chunk); // not the chunk: it may be a slice of a shared pool
    this.port.postMessage(copy, [copy.buffer]);
    done();
  }
  override _final(done: (err?: Error | null) => void): void {
    this.port.close();
    done();
  }
  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.port.close();
    done(err);
  }
}

export interface PgliteThread {
  /** node-postgres settings for the one connection to it (for PrismaPg). */
  pgConfig: { stream: () => Duplex; user: string; database: string; max: 1; idleTimeoutMillis: 0; connectionTimeoutMillis: number };
  close(): Promise<void>;
}

type FromThread = { kind: "ready" } | { kind: "failed"; message: string } | { kind: "error"; message: string } | { kind: "closed" };

/** Opens PGlite in `dataDir` on its own thread; rejects with PGlite's reason when it cannot. */
export async function startPgliteThread(dataDir: string, onError: (message: string) => void): Promise<PgliteThread> {
  // turbopackIgnore: the thread loads PGlite at run time from Vigil's own node_modules, as the server does.
  const pglite = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json")).resolve("@electric-sql/pglite");
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { dataDir, pglite: pathToFileURL(pglite).href } });
  const closed = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    worker.on("message", (m: FromThread) => {
      if (m.kind === "ready") resolve();
      else if (m.kind === "failed") reject(new Error(m.message));
      else if (m.kind === "error") onError(m.message);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the database thread stopped (exit code ${code}) before it opened`)));
  });
  let stopping = false;
  worker.on("exit", (code) => stopping || onError(`the database thread stopped (exit code ${code}); queries fail until Vigil restarts`));
  const connect = () => {
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ kind: "connect", port: port2 }, [port2]);
    return new PortSocket(port1);
  };
  return {
    // A thread that died answers no startup message: the time limit turns that into an error.
    pgConfig: { stream: connect, user: "postgres", database: "postgres", max: 1, idleTimeoutMillis: 0, connectionTimeoutMillis: 10_000 },
    async close() {
      stopping = true;
      const done = new Promise<void>((resolve) => worker.on("message", (m: FromThread) => m.kind === "closed" && resolve()));
      worker.postMessage({ kind: "close" });
      await Promise.race([done, closed]);
      await worker.terminate();
    },
  };
}
