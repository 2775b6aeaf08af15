import { describe, expect, it } from "vitest";
import { meshTlsLegacy } from "./mesh-tls-legacy";
import { context, endpoint, failing, okProbe, passing } from "./__fixtures__/context";

describe("MESH-TLS-LEGACY", () => {
  it("fails an endpoint that accepted TLS 1.2 under a TLS 1.3 policy", () => {
    const rs = meshTlsLegacy.run(
      context([endpoint({ endpoint: "old" }, { tls12: okProbe({ protocol: "TLSv1.2" }) }), endpoint({ endpoint: "new" })]),
    );
    expect(failing(rs)).toEqual(["old"]);
    expect(passing(rs)).toEqual(["new"]);
    expect(rs[0]!.detail).toContain("TLSv1.2");
  });

  it("passes TLS 1.2 when policy allows it, still fails TLS 1.0", () => {
    const ctx = context([
      endpoint({ endpoint: "12" }, { tls12: okProbe({ protocol: "TLSv1.2" }) }),
      endpoint({ endpoint: "10" }, { tls11: okProbe({ protocol: "TLSv1" }) }),
    ]);
    ctx.policy.mesh.minTlsVersion = "TLSv1.2";
    const rs = meshTlsLegacy.run(ctx);
    expect(passing(rs)).toEqual(["12"]);
    expect(failing(rs)).toEqual(["10"]);
  });

  it("is unknown when the certified reference request was refused (capped refusals may be the certificate's)", () => {
    const refused = { outcome: "refused" as const, protocol: "TLSv1.3" as const, error: "alert certificate required", ms: 1 };
    expect(meshTlsLegacy.run(context([endpoint({ endpoint: "x" }, { withClientCert: refused })]))[0]?.status).toBe("unknown");
  });
});
