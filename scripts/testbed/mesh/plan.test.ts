/**
 * The test bed's validity windows must mean what the ground truth says under
 * the DEFAULT policy: a fault trips its own cert check and no other.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../lib/policy/defaults";
import { EMPTY_REGISTRY } from "../../../lib/registry/types";
import type { CheckContext } from "../../../lib/rules/types";
import { meshCertExpired, meshCertExpiring, meshCertLifetime, meshChecks } from "../../../lib/rules/checks/mesh";
import { EXPECTED_CHECK, EXPECTED_UNKNOWN, FAULT_CYCLE, validityFor } from "./plan";
import { THIRD_PARTY_PLAN } from "./third-party/plan";
import type { Fault } from "./servers";

const now = Date.parse("2026-03-01T12:00:00Z");

function verdicts(fault: Fault): string[] {
  const v = validityFor(fault, now);
  const cert = {
    fingerprint256: "00",
    subject: "CN=x",
    issuer: "CN=ca",
    serialNumber: "1",
    sans: [],
    trusted: true,
    notBefore: v.notBefore.toISOString(),
    notAfter: v.notAfter.toISOString(),
    source: { kind: "file" as const, path: "x" },
  };
  const ctx: CheckContext = {
    snapshot: { takenAt: new Date(now).toISOString(), mesh: { endpoints: [], certificates: [cert] }, errors: [] },
    policy: DEFAULT_POLICY,
    registry: EMPTY_REGISTRY,
    now: new Date(now),
  };
  return [meshCertExpired, meshCertExpiring, meshCertLifetime]
    .filter((c) => c.run(ctx).some((r) => r.status === "fail"))
    .map((c) => c.meta.id);
}

describe("test bed plan", () => {
  it("gives each validity fault exactly its own finding, and healthy certs none", () => {
    expect(verdicts("healthy")).toEqual([]);
    expect(verdicts("expiring")).toEqual(["MESH-CERT-EXPIRING"]);
    expect(verdicts("expired")).toEqual(["MESH-CERT-EXPIRED"]);
    expect(verdicts("long-lived")).toEqual(["MESH-CERT-LIFETIME"]);
  });

  it("covers every MESH-* check with a fault, and keeps two healthy endpoints", () => {
    expect(new Set(FAULT_CYCLE.map((f) => EXPECTED_CHECK[f]).filter(Boolean)).size).toBe(10);
    expect(FAULT_CYCLE.filter((f) => f === "healthy")).toHaveLength(2);
    // MESH-CHAIN-INCOMPLETE needs a server that sends its leaf alone: only the third-party fleet has one.
    const covered = new Set([...FAULT_CYCLE.map((f) => EXPECTED_CHECK[f]), ...THIRD_PARTY_PLAN.flatMap((e) => e.expect)]);
    expect([...covered].filter(Boolean).sort()).toEqual(meshChecks.map((c) => c.meta.id).sort());
  });

  it("names only real checks, and never expects a check to fail and be unknown at once", () => {
    const ids = new Set(meshChecks.map((c) => c.meta.id));
    const lists = [
      ...THIRD_PARTY_PLAN.map((e) => ({ name: e.name, expect: e.expect, unknown: e.unknown })),
      ...FAULT_CYCLE.map((f) => ({
        name: f,
        expect: [EXPECTED_CHECK[f]].filter((c): c is string => !!c),
        unknown: [...(EXPECTED_UNKNOWN[f] ?? [])],
      })),
    ];
    for (const { name, expect: failing, unknown } of lists) {
      expect(
        [...failing, ...unknown].filter((c) => !ids.has(c)),
        name,
      ).toEqual([]);
      expect(
        failing.filter((c) => unknown.includes(c)),
        name,
      ).toEqual([]);
    }
    expect(new Set(THIRD_PARTY_PLAN.map((e) => e.name)).size).toBe(THIRD_PARTY_PLAN.length);
  });
});
