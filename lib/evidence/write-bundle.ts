/**
 * Writes one evidence bundle as a streamed ZIP. Order matters: data files,
 * then report.html (which lists their hashes), report.pdf, public-key.pem,
 * SHA256SUMS (over all of those), then manifest.json (over all of those plus
 * SHA256SUMS) and manifest.sig — raw Ed25519 over manifest.json's exact bytes.
 */
import { createHash, createPublicKey, sign, type KeyObject } from "node:crypto";
import fs from "node:fs";
import type { Writable } from "node:stream";
import { allChecks } from "../rules/catalogue";
import { findingsCsv, findingsOcsf, findingsSarif } from "./formats";
import { batched, jsonArray, toJson } from "./json-stream";
import { BUNDLE_FORMAT, publicKeyFingerprint, type Manifest } from "./manifest";
import { renderPdf } from "./render-pdf";
import { renderReportHtml } from "./report-html";
import type { EvidenceSource } from "./source";
import { ZipWriter, type EntryDigest } from "./zip-writer";

export interface WriteBundleOptions {
  /** Render report.pdf with Chromium (default true). */
  pdf?: boolean;
  onProgress?: (file: string) => void;
}

export interface WrittenBundle {
  manifest: Manifest;
  manifestSha256: string;
}

/** Streams the bundle for `src` into `out`, signed with `privateKey`; ends `out`. */
export async function writeBundle(
  out: Writable,
  src: EvidenceSource,
  privateKey: KeyObject,
  opts: WriteBundleOptions = {},
): Promise<WrittenBundle> {
  const { meta } = src;
  const zip = new ZipWriter(out, meta.generatedAt);
  const files: EntryDigest[] = [];
  const notes: string[] = [];
  const add = async (path: string, body: Parameters<ZipWriter["addEntry"]>[1]) => {
    opts.onProgress?.(path);
    files.push(await zip.addEntry(path, body));
  };
  const publicKey = createPublicKey(privateKey);
  const fingerprint = publicKeyFingerprint(publicKey);

  await add("controls.json", toJson({ frameworks: meta.frameworks, period: meta.period, controls: src.matrix }, 2) + "\n");
  await add("inventory/rooms.json", jsonArray(src.rooms()));
  await add("inventory/devices.json", jsonArray(src.devices()));
  await add("inventory/keys.json", jsonArray(src.keys()));
  await add("inventory/certificates.json", jsonArray(src.certificates()));
  await add("findings.json", jsonArray(src.findings()));
  await add("findings.csv", batched(findingsCsv(src.findings())));
  await add(
    "findings.sarif",
    findingsSarif(
      src.findings(),
      allChecks.map((c) => c.meta),
      meta.vigilVersion,
    ),
  );
  await add("findings.ocsf.json", findingsOcsf(src.findings(), meta.vigilVersion));
  await add("audit-log.json", jsonArray(src.auditLog()));

  const html = renderReportHtml({
    meta,
    matrix: src.matrix,
    summary: src.summary,
    findings: src.reportFindings,
    files: [...files],
    publicKeyFingerprint: fingerprint,
  });
  await add("report.html", html);
  if (opts.pdf !== false) {
    opts.onProgress?.("report.pdf");
    const pdf = await renderPdf(html);
    if (pdf.ok) {
      try {
        await add("report.pdf", fs.createReadStream(pdf.pdf));
      } finally {
        pdf.cleanup();
      }
    } else notes.push(pdf.reason);
  } else notes.push("report.pdf omitted: PDF rendering was switched off for this export");

  await add("public-key.pem", publicKey.export({ format: "pem", type: "spki" }).toString());
  await add("SHA256SUMS", files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));

  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    vigilVersion: meta.vigilVersion,
    generatedAt: meta.generatedAt.toISOString(),
    generatedBy: meta.generatedBy,
    scope: meta.scope,
    period: { from: meta.period.from.toISOString(), to: meta.period.to.toISOString() },
    frameworks: meta.frameworks,
    scans: meta.scans,
    inventorySnapshot: meta.inventorySnapshot,
    policy: meta.policy,
    homeserver: meta.homeserver,
    mesh: meta.mesh,
    signing: { algorithm: "Ed25519", publicKeyFingerprint: fingerprint },
    notes,
    files,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8");
  opts.onProgress?.("manifest.json");
  await zip.addEntry("manifest.json", manifestBytes);
  await zip.addEntry("manifest.sig", sign(null, manifestBytes, privateKey));
  await zip.finish();
  return { manifest, manifestSha256: createHash("sha256").update(manifestBytes).digest("hex") };
}
