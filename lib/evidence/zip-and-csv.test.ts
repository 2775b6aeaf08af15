import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../test/support/parse-csv";
import { csvRecords, csvRow } from "./csv";
import { BUNDLE_FORMAT } from "./manifest";
import { verifyBundle } from "./verify-bundle";
import { DEFAULT_ZIP_LIMITS, openZip, readEntry, readEntryBuffer, ZipFormatError, type ZipArchive } from "./zip-reader";
import { ZipWriter } from "./zip-writer";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-zip-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function writeZip(file: string, entries: [string, string | Buffer | Iterable<string | Buffer>][]) {
  const zip = new ZipWriter(fs.createWriteStream(file), new Date("2026-02-03T04:05:06Z"));
  const digests = [];
  for (const [name, body] of entries) digests.push(await zip.addEntry(name, body));
  await zip.finish();
  return digests;
}

async function withZip<T>(file: string, read: (zip: ZipArchive) => Promise<T>): Promise<T> {
  const zip = await openZip(file);
  try {
    return await read(zip);
  } finally {
    zip.close();
  }
}

const entryOf = (zip: ZipArchive, name: string) => {
  const found = zip.entries.find((e) => e.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
};

describe("ZipWriter / openZip", () => {
  it("round-trips entries (empty, text, streamed chunks, UTF-8 names) and unzip accepts the archive", async () => {
    const file = path.join(tmp, "a.zip");
    const big = Array.from({ length: 2000 }, (_, i) => `line ${i} ${"x".repeat(i % 50)}\n`);
    const digests = await writeZip(file, [
      ["empty.txt", ""],
      ["dir/ü.json", '{"a":1}'],
      ["big.txt", big],
    ]);
    expect(digests[2]).toMatchObject({ sha256: createHash("sha256").update(big.join("")).digest("hex"), size: big.join("").length });
    await withZip(file, async (zip) => {
      expect(zip.entries.map((e) => e.name)).toEqual(["empty.txt", "dir/ü.json", "big.txt"]);
      expect((await readEntryBuffer(zip, entryOf(zip, "empty.txt"))).length).toBe(0);
      expect((await readEntryBuffer(zip, entryOf(zip, "dir/ü.json"))).toString()).toBe('{"a":1}');
      expect((await readEntryBuffer(zip, entryOf(zip, "big.txt"))).toString()).toBe(big.join(""));
    });
    expect(execFileSync("unzip", ["-tq", file]).toString()).toMatch(/No errors detected/);
  });

  it("refuses a truncated archive with a message that says so", async () => {
    const file = path.join(tmp, "b.zip");
    await writeZip(file, [["a.txt", "hello".repeat(1000)]]);
    const cut = path.join(tmp, "b-cut.zip");
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 40));
    await expect(openZip(cut)).rejects.toThrow(/truncated/);
  });

  it("names the entry whose bytes were altered", async () => {
    const file = path.join(tmp, "c.zip");
    await writeZip(file, [
      ["ok.txt", "fine"],
      ["bad.txt", "x".repeat(5000)],
    ]);
    const bytes = fs.readFileSync(file);
    const at = await withZip(file, async (zip) => entryOf(zip, "bad.txt").dataOffset + 1);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at); // inside bad.txt's deflate stream
    fs.writeFileSync(file, bytes);
    const err = await withZip(file, (zip) => readEntryBuffer(zip, entryOf(zip, "bad.txt")).catch((x: unknown) => x));
    expect(err).toBeInstanceOf(ZipFormatError);
    expect(err).toMatchObject({ entry: "bad.txt" });
  });

  it("refuses a local header that names another file than the directory", async () => {
    const file = path.join(tmp, "e.zip");
    await writeZip(file, [["manifest.json", "{}"]]);
    const bytes = fs.readFileSync(file);
    const at = await withZip(file, async (zip) => (zip.entries[0]?.localOffset ?? 0) + 30); // first byte of the local name
    bytes.write("n", at, "latin1");
    fs.writeFileSync(file, bytes);
    await expect(openZip(file)).rejects.toThrow('manifest.json: local header names "nanifest.json" instead');
  });

  it("refuses duplicate names at write time", async () => {
    const zip = new ZipWriter(fs.createWriteStream(path.join(tmp, "d.zip")));
    await zip.addEntry("a", "1");
    await expect(zip.addEntry("a", "2")).rejects.toThrow(/duplicate/);
    await zip.finish();
  });
});

describe("zip bombs", () => {
  const MiB = 1024 * 1024;
  const EXPANDED = 256 * MiB;
  const zeros = Buffer.alloc(MiB);

  const honest = path.join(tmp, "honest-bomb.zip");
  const lying = path.join(tmp, "bomb.zip");

  /**
   * A bundle signed by its own (unpinned) key whose findings.json is 256 MiB of zeros, deflated to
   * about 256 KB, and whose signed manifest says it holds 100 bytes. `honest` declares the true size
   * in the ZIP's central directory; `lying` declares 100 there too: what a hostile bundle handed to
   * an auditor would look like.
   */
  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const pem = publicKey.export({ format: "pem", type: "spki" }).toString();
    const claimed = Buffer.alloc(100);
    const manifest = Buffer.from(
      JSON.stringify({
        format: BUNDLE_FORMAT,
        vigilVersion: "0",
        generatedAt: "2026-01-01T00:00:00Z",
        generatedBy: "x",
        scope: "snapshot",
        period: { from: "2026-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
        frameworks: [],
        scans: [],
        inventorySnapshot: { scanId: "s", takenAt: "2026-01-01T00:00:00Z" },
        policy: { sha256: "0", source: "x" },
        homeserver: null,
        mesh: null,
        signing: { algorithm: "Ed25519", publicKeyFingerprint: "x" },
        notes: [],
        files: [{ path: "findings.json", sha256: createHash("sha256").update(claimed).digest("hex"), size: claimed.length }],
      }),
    );
    // findings.json first, so its central directory record is the first one.
    await writeZip(honest, [
      ["findings.json", Array.from({ length: EXPANDED / MiB }, () => zeros)],
      ["public-key.pem", pem],
      ["manifest.json", manifest],
      ["manifest.sig", sign(null, manifest, privateKey)],
    ]);
    const bytes = fs.readFileSync(honest);
    const centralDirectory = bytes.readUInt32LE(bytes.length - 22 + 16); // end record without a comment
    bytes.writeUInt32LE(claimed.length, centralDirectory + 24); // findings.json's uncompressed size
    fs.writeFileSync(lying, bytes);
  });

  it("a bundle declaring 100 bytes that inflates to 256 MiB stops at 100, with an error naming the entry", async () => {
    const file = lying;
    expect(fs.statSync(file).size).toBeLessThan(2 * MiB);
    const before = process.memoryUsage().arrayBuffers;
    let delivered = 0;
    const err = await withZip(file, (zip) =>
      readEntry(zip, entryOf(zip, "findings.json"), (c) => (delivered += c.length)).catch((x: unknown) => x),
    );
    const said = "findings.json: inflates past its declared 100 bytes (a zip bomb or a damaged entry); stopped there";
    expect(err).toBeInstanceOf(ZipFormatError);
    expect(err).toMatchObject({ entry: "findings.json", message: said });
    // Bounded: the reader handed on no more than was declared, and memory did not take the expansion.
    expect(delivered).toBeLessThanOrEqual(100);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * MiB);
    // The verifier reaches the entry (the signature is good) and reports it instead of throwing.
    expect(await verifyBundle(file)).toEqual({ ok: false, file: "findings.json", reason: said });
  });

  it("an archive declaring more than the caps is refused before anything is inflated", async () => {
    const file = honest;
    const limits = { ...DEFAULT_ZIP_LIMITS, maxUncompressedBytes: 64 * MiB };
    await expect(openZip(file, limits)).rejects.toThrow(`findings.json: the entries declare over ${64 * MiB} bytes uncompressed; refused`);
    expect(await verifyBundle(file, { limits })).toMatchObject({
      ok: false,
      file: "findings.json",
      reason: expect.stringMatching(/refused$/),
    });
    expect(await verifyBundle(file, { limits: { ...DEFAULT_ZIP_LIMITS, maxBundleBytes: 1000 } })).toMatchObject({
      ok: false,
      file: null,
      reason: expect.stringMatching(/^the ZIP is \d+ bytes; bundles over 1000 bytes are refused$/),
    });
    expect(await verifyBundle(file, { limits: { ...DEFAULT_ZIP_LIMITS, maxEntries: 3 } })).toEqual({
      ok: false,
      file: null,
      reason: "the ZIP lists 4 entries; bundles over 3 are refused",
    });
  });
});

describe("csv", () => {
  it("quotes per RFC 4180 and defuses formula cells", () => {
    const hostile = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", 'a,"b"\r\nc', "plain", "\tTAB"];
    const text = csvRow(hostile) + csvRow([1, null, true, -5, false]);
    expect(text).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),"a,""b""\r\nc",plain,'\tTAB\r\n1,,true,-5,false\r\n`);
    const rows = parseCsv(text);
    expect(rows).toEqual([
      [`'=HYPERLINK("http://x","y")`, "'+1", "'-2", "'@SUM(A1)", 'a,"b"\r\nc', "plain", "'\tTAB"],
      ["1", "", "true", "-5", "false"],
    ]);
  });

  it("quotes a lone line feed or carriage return, which a reader would otherwise take for a new row", () => {
    expect(csvRow(["a\nb", "c\rd"])).toBe('"a\nb","c\rd"\r\n');
    expect(parseCsv(csvRow(["a\nb", "x"]))).toEqual([["a\nb", "x"]]);
  });

  it("defuses the full-width formula characters spreadsheets also accept", () => {
    expect(csvRow(["＝1+1", "＠x"])).toBe("'＝1+1,'＠x\r\n");
  });

  it("streams records from an async source, and a failing source fails the stream", async () => {
    async function* rows() {
      yield ["h1", "h2"];
      yield ["=x", 2];
    }
    let text = "";
    for await (const chunk of csvRecords(rows())) text += chunk;
    expect(text).toBe("h1,h2\r\n'=x,2\r\n");
    async function* broken() {
      yield ["ok"];
      throw new Error("database went away");
    }
    const drain = async () => {
      for await (const chunk of csvRecords(broken())) void chunk;
    };
    await expect(drain()).rejects.toThrow("database went away");
  });

  it("the test reader rejects an unterminated quote instead of guessing", () => {
    expect(() => parseCsv('a,"b\r\n')).toThrow(/unterminated/);
  });
});
