import { describe, expect, it } from "vitest";
import { meshCertUntrusted } from "./mesh-cert-untrusted";
import { cert, context, endpoint, failing, passing } from "./__fixtures__/context";

describe("MESH-CERT-UNTRUSTED", () => {
  it("fails a chain that did not validate to the configured CA, with the reason", () => {
    const rs = meshCertUntrusted.run(
      context([
        endpoint({
          endpoint: "rogue",
          chain: [cert({ trusted: false, trustError: 'issuer "CN=Evil" is not in the configured CA bundle' })],
        }),
        endpoint({ endpoint: "good" }),
      ]),
    );
    expect(failing(rs)).toEqual(["rogue"]);
    expect(passing(rs)).toEqual(["good"]);
    expect(rs[0]!.detail).toContain("CN=Evil");
  });
});
