import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./unified-diff";

const L = { from: "a", to: "b" };

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("x\n", "x\n", L)).toBe("");
  });

  it("shows a changed line with its context, like diff -u", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const after = "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n";
    expect(unifiedDiff(before, after, L)).toBe("--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n");
  });

  it("handles additions to an empty file and separate hunks", () => {
    expect(unifiedDiff("", "x\ny\n", L)).toBe("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n");
    const after = before.replace("l1\n", "L1\n").replace("l18", "L18");
    const d = unifiedDiff(before, after, L);
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d).toContain("-l1\n+L1\n");
    expect(d).toContain("-l18\n+L18\n");
  });
});

describe("unifiedDiff against GNU diff -u", () => {
  const policyV1 = [
    "thresholds:",
    "  staleDeviceDays: 30",
    "  certWarnHours: 72",
    "  maxCertLifetimeHours: 24",
    "minTlsVersion: TLSv1.3",
    "rooms:",
    "  requireEncryption: true",
    "  allowPublic: false",
    "severity:",
    "  MX-DEVICE-STALE: low",
    "",
  ].join("\n");
  const policyV2 = [
    "thresholds:",
    "  staleDeviceDays: 14",
    "  certWarnHours: 72",
    "  maxCertLifetimeHours: 24",
    "minTlsVersion: TLSv1.3",
    "rooms:",
    "  requireEncryption: true",
    "severity:",
    "  MX-DEVICE-STALE: medium",
    "  MESH-TLS-LEGACY: critical",
    "",
  ].join("\n");

  function gnuDiff(before: string, after: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-diff-"));
    try {
      fs.writeFileSync(path.join(dir, "a"), before);
      fs.writeFileSync(path.join(dir, "b"), after);
      // Exit status 1 means "files differ": the output is what we want.
      const run = spawnSync("diff", ["-u", "--label", "a", "--label", "b", "a", "b"], { cwd: dir, encoding: "utf8" });
      if (run.status !== 1) throw new Error(`diff exited ${run.status}: ${run.stderr}`);
      return run.stdout;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("matches diff -u line for line on a policy edit (changed, removed and added lines)", () => {
    expect(unifiedDiff(policyV1, policyV2, L)).toBe(gnuDiff(policyV1, policyV2));
  });

  it("marks a missing final newline as diff -u does, instead of hiding the change", () => {
    expect(unifiedDiff("a\nb\n", "a\nb", L)).toBe(gnuDiff("a\nb\n", "a\nb"));
  });
});
