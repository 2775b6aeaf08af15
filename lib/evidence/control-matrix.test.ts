import { describe, expect, it } from "vitest";
import { allChecks } from "../rules/catalogue";
import { buildControlMatrix, type CheckFindingsInput, type ExceptionRef, type FindingRef } from "./control-matrix";
import { CONTROLS, controlByKey, controlKey } from "./controls-catalogue";

const metas = allChecks.map((c) => c.meta);

const REQUIRED = {
  SOC2: ["CC6.1", "CC6.6", "CC6.7", "CC7.1", "CC7.2"],
  HIPAA: ["164.312(a)(2)(iv)", "164.312(b)", "164.312(c)(1)", "164.312(d)", "164.312(e)(1)", "164.312(e)(2)(ii)"],
  ISO27001: ["A.5.17", "A.8.9", "A.8.16", "A.8.20", "A.8.24"],
} as const;

function finding(check: string, over: Partial<FindingRef> = {}): FindingRef {
  return {
    key: `${check}|room|!r`,
    check,
    severity: "high",
    subjectType: "room",
    subjectId: "!r",
    subjectLabel: null,
    detail: "bad",
    status: "open",
    firstSeenAt: "2026-01-01T00:00:00.000Z",
    lastSeenAt: "2026-01-02T00:00:00.000Z",
    ...over,
  };
}

describe("control catalogue", () => {
  it("has every required control, with a title, marked required", () => {
    for (const [framework, ids] of Object.entries(REQUIRED)) {
      for (const id of ids) {
        const def = controlByKey.get(`${framework}:${id}`);
        expect(def, `${framework} ${id}`).toBeDefined();
        expect(def?.required).toBe(true);
        expect(def?.title.length).toBeGreaterThan(3);
      }
    }
    expect(CONTROLS.filter((c) => c.required)).toHaveLength(16);
  });

  it("maps every check to at least one required control, and names no control it does not know", () => {
    for (const meta of metas) {
      expect(meta.controls.length, meta.id).toBeGreaterThan(0);
      for (const ref of meta.controls) expect(controlByKey.has(controlKey(ref)), `${meta.id} → ${ref.framework} ${ref.id}`).toBe(true);
      expect(
        meta.controls.some((r) => controlByKey.get(controlKey(r))?.required),
        `${meta.id} has a required control`,
      ).toBe(true);
    }
  });

  it("has a check behind every required control", () => {
    for (const def of CONTROLS.filter((c) => c.required)) {
      expect(
        metas.some((m) => m.controls.some((r) => controlKey(r) === controlKey(def))),
        `${def.framework} ${def.id}`,
      ).toBe(true);
    }
  });
});

describe("buildControlMatrix", () => {
  const coverageAll = metas.map((m) => ({ check: m.id, examined: 412, passed: 412, failed: 0, scans: 1 }));

  it("reports every control not assessed when no check ran", () => {
    const m = buildControlMatrix({ checks: metas, frameworks: ["SOC2", "HIPAA", "ISO27001"], coverage: [], findings: [] });
    expect(m.length).toBe(CONTROLS.length);
    expect(new Set(m.map((c) => c.status))).toEqual(new Set(["not-assessed"]));
    expect(m[0]?.checks.every((l) => l.coverage === "not run")).toBe(true);
  });

  it("is satisfied with coverage in words when mapped checks ran clean", () => {
    const m = buildControlMatrix({ checks: metas, frameworks: ["SOC2"], coverage: coverageAll, findings: [] });
    expect(m.every((c) => c.framework === "SOC2")).toBe(true);
    const cc67 = m.find((c) => c.id === "CC6.7");
    expect(cc67?.status).toBe("satisfied");
    expect(cc67?.checks.find((l) => l.check === "MX-ROOM-PLAINTEXT")?.coverage).toBe("412 rooms checked, 412 passed");
  });

  it("fails a control whose check has an open finding, and lists it only under controls that check maps to", () => {
    const findings: CheckFindingsInput[] = [
      { check: "MX-ROOM-PLAINTEXT", failingCount: 1, failing: [finding("MX-ROOM-PLAINTEXT")], exceptionsCount: 0, exceptions: [] },
    ];
    const m = buildControlMatrix({ checks: metas, frameworks: ["SOC2", "HIPAA", "ISO27001"], coverage: coverageAll, findings });
    const byId = new Map(m.map((c) => [`${c.framework}:${c.id}`, c]));
    expect(byId.get("SOC2:CC6.7")?.status).toBe("failing");
    expect(byId.get("SOC2:CC6.7")?.failing.map((f) => f.check)).toEqual(["MX-ROOM-PLAINTEXT"]);
    expect(byId.get("HIPAA:164.312(e)(1)")?.status).toBe("failing");
    expect(byId.get("HIPAA:164.312(b)")?.status).toBe("satisfied");
  });

  it("is only partly assessed when a mapped check left subjects unknown, and not assessed when it decided none", () => {
    const someUnknown = coverageAll.map((c) => (c.check === "MESH-MTLS-NOT-ENFORCED" ? { ...c, examined: 12, passed: 10, unknown: 2 } : c));
    const line = (m: ReturnType<typeof buildControlMatrix>, id: string) => m.find((c) => c.id === id);
    const m = buildControlMatrix({ checks: metas, frameworks: ["SOC2"], coverage: someUnknown, findings: [] });
    expect(line(m, "CC6.6")?.status).toBe("incomplete");
    expect(line(m, "CC6.6")?.checks.find((l) => l.check === "MESH-MTLS-NOT-ENFORCED")?.coverage).toBe(
      "12 endpoints checked, 10 passed, 2 unknown",
    );
    const onlyUnknown = [{ check: "MESH-WEAK-KEY", examined: 3, passed: 0, failed: 0, unknown: 3, scans: 1 }];
    const h = buildControlMatrix({ checks: metas, frameworks: ["HIPAA"], coverage: onlyUnknown, findings: [] });
    expect(line(h, "164.312(a)(2)(iv)")?.status).toBe("not-assessed");
  });

  it("reports accepted findings as exceptions with reason, owner and expiry", () => {
    const ex: ExceptionRef = {
      ...finding("MESH-UNREACHABLE", { status: "accepted" }),
      reason: "decommissioning",
      owner: "ops@x",
      acceptedAt: null,
      expires: "2026-03-01T00:00:00.000Z",
    };
    const findings: CheckFindingsInput[] = [
      { check: "MESH-UNREACHABLE", failingCount: 0, failing: [], exceptionsCount: 1, exceptions: [ex] },
    ];
    const m = buildControlMatrix({ checks: metas, frameworks: ["HIPAA"], coverage: coverageAll, findings });
    const b = m.find((c) => c.id === "164.312(b)");
    expect(b?.status).toBe("exceptions");
    expect(b?.exceptions[0]).toMatchObject({ reason: "decommissioning", owner: "ops@x", expires: "2026-03-01T00:00:00.000Z" });
  });

  it("keeps a control not assessed when only some other area's checks ran", () => {
    const matrixOnly = coverageAll.filter((c) => c.check.startsWith("MX-"));
    const m = buildControlMatrix({ checks: metas, frameworks: ["HIPAA"], coverage: matrixOnly, findings: [] });
    // Only MESH-WEAK-KEY maps to 164.312(a)(2)(iv): with no mesh scan it was not assessed.
    expect(m.find((c) => c.id === "164.312(a)(2)(iv)")?.status).toBe("not-assessed");
  });

  it("caps listed findings but keeps counts exact", () => {
    const many = Array.from({ length: 300 }, (_, i) => finding("MX-ROOM-PLAINTEXT", { key: `k${i}` }));
    const m = buildControlMatrix({
      checks: metas,
      frameworks: ["SOC2"],
      coverage: coverageAll,
      findings: [{ check: "MX-ROOM-PLAINTEXT", failingCount: 300, failing: many, exceptionsCount: 0, exceptions: [] }],
      listLimit: 10,
    });
    const cc67 = m.find((c) => c.id === "CC6.7");
    expect(cc67?.failing).toHaveLength(10);
    expect(cc67?.failingCount).toBe(300);
  });
});
