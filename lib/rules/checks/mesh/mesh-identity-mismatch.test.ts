import { describe, expect, it } from "vitest";
import { meshIdentityMismatch } from "./mesh-identity-mismatch";
import { cert, context, endpoint, failing, passing } from "./__fixtures__/context";

describe("MESH-IDENTITY-MISMATCH", () => {
  it("fails when the SPIFFE id differs from the expected identity", () => {
    const rs = meshIdentityMismatch.run(
      context([
        endpoint({
          endpoint: "bad",
          chain: [cert({ spiffeId: "spiffe://vigil.test/agent/impostor", sans: ["URI:spiffe://vigil.test/agent/impostor"] })],
        }),
        endpoint({ endpoint: "good" }),
      ]),
    );
    expect(failing(rs)).toEqual(["bad"]);
    expect(passing(rs)).toEqual(["good"]);
    expect(rs[0]!.detail).toContain("impostor");
  });

  it("falls back to the registry, and skips endpoints with no declared identity", () => {
    const registry = {
      allowedMembers: [],
      agents: [{ name: "b", deviceIds: [], siblings: [], endpoint: "reg", spiffeId: "spiffe://vigil.test/agent/b" }],
    };
    const rs = meshIdentityMismatch.run(
      context(
        [endpoint({ endpoint: "reg", expectedIdentity: undefined }), endpoint({ endpoint: "undeclared", expectedIdentity: undefined })],
        [],
        registry,
      ),
    );
    expect(rs.map((r) => [r.subject.id, r.status])).toEqual([["reg", "fail"]]);
  });
});
