import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvRow, parseCsv } from "./csv";
import { openZip, readEntryBuffer, ZipFormatError } from "./zip-reader";
import { ZipWriter } from "./zip-writer";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-zip-"));

async function writeZip(file: string, entries: [string, string | Buffer | Iterable<string>][]) {
  const zip = new ZipWriter(fs.createWriteStream(file), new Date("2026-02-03T04:05:06Z"));
  const digests = [];
  for (const [name, body] of entries) digests.push(await zip.addEntry(name, body));
  await zip.finish();
  return digests;
}

describe("ZipWriter / openZip", () => {
  it("round-trips entries (empty, text, streamed chunks, UTF-8 names) and unzip accepts the archive", async () => {
    const file = path.join(tmp, "a.zip");
    const big = Array.from({ length: 2000 }, (_, i) => `line ${i} ${"x".repeat(i % 50)}\n`);
    const digests = await writeZip(file, [["empty.txt", ""], ["dir/ü.json", '{"a":1}'], ["big.txt", big]]);
    expect(digests[2]?.sha256).toBe(createHash("sha256").update(big.join("")).digest("hex"));
    const zip = await openZip(file);
    expect(zip.entries.map((e) => e.name)).toEqual(["empty.txt", "dir/ü.json", "big.txt"]);
    expect((await readEntryBuffer(zip, zip.entries[1]!)).toString()).toBe('{"a":1}');
    expect((await readEntryBuffer(zip, zip.entries[2]!)).toString()).toBe(big.join(""));
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
    await writeZip(file, [["ok.txt", "fine"], ["bad.txt", "x".repeat(5000)]]);
    const bytes = fs.readFileSync(file);
    const zip = await openZip(file);
    const e = zip.entries[1]!;
    const at = e.localOffset + 30 + e.name.length + 1;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at); // inside bad.txt's deflate stream
    fs.writeFileSync(file, bytes);
    const err = await readEntryBuffer(await openZip(file), e).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ZipFormatError);
    expect((err as ZipFormatError).entry).toBe("bad.txt");
  });

  it("refuses duplicate names at write time", async () => {
    const zip = new ZipWriter(fs.createWriteStream(path.join(tmp, "d.zip")));
    await zip.addEntry("a", "1");
    await expect(zip.addEntry("a", "2")).rejects.toThrow(/duplicate/);
    await zip.finish();
  });
});

describe("csv", () => {
  it("quotes per RFC 4180 and defuses formula cells", () => {
    const hostile = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", 'a,"b"\r\nc', "plain", "\tTAB"];
    const text = csvRow(hostile) + csvRow([1, null, true]);
    expect(text.startsWith(`"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),"a,""b""\r\nc",plain,'\tTAB\r\n`)).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toEqual([[`'=HYPERLINK("http://x","y")`, "'+1", "'-2", "'@SUM(A1)", 'a,"b"\r\nc', "plain", "'\tTAB"], ["1", "", "true"]]);
  });

  it("rejects an unterminated quote instead of guessing", () => {
    expect(() => parseCsv('a,"b\r\n')).toThrow(/unterminated/);
  });
});
