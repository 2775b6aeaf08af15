import { describe, expect, it } from "vitest";
import { meshWeakKey } from "./mesh-weak-key";
import { cert, context, endpoint, failing, passing } from "./__fixtures__/context";

const ep = (id: string, over: Parameters<typeof cert>[0]) => endpoint({ endpoint: id, chain: [cert(over)] });

describe("MESH-WEAK-KEY", () => {
  it("fails RSA-1024, small EC, SHA-1 signatures and unknown keys; passes P-256, RSA-2048, Ed25519", () => {
    const rs = meshWeakKey.run(
      context([
        ep("rsa1024", { keyType: "rsa", keyBits: 1024 }),
        ep("p192", { keyType: "ec", keyBits: 192 }),
        ep("sha1", { signatureAlgorithm: "sha1WithRSAEncryption" }),
        ep("unknown", { keyType: undefined, keyBits: undefined }),
        ep("p256", {}),
        ep("rsa2048", { keyType: "rsa", keyBits: 2048 }),
        ep("ed25519", { keyType: "ed25519", keyBits: 256 }),
      ]),
    );
    expect(failing(rs)).toEqual(["rsa1024", "p192", "sha1", "unknown"]);
    expect(passing(rs)).toEqual(["p256", "rsa2048", "ed25519"]);
    expect(rs[0]!.detail).toContain("RSA 1024-bit");
  });
});
