import { describe, expect, it } from "vitest";
import { meshUnreachable } from "./mesh-unreachable";
import { meshChecks } from "./index";
import { context, endpoint, failing, passing } from "./__fixtures__/context";

describe("MESH-UNREACHABLE", () => {
  const dead = endpoint(
    { endpoint: "dead", reachable: false, chain: [], error: "connect ECONNREFUSED" },
    {
      withClientCert: { outcome: "refused", error: "connect ECONNREFUSED", ms: 1 },
      withoutClientCert: undefined,
      tls12: undefined,
      tls11: undefined,
      plainHttp: undefined,
    },
  );

  it("fails endpoints that did not answer, passes the rest", () => {
    const rs = meshUnreachable.run(context([dead, endpoint({ endpoint: "up" })]));
    expect(failing(rs)).toEqual(["dead"]);
    expect(passing(rs)).toEqual(["up"]);
    expect(rs[0]!.detail).toContain("ECONNREFUSED");
  });

  it("is the only finding an unreachable endpoint produces (nothing else was seen)", () => {
    const ctx = context([dead]);
    const failed = meshChecks.flatMap((c) =>
      c
        .run(ctx)
        .filter((r) => r.status === "fail")
        .map(() => c.meta.id),
    );
    expect(failed).toEqual(["MESH-UNREACHABLE"]);
  });

  it("every mesh check describes itself and maps to controls", () => {
    for (const c of meshChecks) {
      expect(c.meta.id).toMatch(/^MESH-/);
      expect(c.meta.area).toBe("mesh");
      expect(c.meta.risk.length).toBeGreaterThan(20);
      expect(c.meta.controls.map((x) => x.framework).sort()).toEqual(expect.arrayContaining(["HIPAA", "ISO27001", "SOC2"]));
    }
    expect(new Set(meshChecks.map((c) => c.meta.id)).size).toBe(11);
  });
});
