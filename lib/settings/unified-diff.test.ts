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
