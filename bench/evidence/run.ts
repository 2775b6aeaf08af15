/**
 * npx tsx bench/evidence/run.ts
 *
 * Exports a synthetic snapshot (10,000 rooms, 3,000 devices, 500 certificates,
 * 5,000 findings) at 1× and 3× size, each in its own child process so peak RSS
 * is that export's alone, then verifies each bundle. Budget: ≤ 15 s at 1×.
 * Prints one JSON object. Flat memory shows as peak RSS at 3× ≈ peak at 1×
 * while the bundle is ~3× larger.
 */
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verifyBundle } from "../../lib/evidence/verify-bundle";
import { writeBundle } from "../../lib/evidence/write-bundle";
import { syntheticSource } from "../../test/support/synthetic-evidence-source";

const BASE = { rooms: 10_000, devices: 3_000, certificates: 500, findings: 5_000 };
const BUDGET_MS = 15_000;

async function child(scale: number): Promise<void> {
  const size = {
    rooms: BASE.rooms * scale,
    devices: BASE.devices * scale,
    certificates: BASE.certificates * scale,
    findings: BASE.findings * scale,
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vigil-bench-evidence-")), "bundle.zip");
  const { privateKey } = generateKeyPairSync("ed25519");
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const written = await writeBundle(fs.createWriteStream(file), syntheticSource(size), privateKey);
  const exportMs = Math.round(performance.now() - started);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const v0 = performance.now();
  const verified = await verifyBundle(file);
  const verifyMs = Math.round(performance.now() - v0);
  const uncompressed = written.manifest.files.reduce((n, f) => n + f.size, 0);
  console.log(
    JSON.stringify({
      scale,
      size,
      exportMs,
      verifyMs,
      verified: verified.ok,
      pdf: written.manifest.files.some((f) => f.path === "report.pdf"),
      bundleBytes: fs.statSync(file).size,
      uncompressedBytes: uncompressed,
      rssBeforeMb: Math.round(rssBefore / 1048576),
      peakRssMb,
    }),
  );
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

const scaleArg = process.argv.indexOf("--scale");
if (scaleArg > 0) {
  await child(Number(process.argv[scaleArg + 1]));
} else {
  const runs = [1, 3].map(
    (scale) =>
      JSON.parse(
        execFileSync(process.execPath, [...process.execArgv, import.meta.filename, "--scale", String(scale)], {
          encoding: "utf8",
          maxBuffer: 1 << 20,
        })
          .trim()
          .split("\n")
          .at(-1) ?? "{}",
      ) as { exportMs: number; peakRssMb: number; bundleBytes: number },
  );
  const [one, three] = runs;
  console.log(
    JSON.stringify(
      {
        bench: "evidence-export",
        runs,
        withinBudget: (one?.exportMs ?? Infinity) <= BUDGET_MS,
        budgetMs: BUDGET_MS,
        bundleGrowth: one && three ? +(three.bundleBytes / one.bundleBytes).toFixed(2) : null,
        peakRssGrowth: one && three ? +(three.peakRssMb / one.peakRssMb).toFixed(2) : null,
      },
      null,
      2,
    ),
  );
}
