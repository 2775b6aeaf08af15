import { describe, expect, it } from "vitest";
import type { CertFacts, HomeserverTlsFacts } from "../../../snapshot/types";
import { hsClientTls } from "./hs-client-tls";
import { context, homeserver } from "./__fixtures__/context";

const base = homeserver();
const healthyTls = (): HomeserverTlsFacts => {
  if (!base.tls?.chain[0]) throw new Error("the fixture's homeserver has a TLS leaf");
  return structuredClone(base.tls);
};
const tlsWith = (leaf: Partial<CertFacts>, probes: Partial<HomeserverTlsFacts["probes"]> = {}) => {
  const tls = healthyTls();
  tls.chain = tls.chain.map((c, i) => (i === 0 ? { ...c, ...leaf } : c));
  tls.probes = { ...tls.probes, ...probes };
  return homeserver({ tls });
};

describe("HS-CLIENT-TLS (scheme, certificate and accepted versions of the client API)", () => {
  it("passes https with a trusted, current certificate and nothing below TLS 1.2", () => {
    expect(hsClientTls.run(context(base))[0]?.status).toBe("pass");
  });

  it("fails plain http, an untrusted, expired or expiring certificate, and TLS 1.1 accepted", () => {
    expect(hsClientTls.run(context(homeserver({ publicBaseUrl: "http://matrix.example.org", tls: undefined })))[0]?.status).toBe("fail");
    expect(hsClientTls.run(context(tlsWith({ trusted: false, trustError: "self-signed" })))[0]?.detail).toContain("not trusted");
    expect(hsClientTls.run(context(tlsWith({ notAfter: "2026-01-10T00:00:00.000Z" })))[0]?.detail).toContain("expired");
    expect(hsClientTls.run(context(tlsWith({ notAfter: "2026-01-20T00:00:00.000Z" })))[0]?.detail).toContain("within 14 days");
    const legacy = hsClientTls.run(context(tlsWith({}, { tls11: { outcome: "ok", protocol: "TLSv1.1", ms: 3 } })));
    expect(legacy[0]).toMatchObject({ status: "fail", detail: "accepts TLSv1.1, below TLSv1.2" });
  });

  it("follows the policy's minimum: TLS 1.2 accepted fails under TLSv1.3", () => {
    const ctx = context(base);
    ctx.policy.homeserver.minTlsVersion = "TLSv1.3";
    expect(hsClientTls.run(ctx)[0]?.detail).toBe("accepts TLSv1.2, below TLSv1.3");
  });

  it("is unknown when no handshake completed or TLS was not probed", () => {
    const modern = { outcome: "timeout" as const, error: "no TLS handshake", ms: 5000 };
    const none = homeserver({ tls: { chain: [], trustAnchors: "system", probes: { modern } } });
    expect(hsClientTls.run(context(none))[0]?.status).toBe("unknown");
    expect(hsClientTls.run(context(homeserver({ tls: undefined })))[0]?.status).toBe("unknown");
  });
});
