import { describe, expect, it } from "vitest";
import { meshCertExpiring } from "./mesh-cert-expiring";
import { at, cert, context, endpoint, failing, passing } from "./test-fixtures";

const ep = (id: string, notBefore: number, notAfter: number) =>
  endpoint({ endpoint: id, chain: [cert({ notBefore: at(notBefore), notAfter: at(notAfter) })] });

describe("MESH-CERT-EXPIRING", () => {
  it("uses the lifetime share for short certs: a 24 h cert warns only in its last 4.8 h", () => {
    const rs = meshCertExpiring.run(context([ep("fresh", -1, 23), ep("late", -20, 4), ep("edge", -19.2, 4.8)]));
    expect(passing(rs)).toEqual(["fresh"]);
    expect(failing(rs)).toEqual(["late", "edge"]);
  });

  it("caps the window at expiryWarningHours for long certs", () => {
    const rs = meshCertExpiring.run(context([ep("90d-4d-left", -86 * 24, 4 * 24), ep("90d-2d-left", -88 * 24, 2 * 24)]));
    expect(passing(rs)).toEqual(["90d-4d-left"]);
    expect(failing(rs)).toEqual(["90d-2d-left"]);
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
