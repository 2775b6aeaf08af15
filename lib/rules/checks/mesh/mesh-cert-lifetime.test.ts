import { describe, expect, it } from "vitest";
import { meshCertLifetime } from "./mesh-cert-lifetime";
import { at, cert, context, endpoint, failing, passing } from "./__fixtures__/context";

describe("MESH-CERT-LIFETIME", () => {
  it("fails a 1-year cert, passes exactly 24 h", () => {
    const rs = meshCertLifetime.run(
      context([
        endpoint({ endpoint: "year", chain: [cert({ notBefore: at(-1), notAfter: at(365 * 24 - 1) })] }),
        endpoint({ endpoint: "day", chain: [cert({ notBefore: at(-1), notAfter: at(23) })] }),
      ]),
    );
    expect(failing(rs)).toEqual(["year"]);
    expect(passing(rs)).toEqual(["day"]);
    expect(rs[0]!.evidence.lifetimeHours).toBe(365 * 24);
  });

  it("reads the maximum from policy", () => {
    const ctx = context([endpoint({ endpoint: "day" })]);
    ctx.policy.mesh.maxCertLifetimeHours = 12;
    expect(failing(meshCertLifetime.run(ctx))).toEqual(["day"]);
  });
});
