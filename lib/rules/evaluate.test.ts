import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../policy/defaults";
import { EMPTY_REGISTRY } from "../registry/types";
import { findingSettler } from "../findings/settle";
import { allChecks } from "./catalogue";
import { ctx as matrixCtx } from "./checks/matrix/__fixtures__/context";
import { checksThatRan, evaluate } from "./evaluate";
import type { Check, CheckContext } from "./types";

const meta = (id: string) => ({
  id,
  title: id,
  severity: "high" as const,
  area: "matrix" as const,
  // These tests are about counting; which parts a check needs is tested below.
  reads: [],
  risk: "",
  remediation: "",
  controls: [],
});
const ctx: CheckContext = {
  snapshot: { takenAt: "2026-01-01T00:00:00Z", errors: [] },
  policy: DEFAULT_POLICY,
  registry: EMPTY_REGISTRY,
  now: new Date(),
};

describe("evaluate", () => {
  const twoRooms: Check = {
    meta: meta("T-ROOMS"),
    run: () => [
      { subject: { type: "room", id: "!a" }, status: "pass", detail: "ok", evidence: {} },
      { subject: { type: "room", id: "!b" }, status: "fail", detail: "bad", evidence: { x: 1 } },
    ],
  };

  it("turns failures into findings and counts coverage", () => {
    const e = evaluate([twoRooms], ctx);
    expect(e.findings).toEqual([
      { check: "T-ROOMS", severity: "high", subject: { type: "room", id: "!b" }, detail: "bad", evidence: { x: 1 } },
    ]);
    expect(e.coverage).toEqual([{ check: "T-ROOMS", examined: 2, passed: 1, failed: 1, unknown: 0 }]);
  });

  it("applies the policy's severity override", () => {
    const e = evaluate([twoRooms], { ...ctx, policy: { ...DEFAULT_POLICY, severities: { "T-ROOMS": "low" } } });
    expect(e.findings[0]?.severity).toBe("low");
  });

  it("reports a throwing check and still runs the others; the broken one has no coverage", () => {
    const broken: Check = {
      meta: meta("T-BROKEN"),
      run: () => {
        throw new Error("boom");
      },
    };
    const e = evaluate([broken, twoRooms], ctx);
    expect(e.errors).toEqual([{ check: "T-BROKEN", message: "boom" }]);
    expect(e.findings).toHaveLength(1);
    expect([...checksThatRan(e)]).toEqual(["T-ROOMS"]);
  });

  it("counts unknown results apart: neither a pass nor a finding", () => {
    const undecided: Check = {
      meta: meta("T-UNSURE"),
      run: () => [{ subject: { type: "device", id: "@a|D" }, status: "unknown", detail: "no last-seen time", evidence: {} }],
    };
    const e = evaluate([undecided], ctx);
    expect(e.findings).toEqual([]);
    expect(e.coverage).toEqual([{ check: "T-UNSURE", examined: 1, passed: 0, failed: 0, unknown: 1 }]);
  });
});

describe("a check whose part of the world the scan did not collect", () => {
  const onRooms: Check = {
    meta: { ...meta("T-ROOMS"), reads: ["matrix"] },
    run: () => [],
  };

  it("does not run: no coverage, no result, listed with what was missing", () => {
    const e = evaluate([onRooms], ctx);
    expect(e.coverage).toEqual([]);
    expect(e.notCollected).toEqual([{ check: "T-ROOMS", missing: ["matrix"] }]);
    expect(checksThatRan(e).has("T-ROOMS")).toBe(false);
  });

  it("runs once the part is there, even empty: an inventory with no rooms examined them all", () => {
    const e = evaluate([onRooms], matrixCtx({}));
    expect(e.notCollected).toEqual([]);
    expect(e.coverage).toEqual([{ check: "T-ROOMS", examined: 0, passed: 0, failed: 0, unknown: 0 }]);
  });

  // The bug this guards: a complete mesh-only scan (the homeserver's token removed or refused) ran every Matrix
  // check over nothing, so every open Matrix, homeserver and undeclared-user finding read as "gone" and resolved.
  it("leaves the findings of every catalogue check it could not run undecided after a complete scan", () => {
    const meshOnly = evaluate(allChecks, { ...ctx, snapshot: { ...ctx.snapshot, mesh: { endpoints: [], certificates: [] } } });
    const settle = findingSettler(meshOnly, "complete");
    for (const check of [
      "MX-ROOM-PLAINTEXT",
      "MX-DEVICE-UNEXPECTED",
      "REG-UNDECLARED-USER",
      "HS-ADMIN-API-EXPOSED",
      "MX-ROOM-PLAINTEXT-EVENTS",
    ]) {
      expect(settle({ key: `${check}|room|!gone:x`, check }), check).toBe("undecided");
    }
    // The mesh was examined in full, so a mesh finding whose endpoint is gone resolves.
    expect(settle({ key: "REG-UNDECLARED-ENDPOINT|endpoint|gone:443", check: "REG-UNDECLARED-ENDPOINT" })).toBe("resolved");
    expect(meshOnly.notCollected.map((n) => n.check)).toContain("MX-ROOM-PLAINTEXT");
  });
});
