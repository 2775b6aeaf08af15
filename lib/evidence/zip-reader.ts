/**
 * Reads a bundle's ZIP the way a verifier must, with yauzl. Nothing in the archive is trusted:
 *   - archives over the size caps (file size, entry count, the sum of declared sizes) are refused
 *     before anything is inflated;
 *   - each local header must name the same file as the central directory;
 *   - each entry inflates as a stream that stops the moment it passes its declared size, so a zip
 *     bomb declaring 100 bytes is cut off after 100, not expanded to 300 MB; then its CRC-32 and
 *     size are checked. Only entries asked for as buffers are held whole, under a cap of their own.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32 } from "node:zlib";
import { openPromise, type Entry, type ZipFile } from "yauzl";

/** A damaged header can name a "file" of tens of kilobytes of junk; a message quotes at most this much. */
const MAX_MESSAGE = 1_000;

export class ZipFormatError extends Error {
  constructor(
    message: string,
    /** The entry at fault, when one is. */
    readonly entry?: string,
  ) {
    super(message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}… (${message.length - MAX_MESSAGE} more characters)` : message);
    this.name = "ZipFormatError";
  }
}

export interface ZipLimits {
  /** The archive file itself. */
  maxBundleBytes: number;
  /** The sum of every entry's declared uncompressed size. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

const GiB = 1024 ** 3;
/** Far above a real bundle (10,000 rooms make a few MB), far below what would exhaust a verifier's disk or patience. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxBundleBytes: 2 * GiB, maxUncompressedBytes: 8 * GiB, maxEntries: 10_000 };

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  /** Declared uncompressed size: reading never yields more. */
  size: number;
  localOffset: number;
  /** Where the entry's compressed bytes start, after its local header. */
  dataOffset: number;
}

export interface ZipArchive {
  path: string;
  fileSize: number;
  entries: readonly ZipEntry[];
  /** Releases the file; entries cannot be read afterwards. */
  close(): void;
}

/** The open archive behind a ZipArchive: the entries handed out map back to yauzl's. */
const opened = new WeakMap<ZipArchive, { zip: ZipFile; entries: Map<ZipEntry, Entry> }>();

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Opens `path` and reads its central directory and local headers. Throws ZipFormatError for anything
 * truncated, inconsistent or over `limits`; file-system errors (ENOENT, EACCES) are thrown as they are.
 */
export async function openZip(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
  const fileSize = (await fs.promises.stat(path)).size;
  if (fileSize > limits.maxBundleBytes) {
    throw new ZipFormatError(`the ZIP is ${fileSize} bytes; bundles over ${limits.maxBundleBytes} bytes are refused`);
  }
  let zip: ZipFile;
  try {
    zip = await openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      decodeStrings: true,
      strictFileNames: false,
    });
  } catch (err) {
    throw new ZipFormatError(`not a complete ZIP (truncated, or not a zip): ${messageOf(err)}`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipFormatError(`the ZIP lists ${zip.entryCount} entries; bundles over ${limits.maxEntries} are refused`);
    }
    const entries = new Map<ZipEntry, Entry>();
    let declared = 0;
    for await (const raw of readCentralDirectory(zip)) {
      declared += raw.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) {
        const said = `${raw.fileName}: the entries declare over ${limits.maxUncompressedBytes} bytes uncompressed; refused`;
        throw new ZipFormatError(said, raw.fileName);
      }
      entries.set(await checkLocalHeader(zip, raw), raw);
    }
    const archive: ZipArchive = { path, fileSize, entries: [...entries.keys()], close: () => zip.close() };
    opened.set(archive, { zip, entries });
    return archive;
  } catch (err) {
    zip.close();
    throw err;
  }
}

async function* readCentralDirectory(zip: ZipFile): AsyncGenerator<Entry> {
  const iterator = zip.eachEntry();
  for (;;) {
    let next: IteratorResult<Entry>;
    try {
      next = await iterator.next();
    } catch (err) {
      throw new ZipFormatError(`damaged ZIP: the central directory cannot be read (${messageOf(err)})`);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** The local header must exist, lie inside the file and name the same file as the central directory. */
async function checkLocalHeader(zip: ZipFile, raw: Entry): Promise<ZipEntry> {
  const name = raw.fileName;
  let header;
  try {
    header = await zip.readLocalFileHeaderPromise(raw);
  } catch (err) {
    throw new ZipFormatError(`${name}: local header missing or damaged (${messageOf(err)}; truncated?)`, name);
  }
  if (!header.fileName.equals(raw.fileNameRaw)) {
    throw new ZipFormatError(`${name}: local header names "${header.fileName.toString("utf8").slice(0, 200)}" instead`, name);
  }
  return {
    name,
    method: raw.compressionMethod,
    crc: raw.crc32,
    compressedSize: raw.compressedSize,
    size: raw.uncompressedSize,
    localOffset: raw.relativeOffsetOfLocalHeader,
    dataOffset: header.fileDataStart,
  };
}

/** yauzl's size-check words, said as what they mean for a bundle. */
function inflateError(e: ZipEntry, err: unknown): ZipFormatError {
  const message = messageOf(err);
  if (/too many bytes/.test(message)) {
    return new ZipFormatError(
      `${e.name}: inflates past its declared ${e.size} bytes (a zip bomb or a damaged entry); stopped there`,
      e.name,
    );
  }
  const short = /not enough bytes.*got only (\d+)/.exec(message);
  if (short) return new ZipFormatError(`${e.name}: ${short[1]} bytes, the ZIP directory says ${e.size}`, e.name);
  return new ZipFormatError(`${e.name}: cannot be decompressed (${message})`, e.name);
}

/**
 * Streams one entry's uncompressed bytes to `onChunk`, never more than its declared size, then
 * checks its CRC-32. Returns the SHA-256 (hex) and size.
 */
export async function readEntry(zip: ZipArchive, e: ZipEntry, onChunk?: (b: Buffer) => void): Promise<{ sha256: string; size: number }> {
  const open = opened.get(zip);
  const raw = open?.entries.get(e);
  if (!open || !raw) throw new Error(`${e.name}: not an entry of this open archive`);
  const hash = createHash("sha256");
  let crc = 0;
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      crc = crc32(chunk, crc);
      size += chunk.length;
      onChunk?.(chunk);
      done();
    },
  });
  let stream;
  try {
    stream = await open.zip.openReadStreamPromise(raw);
  } catch (err) {
    throw new ZipFormatError(`${e.name}: cannot be read (${messageOf(err)})`, e.name);
  }
  try {
    await pipeline(stream, sink);
  } catch (err) {
    throw inflateError(e, err);
  }
  if (crc >>> 0 !== e.crc) throw new ZipFormatError(`${e.name}: CRC-32 mismatch (the entry is corrupt)`, e.name);
  return { sha256: hash.digest("hex"), size };
}

/** An entry's bytes as one buffer; refuses entries declared above `max` bytes (manifest, signature, key are small). */
export async function readEntryBuffer(zip: ZipArchive, e: ZipEntry, max = 64 * 1024 * 1024): Promise<Buffer> {
  if (e.size > max) throw new ZipFormatError(`${e.name}: ${e.size} bytes is larger than expected`, e.name);
  const chunks: Buffer[] = [];
  await readEntry(zip, e, (c) => chunks.push(c));
  return Buffer.concat(chunks);
}
