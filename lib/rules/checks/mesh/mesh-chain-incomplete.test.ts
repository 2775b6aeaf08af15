import { describe, expect, it } from "vitest";
import { meshChainIncomplete } from "./mesh-chain-incomplete";
import { cert, context, endpoint, failing, passing } from "./__fixtures__/context";

describe("MESH-CHAIN-INCOMPLETE", () => {
  it("fails a trusted leaf the server sent without its intermediate, passes a full chain", () => {
    const issuing = cert({ fingerprint256: "ee".repeat(32), subject: "CN=Vigil Test Issuing CA" });
    const rs = meshChainIncomplete.run(
      context([
        endpoint({ endpoint: "full", chain: [cert(), issuing] }),
        endpoint({ endpoint: "leaf-only", chain: [cert({ chainComplete: false, missingIssuer: "CN=Vigil Test Issuing CA" })] }),
      ]),
    );
    expect(passing(rs)).toEqual(["full"]);
    expect(failing(rs)).toEqual(["leaf-only"]);
    expect(rs[1]?.detail).toMatch(/not "CN=Vigil Test Issuing CA"/);
  });

  it("is unknown for an untrusted leaf: MESH-CERT-UNTRUSTED owns it, completeness has no meaning there", () => {
    const rs = meshChainIncomplete.run(
      context([endpoint({ chain: [cert({ trusted: false, chainComplete: undefined, trustError: "impostor" })] })]),
    );
    expect(rs).toMatchObject([{ status: "unknown", detail: expect.stringMatching(/impostor/) }]);
  });
});
