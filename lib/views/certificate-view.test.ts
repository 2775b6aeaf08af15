import { describe, expect, it } from "vitest";
import type { CertFacts, EndpointFacts, MeshSnapshot } from "../snapshot/types";
import {
  certificateSightings,
  groupSans,
  isLeafCertificateCheck,
  leafEndpoints,
  normalizeFingerprint,
  trustVerdict,
  validityState,
} from "./certificate-view";

const cert = (fingerprint256: string, over: Partial<CertFacts> = {}): CertFacts => ({
  fingerprint256,
  subject: `CN=${fingerprint256}`,
  issuer: "CN=mesh-ca",
  serialNumber: "01",
  notBefore: "2026-01-01T00:00:00.000Z",
  notAfter: "2027-01-01T00:00:00.000Z",
  sans: [],
  source: { kind: "endpoint", endpoint: "127.0.0.1:1" },
  trusted: true,
  ...over,
});
const endpoint = (name: string, chain: CertFacts[]): EndpointFacts => ({ endpoint: name, reachable: true, chain, probes: {} });
const mesh = (endpoints: EndpointFacts[], certificates: CertFacts[] = []): MeshSnapshot => ({ endpoints, certificates });

describe("certificateSightings", () => {
  it("finds the certificate in every endpoint chain (with its position) and tracked file, endpoints first", () => {
    const ca = cert("ca00");
    const m = mesh(
      [
        endpoint("127.0.0.1:1", [cert("leaf1"), ca]),
        endpoint("127.0.0.1:2", [cert("leaf2")]),
        endpoint("127.0.0.1:3", [cert("leaf3"), ca]),
      ],
      [cert("ca00", { source: { kind: "file", path: "/etc/ca.pem" } })],
    );
    const seen = certificateSightings("CA:00", m);
    expect(seen.map((s) => (s.kind === "endpoint" ? `${s.endpoint}#${s.position}` : s.path))).toEqual([
      "127.0.0.1:1#1",
      "127.0.0.1:3#1",
      "/etc/ca.pem",
    ]);
    expect(certificateSightings("leaf2", m)).toHaveLength(1);
    // Its endpoint findings belong to the endpoints serving it as their leaf, not to those that only chain through it.
    expect(leafEndpoints(seen)).toEqual([]);
    expect(leafEndpoints(certificateSightings("leaf3", m))).toEqual(["127.0.0.1:3"]);
    expect(certificateSightings("ffff", m)).toEqual([]);
    expect(certificateSightings("ca00", undefined)).toEqual([]);
  });
});

describe("trustVerdict", () => {
  const on = (c: CertFacts) => certificateSightings(c.fingerprint256, mesh([endpoint("127.0.0.1:9", [c])]));

  it("trusted everywhere reads trusted; an incomplete chain names the issuer the server did not send", () => {
    expect(trustVerdict(on(cert("aa", { chainComplete: true })))?.state).toBe("trusted");
    const v = trustVerdict(on(cert("aa", { chainComplete: false, missingIssuer: "CN=intermediate" })));
    expect(v).toEqual({
      state: "incomplete-chain",
      detail: "127.0.0.1:9 validates only with an intermediate it did not send (missing: CN=intermediate)",
    });
  });

  it("untrusted anywhere is untrusted, with the validator's reason, or says none was recorded", () => {
    const v = trustVerdict(on(cert("aa", { trusted: false, trustError: "self signed certificate" })));
    expect(v?.state).toBe("untrusted");
    expect(v?.detail).toContain("self signed certificate");
    expect(trustVerdict(on(cert("aa", { trusted: false })))?.detail).toContain("no reason recorded");
    const file = cert("aa", { trusted: false, source: { kind: "file", path: "/x.pem" } });
    expect(trustVerdict(certificateSightings("aa", mesh([endpoint("127.0.0.1:9", [cert("aa")])], [file])))?.state).toBe("untrusted");
  });

  it("not seen: no verdict at all, never 'trusted'", () => {
    expect(trustVerdict([])).toBeNull();
  });
});

describe("validity and SANs", () => {
  it("before notBefore, inside, and at notAfter", () => {
    const c = cert("aa");
    expect(validityState(c, new Date("2025-12-31T23:59:59Z"))).toBe("not-yet-valid");
    expect(validityState(c, new Date("2026-06-01T00:00:00Z"))).toBe("valid");
    expect(validityState(c, new Date("2027-01-01T00:00:00Z"))).toBe("expired");
  });

  it("splits SANs into SPIFFE ids, DNS names, addresses and the rest", () => {
    expect(groupSans(["URI:spiffe://mesh/agent/a", "DNS:a.local", "IP Address:127.0.0.1", "email:x@y", "URI:https://x"])).toEqual({
      spiffe: ["spiffe://mesh/agent/a"],
      dns: ["a.local"],
      ip: ["127.0.0.1"],
      other: ["email:x@y", "URI:https://x"],
    });
  });

  it("an endpoint's certificate checks are the certificate's; its transport checks are not", () => {
    for (const c of ["MESH-CERT-EXPIRED", "MESH-CERT-EXPIRING", "MESH-CHAIN-INCOMPLETE", "MESH-IDENTITY-MISMATCH", "MESH-WEAK-KEY"])
      expect(isLeafCertificateCheck(c)).toBe(true);
    for (const c of ["MESH-MTLS-NOT-ENFORCED", "MESH-PLAINTEXT", "MESH-TLS-LEGACY", "MESH-UNREACHABLE"])
      expect(isLeafCertificateCheck(c)).toBe(false);
  });

  it("normalizes a pasted fingerprint to the stored form", () => {
    expect(normalizeFingerprint("AB:CD ef01")).toBe("abcdef01");
  });
});
