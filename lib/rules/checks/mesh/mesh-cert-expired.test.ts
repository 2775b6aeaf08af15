import { describe, expect, it } from "vitest";
import { meshCertExpired } from "./mesh-cert-expired";
import { at, cert, context, endpoint, failing, passing } from "./__fixtures__/context";

describe("MESH-CERT-EXPIRED", () => {
  it("fails an endpoint whose leaf is past notAfter and passes a valid one", () => {
    const ctx = context([
      endpoint({ endpoint: "h:1", chain: [cert({ notBefore: at(-25), notAfter: at(-1) })] }),
      endpoint({ endpoint: "h:2" }),
    ]);
    const rs = meshCertExpired.run(ctx);
    expect(failing(rs)).toEqual(["h:1"]);
    expect(passing(rs)).toEqual(["h:2"]);
    // An absolute time, never "1 h ago": the detail is stored and read long after.
    expect(rs[0]!.detail).toBe(`Certificate expired ${new Date(at(-1)).toISOString()}`);
    expect(rs[0]!.evidence.fingerprint256).toBe("ab".repeat(32));
  });

  it("judges tracked files by fingerprint; an unreachable endpoint is unknown, not passed", () => {
    const file = cert({ fingerprint256: "cd".repeat(32), notAfter: at(-0.1), source: { kind: "file", path: "/x.pem" } });
    const rs = meshCertExpired.run(context([endpoint({ reachable: false, chain: [] })], [file]));
    expect(rs.map((r) => [r.subject.type, r.subject.id, r.status])).toEqual([
      ["certificate", "cd".repeat(32), "fail"],
      ["endpoint", "127.0.0.1:9000", "unknown"],
    ]);
  });
});
