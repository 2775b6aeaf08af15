/**
 * A minimal streaming ZIP writer (deflate, data descriptors, UTF-8 names):
 * each entry is compressed and written as it is produced, so memory does not
 * grow with the bundle. Sizes and offsets are 32-bit (no ZIP64): a bundle over
 * 4 GiB or 65,535 entries is refused with a clear error rather than corrupted.
 * Every entry's SHA-256 and size come back from addEntry for the manifest.
 */
import { createHash } from "node:crypto";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, crc32, createDeflateRaw } from "node:zlib";

export interface EntryDigest {
  path: string;
  sha256: string;
  size: number;
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: UTF-8 names
const MAX32 = 0xffffffff;

/** DOS date/time of `d` in UTC (ZIP has no zone; UTC keeps bundles identical wherever they are made). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export type EntrySource = Buffer | string | AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

export class ZipWriter {
  private offset = 0;
  private readonly records: CentralRecord[] = [];
  private readonly names = new Set<string>();
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly out: Writable,
    modified: Date = new Date(),
  ) {
    this.stamp = dosDateTime(modified);
  }

  /** Raw bytes to the output, honouring backpressure. */
  private async write(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    if (this.offset > MAX32) throw new Error("evidence bundle exceeds 4 GiB, which this ZIP writer does not support");
    if (!this.out.write(buf)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => (this.out.off("error", onError), resolve());
        const onError = (e: Error) => (this.out.off("drain", onDrain), reject(e));
        this.out.once("drain", onDrain);
        this.out.once("error", onError);
      });
    }
  }

  /** Compresses `source` into the archive as `path`; returns the SHA-256 and size of the uncompressed bytes. */
  async addEntry(path: string, source: EntrySource): Promise<EntryDigest> {
    if (this.names.has(path)) throw new Error(`duplicate entry ${path}`);
    if (this.records.length >= 0xffff) throw new Error("too many entries for a ZIP without ZIP64");
    this.names.add(path);
    const name = Buffer.from(path, "utf8");
    const offset = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(this.stamp.time, 10);
    local.writeUInt16LE(this.stamp.date, 12);
    // crc and sizes (14..25) stay zero: they follow in the data descriptor.
    local.writeUInt16LE(name.length, 26);
    await this.write(Buffer.concat([local, name]));

    const hash = createHash("sha256");
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const measure = new Transform({
      transform(chunk: Buffer | string, _enc, cb) {
        const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
        hash.update(buf);
        crc = crc32(buf, crc);
        size += buf.length;
        cb(null, buf);
      },
    });
    const sink = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        compressed += chunk.length;
        this.write(chunk).then(() => cb(), cb);
      },
    });
    const input = typeof source === "string" || Buffer.isBuffer(source) ? Readable.from([Buffer.from(source)]) : Readable.from(source);
    await pipeline(input, measure, createDeflateRaw({ level: constants.Z_BEST_SPEED }), sink);
    if (size > MAX32) throw new Error(`entry ${path} exceeds 4 GiB`);

    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    desc.writeUInt32LE(compressed, 8);
    desc.writeUInt32LE(size, 12);
    await this.write(desc);
    this.records.push({ name, crc: crc >>> 0, compressed, size, offset });
    return { path, sha256: hash.digest("hex"), size };
  }

  /** Writes the central directory and end record, then ends the output stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const r of this.records) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(0x0314, 4); // made by: Unix, spec 2.0
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(r.compressed, 20);
      h.writeUInt32LE(r.size, 24);
      h.writeUInt16LE(r.name.length, 28);
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
      h.writeUInt32LE(r.offset, 42);
      await this.write(Buffer.concat([h, r.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
