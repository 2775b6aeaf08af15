/**
 * Evidence bundles end to end: a real scan of the test bed into a fresh
 * database, exported, verified offline — and then tampered with every way an
 * auditor should catch: each file kind altered, a file added, one removed, the
 * zip truncated, a byte flipped inside the container, another key re-signing.
 * Re-zipping identical contents still verifies: verification is about the
 * signed contents, not the container (the zip's own hash is in the export history).
 */
import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Manifest } from "@/lib/evidence/manifest";
import { verifyBundle } from "@/lib/evidence/verify-bundle";
import { openZip, readEntryBuffer } from "@/lib/evidence/zip-reader";
import { ZipWriter } from "@/lib/evidence/zip-writer";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";
import { parseCsv } from "@/test/support/parse-csv";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-evidence-it-"));
// The database and the sealing key must be ours, chosen before lib/db and lib/env are first imported.
process.env.DATABASE_URL = path.join(tmp, "db");
process.env.VIGIL_DATA_DIR = path.join(tmp, "data");

let tb: Testbed;
let db: PrismaClient;
let closeDb: () => Promise<void>;
let bundle: string;
let fingerprint: string;
let scanned: import("@/lib/scan/run-scan").ScanOutcome;
const FRAMEWORKS = ["SOC2", "HIPAA", "ISO27001"] as const;

async function entries(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(zipPath);
  try {
    const out = new Map<string, Buffer>();
    for (const e of zip.entries) out.set(e.name, await readEntryBuffer(zip, e));
    return out;
  } finally {
    zip.close();
  }
}

/** Re-packs a bundle with our own writer after `mutate`: a tamperer with a working zip tool. */
async function repack(name: string, mutate: (m: Map<string, Buffer>) => void): Promise<string> {
  const m = await entries(bundle);
  mutate(m);
  const file = path.join(tmp, `${name}.zip`);
  const zip = new ZipWriter(fs.createWriteStream(file));
  for (const [n, b] of m) await zip.addEntry(n, b);
  await zip.finish();
  return file;
}

function flip(buf: Buffer | undefined, at = Math.floor((buf?.length ?? 0) / 2)): Buffer {
  if (!buf) throw new Error("no such entry");
  const copy = Buffer.from(buf);
  copy.writeUInt8(copy.readUInt8(at) ^ 0x01, at);
  return copy;
}

beforeAll(async () => {
  tb = await startTestbed({ outDir: path.join(tmp, "tb") });
  const client = await import("@/lib/db/client");
  const { scanConfigFromFile } = await import("@/lib/scan/config-from-file");
  const { runScan } = await import("@/lib/scan/run-scan");
  const { startEvidenceExport } = await import("@/lib/evidence/export-evidence");
  db = client.getDb();
  closeDb = client.closeDb;
  scanned = await runScan(db, scanConfigFromFile(tb.configPath), { trigger: "cli" });
  // One accepted exception, as an auditor would record it.
  const one = await db.finding.findFirstOrThrow({ where: { check: "MESH-CERT-LIFETIME" } });
  await db.finding.update({
    where: { id: one.id },
    data: {
      status: "accepted",
      acceptedReason: "=cmd|' /C calc'!A0 legacy signer",
      acceptedBy: "ciso@example.test",
      acceptedAt: new Date(),
      acceptedUntil: new Date(Date.now() + 30 * 864e5),
    },
  });
  await db.auditLog.create({ data: { actorEmail: "admin@vigil.test", action: "finding.accept", target: one.key, outcome: "ok" } });

  const now = new Date();
  const started = await startEvidenceExport(db, {
    request: { scope: "period", from: new Date(now.getTime() - 864e5), to: new Date(now.getTime() + 60e3) },
    frameworks: [...FRAMEWORKS],
    generatedBy: "auditor@vigil.test",
    caPem: fs.readFileSync(path.join(tb.dir, "mesh/ca.pem"), "utf8"),
  });
  bundle = path.join(tmp, started.fileName);
  await pipeline(started.stream, fs.createWriteStream(bundle));
  const done = await started.done;
  const { readEvidencePublicKey } = await import("@/lib/evidence/signing-key");
  const shown = await readEvidencePublicKey(db);
  if (!shown) throw new Error("the export did not store the public key for display");
  fingerprint = shown.fingerprint;
  expect(done.sizeBytes).toBe(fs.statSync(bundle).size);
}, 600_000);

afterAll(async () => {
  await closeDb?.();
  await tb?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("evidence bundle from a real scan", () => {
  it("verifies, pinned to the key Vigil shows, and holds every promised file", async () => {
    const r = await verifyBundle(bundle, { fingerprint });
    expect(r).toMatchObject({ ok: true, pinned: true, fingerprint });
    const m = await entries(bundle);
    const manifest = JSON.parse(m.get("manifest.json")?.toString() ?? "") as Manifest;
    const listed = manifest.files.map((f) => f.path);
    const promised = [
      "controls.json",
      "inventory/rooms.json",
      "inventory/devices.json",
      "inventory/keys.json",
      "inventory/certificates.json",
      "findings.json",
      "findings.csv",
      "findings.sarif",
      "findings.ocsf.json",
      "audit-log.json",
      "report.html",
      "public-key.pem",
      "SHA256SUMS",
    ];
    for (const f of promised) expect(listed).toContain(f);
    expect(manifest.scans).toHaveLength(1);
    expect(manifest.homeserver?.baseUrl).toBe(tb.matrix.homeserver.baseUrl);
    expect(manifest.mesh?.caFingerprint256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    // PDF where Chromium exists, otherwise a note saying why not.
    if (fs.existsSync("/usr/bin/chromium")) expect(listed).toContain("report.pdf");
    expect(listed.includes("report.pdf") || manifest.notes.some((n) => n.startsWith("report.pdf omitted"))).toBe(true);
  });

  it("carries the matrix, the exception and CSV that parses with formulas defused", async () => {
    const m = await entries(bundle);
    type Control = {
      framework: string;
      id: string;
      status: string;
      exceptions: { reason: string; owner: string }[];
      checks: { coverage: string }[];
    };
    const controls = JSON.parse(m.get("controls.json")?.toString() ?? "") as { controls: Control[] };
    const cc67 = controls.controls.find((c) => c.framework === "SOC2" && c.id === "CC6.7");
    expect(cc67?.status).toBe("failing");
    expect(cc67?.checks.some((l) => /^\d+ rooms checked, \d+ passed$/.test(l.coverage))).toBe(true);
    expect(controls.controls.flatMap((c) => c.exceptions).some((x) => x.owner === "ciso@example.test")).toBe(true);
    const rows = parseCsv(m.get("findings.csv")?.toString() ?? "");
    const findings = JSON.parse(m.get("findings.json")?.toString() ?? "") as unknown[];
    expect(rows.length - 1).toBe(findings.length);
    expect(rows.flat().some((c) => c.startsWith("'=cmd"))).toBe(true);
    expect(rows.flat().some((c) => /^[=+\-@]/.test(c))).toBe(false);
    const sarif = JSON.parse(m.get("findings.sarif")?.toString() ?? "") as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.results).toHaveLength(findings.length);
    const ocsf = JSON.parse(m.get("findings.ocsf.json")?.toString() ?? "") as { class_uid: number }[];
    expect(ocsf.every((e) => e.class_uid === 2003)).toBe(true);
    const audit = JSON.parse(m.get("audit-log.json")?.toString() ?? "") as { action: string }[];
    expect(audit.some((a) => a.action === "finding.accept")).toBe(true);
  });

  it("fingerprints every finding as `vigil scan --format sarif` does, so CI and the auditor see one alert per finding", async () => {
    const { toSarif } = await import("@/lib/cli/sarif");
    const { allChecks } = await import("@/lib/rules/catalogue");
    type Log = { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    const fingerprints = (log: Log) => (log.runs[0]?.results ?? []).map((r) => r.partialFingerprints["vigilFindingKey/v1"]).sort();
    const bundled = fingerprints(JSON.parse((await entries(bundle)).get("findings.sarif")?.toString() ?? "") as Log);
    const cli = fingerprints(JSON.parse(JSON.stringify(toSarif(scanned, allChecks))) as Log);
    expect(cli.length).toBeGreaterThan(10);
    expect(bundled).toEqual(cli);
  });

  it("verifies with standard tools: unzip, openssl over raw manifest.sig, sha256sum -c", () => {
    const dir = path.join(tmp, "unzipped");
    execFileSync("unzip", ["-q", bundle, "-d", dir]);
    const verifyManifest = [
      "pkeyutl",
      "-verify",
      "-pubin",
      "-inkey",
      "public-key.pem",
      "-rawin",
      "-in",
      "manifest.json",
      "-sigfile",
      "manifest.sig",
    ];
    const out = execFileSync("openssl", verifyManifest, { cwd: dir }).toString();
    expect(out).toMatch(/Signature Verified Successfully/);
    expect(execFileSync("sh", ["-c", "sha256sum -c SHA256SUMS"], { cwd: dir }).toString()).not.toMatch(/FAILED/);
    const fp = execFileSync("sh", ["-c", "openssl pkey -pubin -in public-key.pem -outform DER | tail -c 32 | sha256sum"], {
      cwd: dir,
    }).toString();
    expect(fp.split(" ")[0]).toBe(fingerprint);
    // openssl refuses a tampered manifest
    fs.appendFileSync(path.join(dir, "manifest.json"), " ");
    expect(() => execFileSync("openssl", verifyManifest, { cwd: dir, stdio: "pipe" })).toThrow();
  });

  it.each([
    "findings.json",
    "findings.csv",
    "report.html",
    "report.pdf",
    "findings.sarif",
    "findings.ocsf.json",
    "inventory/rooms.json",
    "audit-log.json",
    "SHA256SUMS",
    "public-key.pem",
  ])("names %s when one of its bytes changes", async (name) => {
    const m = await entries(bundle);
    if (!m.has(name)) return; // report.pdf without Chromium: asserted above via the manifest note
    const bad = await repack(`flip-${name.replace("/", "_")}`, (e) => e.set(name, flip(e.get(name))));
    const r = await verifyBundle(bad);
    expect(r).toMatchObject({ ok: false, file: name });
  });

  it("fails on an altered manifest or signature, naming the manifest", async () => {
    for (const name of ["manifest.json", "manifest.sig"]) {
      const r = await verifyBundle(await repack(`flip-${name}`, (e) => e.set(name, flip(e.get(name)))));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.file).toBe("manifest.json");
        expect(r.reason).toMatch(/manifest\.sig does not verify/);
      }
    }
  });

  it("fails on an added file, a removed file, a truncated zip and a byte flipped inside the container", async () => {
    expect(await verifyBundle(await repack("added", (e) => e.set("extra.txt", Buffer.from("hi"))))).toMatchObject({
      ok: false,
      file: "extra.txt",
    });
    expect(await verifyBundle(await repack("removed", (e) => e.delete("findings.csv")))).toMatchObject({ ok: false, file: "findings.csv" });
    const cut = path.join(tmp, "cut.zip");
    fs.writeFileSync(cut, fs.readFileSync(bundle).subarray(0, Math.floor(fs.statSync(bundle).size * 0.7)));
    const truncated = await verifyBundle(cut);
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.reason).toMatch(/truncated/);
    const zip = await openZip(bundle);
    zip.close();
    const e = zip.entries.find((x) => x.name === "findings.json");
    if (!e) throw new Error("findings.json missing");
    const raw = fs.readFileSync(bundle);
    const at = e.dataOffset + Math.floor(e.compressedSize / 2);
    raw.writeUInt8(raw.readUInt8(at) ^ 0x10, at);
    const flipped = path.join(tmp, "flipped.zip");
    fs.writeFileSync(flipped, raw);
    expect(await verifyBundle(flipped)).toMatchObject({ ok: false, file: "findings.json" });
  });

  it("passes a re-zip of identical contents (contents, not container, are what is signed)", async () => {
    const rezipped = await repack("rezip", () => {});
    expect(fs.readFileSync(rezipped).equals(fs.readFileSync(bundle))).toBe(false);
    const dir = path.join(tmp, "rezip-dir");
    execFileSync("unzip", ["-q", bundle, "-d", dir]);
    const byInfoZip = path.join(tmp, "infozip.zip");
    try {
      execFileSync("zip", ["-qr", "-9", byInfoZip, "."], { cwd: dir });
      expect(await verifyBundle(byInfoZip, { fingerprint })).toMatchObject({ ok: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err; // no `zip` binary: our own re-pack below still covers it
    }
    expect(await verifyBundle(rezipped, { fingerprint })).toMatchObject({ ok: true });
  });

  it("refuses a bundle re-signed with another key when the fingerprint is pinned", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const forged = await repack("forged", (e) => {
      const manifest = JSON.parse(e.get("manifest.json")?.toString() ?? "") as Manifest;
      manifest.files = manifest.files.filter((f) => f.path !== "public-key.pem");
      const pem = Buffer.from(publicKey.export({ format: "pem", type: "spki" }).toString());
      e.set("public-key.pem", pem);
      manifest.files.push({ path: "public-key.pem", sha256: createHash("sha256").update(pem).digest("hex"), size: pem.length });
      const bytes = Buffer.from(JSON.stringify(manifest));
      e.set("manifest.json", bytes);
      e.set("manifest.sig", sign(null, bytes, privateKey));
    });
    expect((await verifyBundle(forged)).ok).toBe(true); // self-consistent without a pin …
    expect(await verifyBundle(forged, { fingerprint })).toMatchObject({ ok: false, file: "public-key.pem" }); // … caught with one
  });

  it("runs as `vigil evidence verify` with exit codes 0, 1 and 2", async () => {
    const { runCli } = await import("@/lib/cli/run-cli");
    const run = async (...argv: string[]) => {
      let out = "";
      const write = (s: string) => (out += s);
      const code = await runCli(argv, { out: { write }, err: { write }, env: { NODE_ENV: "test" } });
      return { code, out };
    };
    expect(await run("evidence", "verify", bundle, "--fingerprint", fingerprint)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^OK \d+ files verified/),
    });
    const removed = await repack("cli-removed", (e) => e.delete("controls.json"));
    expect(await run("evidence", "verify", removed)).toMatchObject({ code: 1, out: expect.stringMatching(/^FAILED controls\.json: /) });
    expect((await run("evidence", "verify")).code).toBe(2);
    expect((await run("evidence", "verify", path.join(tmp, "nope.zip"))).code).toBe(2);
  });

  it("refuses to export a period with no scans instead of producing an empty bundle", async () => {
    const { evidenceSourceFromDb } = await import("@/lib/evidence/db-source");
    const { NoEvidenceError } = await import("@/lib/evidence/source");
    const request = { scope: "period" as const, from: new Date("2001-01-01"), to: new Date("2001-01-31") };
    const err = await evidenceSourceFromDb(db, { request, frameworks: ["SOC2"], generatedBy: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoEvidenceError);
    expect((err as Error).message).toMatch(/No completed scan between 2001-01-01 and 2001-01-31/);
  });
});
