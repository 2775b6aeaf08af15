import { describe, expect, it } from "vitest";
import { reconcile } from "./file-sync";

describe("reconcile", () => {
  it("loads the file when nothing is active or the active version came from the file", () => {
    expect(reconcile(null, "f")).toBe("load");
    expect(reconcile({ sha256: "old", source: "file" }, "f")).toBe("load");
  });
  it("is in sync when contents match, whatever the source", () => {
    expect(reconcile({ sha256: "f", source: "ui" }, "f")).toBe("in-sync");
  });
  it("never overrides a UI edit silently: a differing file is a conflict", () => {
    expect(reconcile({ sha256: "ui", source: "ui" }, "f")).toBe("conflict");
  });
});
