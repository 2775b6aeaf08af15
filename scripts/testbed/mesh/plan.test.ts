/**
 * The test bed's validity windows must mean what the ground truth says under
 * the DEFAULT policy: a fault trips its own cert check and no other.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../lib/policy/defaults";
import { EMPTY_REGISTRY } from "../../../lib/registry/types";
import type { CheckContext } from "../../../lib/rules/types";
import { meshCertExpired, meshCertExpiring, meshCertLifetime } from "../../../lib/rules/checks/mesh";
import { EXPECTED_CHECK, FAULT_CYCLE, validityFor } from "./plan";
import type { Fault } from "./servers";

const now = Date.parse("2026-03-01T12:00:00Z");

function verdicts(fault: Fault): string[] {
  const v = validityFor(fault, now);
  const cert = {
    fingerprint256: "00", subject: "CN=x", issuer: "CN=ca", serialNumber: "1", sans: [], trusted: true,
    notBefore: v.notBefore.toISOString(), notAfter: v.notAfter.toISOString(), source: { kind: "file" as const, path: "x" },
  };
  const ctx: CheckContext = {
    snapshot: { takenAt: new Date(now).toISOString(), mesh: { endpoints: [], certificates: [cert] }, errors: [] },
    policy: DEFAULT_POLICY, registry: EMPTY_REGISTRY, now: new Date(now),
  };
  return [meshCertExpired, meshCertExpiring, meshCertLifetime]
    .filter((c) => c.run(ctx).some((r) => r.status === "fail")).map((c) => c.meta.id);
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
  });
});
