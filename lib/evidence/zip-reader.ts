/**
 * Reads a ZIP from disk the way a verifier must: from the central directory,
 * checking that each local header agrees with it, inflating each entry as a
 * stream and checking its CRC-32 and size. Nothing is trusted and nothing is
 * held whole in memory except entries asked for as buffers (with a cap).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, createInflateRaw } from "node:zlib";

export class ZipFormatError extends Error {
  constructor(
    message: string,
    /** The entry at fault, when one is. */
    readonly entry?: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  path: string;
  fileSize: number;
  entries: ZipEntry[];
}

async function readAt(fd: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Parses the end record and central directory; throws ZipFormatError for anything truncated or inconsistent. */
export async function openZip(path: string): Promise<ZipArchive> {
  const fd = await fs.promises.open(path, "r");
  try {
    const fileSize = (await fd.stat()).size;
    const tailLen = Math.min(fileSize, 22 + 0xffff);
    const tail = await readAt(fd, fileSize - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError("not a complete ZIP: the end-of-central-directory record is missing (truncated or not a zip)");
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > fileSize - tailLen + eocd) throw new ZipFormatError("damaged ZIP: the central directory lies outside the file (truncated?)");
    const cd = await readAt(fd, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError(`damaged ZIP: central directory entry ${i + 1} is malformed`);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString("utf8");
      entries.push({
        name,
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return { path, fileSize, entries };
  } finally {
    await fd.close();
  }
}

/** Where an entry's data starts, after checking its local header names the same file. */
async function dataStart(zip: ZipArchive, e: ZipEntry): Promise<number> {
  const fd = await fs.promises.open(zip.path, "r");
  try {
    const h = await readAt(fd, e.localOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`${e.name}: local header missing or damaged`, e.name);
    const nameLen = h.readUInt16LE(26);
    const extraLen = h.readUInt16LE(28);
    const name = (await readAt(fd, e.localOffset + 30, nameLen)).toString("utf8");
    if (name !== e.name) throw new ZipFormatError(`${e.name}: local header names "${name}" instead`, e.name);
    const start = e.localOffset + 30 + nameLen + extraLen;
    if (start + e.compressedSize > zip.fileSize) throw new ZipFormatError(`${e.name}: data runs past the end of the file (truncated)`, e.name);
    return start;
  } finally {
    await fd.close();
  }
}

/**
 * Streams one entry's uncompressed bytes to `onChunk`, then checks CRC-32 and
 * size against the central directory. Returns the SHA-256 (hex) and size.
 */
export async function readEntry(zip: ZipArchive, e: ZipEntry, onChunk?: (b: Buffer) => void): Promise<{ sha256: string; size: number }> {
  if (e.method !== 0 && e.method !== 8) throw new ZipFormatError(`${e.name}: unsupported compression method ${e.method}`, e.name);
  const start = await dataStart(zip, e);
  const hash = createHash("sha256");
  let crc = 0;
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      crc = crc32(chunk, crc);
      size += chunk.length;
      onChunk?.(chunk);
      cb();
    },
  });
  // createReadStream cannot express an empty range; an empty entry reads as no chunks.
  const raw = e.compressedSize === 0 ? Readable.from([]) : fs.createReadStream(zip.path, { start, end: start + e.compressedSize - 1 });
  const decode = e.method === 8 ? createInflateRaw() : new Transform({ transform: (c, _e, cb) => cb(null, c) });
  try {
    await pipeline(raw, decode, sink);
  } catch (err) {
    throw new ZipFormatError(`${e.name}: cannot be decompressed (${(err as Error).message})`, e.name);
  }
  if (size !== e.size) throw new ZipFormatError(`${e.name}: ${size} bytes, the ZIP directory says ${e.size}`, e.name);
  if (crc >>> 0 !== e.crc) throw new ZipFormatError(`${e.name}: CRC-32 mismatch (the entry is corrupt)`, e.name);
  return { sha256: hash.digest("hex"), size };
}

/** An entry's bytes as one buffer; refuses entries above `max` bytes (these are small files: manifest, signature, key). */
export async function readEntryBuffer(zip: ZipArchive, e: ZipEntry, max = 64 * 1024 * 1024): Promise<Buffer> {
  if (e.size > max) throw new ZipFormatError(`${e.name}: ${e.size} bytes is larger than expected`, e.name);
  const chunks: Buffer[] = [];
  await readEntry(zip, e, (c) => chunks.push(c));
  return Buffer.concat(chunks);
}
