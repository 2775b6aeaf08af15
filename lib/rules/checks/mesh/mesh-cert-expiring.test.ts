import { describe, expect, it } from "vitest";
import { meshCertExpiring } from "./mesh-cert-expiring";
import { at, cert, context, endpoint, failing, passing } from "./__fixtures__/context";

const ep = (id: string, notBefore: number, notAfter: number) =>
  endpoint({ endpoint: id, chain: [cert({ notBefore: at(notBefore), notAfter: at(notAfter) })] });

describe("MESH-CERT-EXPIRING", () => {
  it("uses the lifetime share for short certs: a 24 h cert warns only in its last 4.8 h", () => {
    const rs = meshCertExpiring.run(context([ep("fresh", -1, 23), ep("late", -20, 4), ep("edge", -19.2, 4.8)]));
    expect(passing(rs)).toEqual(["fresh"]);
    expect(failing(rs)).toEqual(["late", "edge"]);
  });

  it("warns when either threshold is reached: 80 % of the lifetime, or with expiryWarningHours left", () => {
    const ctx = context([ep("90d-20d-left", -70 * 24, 20 * 24), ep("90d-17d-left", -73 * 24, 17 * 24), ep("24h-3h-left", -21, 3)]);
    expect(failing(meshCertExpiring.run(ctx))).toEqual(["90d-17d-left", "24h-3h-left"]); // share alone (hours off)
    ctx.policy.mesh.expiryWarningLifetimeShare = 0.99;
    ctx.policy.mesh.expiryWarningHours = 24 * 20;
    expect(failing(meshCertExpiring.run(ctx))).toEqual(["90d-20d-left", "90d-17d-left", "24h-3h-left"]); // hours reached first
    ctx.policy.mesh.expiryWarningHours = 2;
    expect(failing(meshCertExpiring.run(ctx))).toEqual([]); // neither: 99 % not lived, more than 2 h left
  });

  it("is unknown for endpoints whose certificate was never seen", () => {
    const rs = meshCertExpiring.run(context([endpoint({ endpoint: "dead", reachable: false, chain: [], error: "ECONNREFUSED" })]));
    expect(rs).toMatchObject([{ status: "unknown", subject: { id: "dead" }, detail: "Endpoint did not answer (ECONNREFUSED)" }]);
  });

  it("does not examine already-expired certificates (MESH-CERT-EXPIRED owns them)", () => {
    expect(meshCertExpiring.run(context([ep("gone", -25, -1)]))).toEqual([]);
  });

  it("follows the policy", () => {
    const ctx = context([ep("x", -1, 23)]);
    ctx.policy.mesh.expiryWarningLifetimeShare = 0;
    ctx.policy.mesh.expiryWarningHours = 48;
    expect(failing(meshCertExpiring.run(ctx))).toEqual(["x"]);
  });
});
