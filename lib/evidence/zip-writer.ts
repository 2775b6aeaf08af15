/**
 * The bundle's ZIP, written by yazl as it is produced: entries are added one at a time and each
 * is deflated straight into the output, so memory does not grow with the bundle (ZIP64 when it
 * passes 4 GiB). On the way in, every entry's bytes are hashed: the SHA-256 and size the
 * manifest lists are of exactly what was zipped.
 */
import { createHash } from "node:crypto";
import { Readable, Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";

export interface EntryDigest {
  path: string;
  sha256: string;
  size: number;
}

export type EntrySource = Buffer | string | AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

/** Deflate level 1: bundles are mostly JSON, where higher levels cost time and save little. */
const COMPRESSION_LEVEL = 1;

export class ZipWriter {
  private readonly zip = new ZipFile();
  private readonly names = new Set<string>();
  /** Settles when the archive has been written to `out` (or either side failed). */
  private readonly written: Promise<void>;
  private failure: Error | undefined;

  constructor(
    out: Writable,
    private readonly modified: Date = new Date(),
  ) {
    this.written = pipeline(this.zip.outputStream, out);
    this.written.catch((err: unknown) => (this.failure ??= err instanceof Error ? err : new Error(String(err))));
    // yazl reports a broken entry stream as an "error" event; unheard, it would crash the process.
    this.zip.on("error", (err: Error) => this.fail(err));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    // Tears down the pipeline to `out`, so the caller's stream ends with the error rather than hanging.
    const output = this.zip.outputStream;
    if (output instanceof Readable) output.destroy(err);
  }

  /** Compresses `source` into the archive as `path`; returns the SHA-256 and size of its uncompressed bytes. */
  async addEntry(path: string, source: EntrySource): Promise<EntryDigest> {
    if (this.failure) throw this.failure;
    if (this.names.has(path)) throw new Error(`duplicate entry ${path}`);
    this.names.add(path);
    const hash = createHash("sha256");
    let size = 0;
    const measured = new Transform({
      transform(chunk: Buffer | string, _encoding, done) {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
        hash.update(bytes);
        size += bytes.length;
        done(null, bytes);
      },
    });
    this.zip.addReadStream(measured, path, { mtime: this.modified, compressionLevel: COMPRESSION_LEVEL });
    const input = typeof source === "string" || Buffer.isBuffer(source) ? Readable.from([Buffer.from(source)]) : Readable.from(source);
    try {
      // Resolves once every byte went through the hash; yazl reads `measured` at its own pace (backpressure).
      await Promise.race([pipeline(input, measured), this.written.then(() => Promise.reject(new Error("the ZIP output ended early")))]);
    } catch (err) {
      const error = this.failure ?? (err instanceof Error ? err : new Error(String(err)));
      this.fail(error);
      throw error;
    }
    return { path, sha256: hash.digest("hex"), size };
  }

  /** Writes the central directory and end record, then ends the output stream. */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    this.zip.end();
    await this.written;
  }
}
