import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { syntheticSource } from "../../test/support/synthetic-evidence-source";
import { escapeHtml } from "./report-html";
import { verifyBundle } from "./verify-bundle";
import { writeBundle } from "./write-bundle";
import { openZip, readEntryBuffer } from "./zip-reader";

describe("writeBundle", () => {
  it("writes a bundle that verifies, with hostile text escaped in report.html and a note when the PDF is skipped", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-wb-"));
    const file = path.join(dir, "b.zip");
    const { privateKey } = generateKeyPairSync("ed25519");
    const source = syntheticSource({ rooms: 50, devices: 20, certificates: 5, findings: 40 });
    const { manifest } = await writeBundle(fs.createWriteStream(file), source, privateKey, { pdf: false });
    expect(await verifyBundle(file)).toMatchObject({ ok: true });
    expect(manifest.notes).toEqual(["report.pdf omitted: PDF rendering was switched off for this export"]);
    const zip = await openZip(file);
    const text = async (name: string) => {
      const entry = zip.entries.find((e) => e.name === name);
      if (!entry) throw new Error(`${name} is missing from the bundle`);
      return (await readEntryBuffer(zip, entry)).toString();
    };
    try {
      const html = await text("report.html");
      expect(html).not.toContain("<script>");
      expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
      // Self-contained: no tags or attributes that could fetch anything.
      expect(html).not.toMatch(/<(link|img|script|iframe|object)\b|\s(src|href)=|@import|url\(/i);
      expect(JSON.parse(await text("inventory/rooms.json"))).toHaveLength(50);
    } finally {
      zip.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("escapes every HTML-significant character", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});
