/**
 * The scanners' reports → the shared verdict vocabulary, and the comparison rules.
 * Report excerpts are what testssl 3.0.8 and sslscan 2.0.7 wrote for the
 * third-party fleet (ids, severities and findings copied from real runs).
 */
import { describe, expect, it } from "vitest";
import { sslscanVerdictFromXml } from "./sslscan";
import { testsslVerdictFromReport, TESTSSL_CANNOT } from "./testssl";
import { compareVerdicts, plannedVerdict } from "./verdict";
import { THIRD_PARTY_PLAN } from "../third-party/plan";

const f = (id: string, finding: string, severity = "INFO") => ({ id, ip: "127.0.0.1/127.0.0.1", port: "1", severity, finding });
const protocols = (t12 = "not offered") => [
  f("TLS1", "not offered"),
  f("TLS1_1", "not offered"),
  f("TLS1_2", t12),
  f("TLS1_3", "offered with final", "OK"),
];

describe("testssl report → verdict", () => {
  it("reads protocols, expiry and a passed chain; client-cert request stays undecided", () => {
    const v = testsslVerdictFromReport([
      f("service", "HTTP"),
      ...protocols("offered"),
      f("cert_chain_of_trust", "passed.", "OK"),
      f("cert_expirationStatus", "expires < 30 days (0)", "HIGH"),
    ]);
    expect(v).toEqual({
      tls13: true,
      tls12: true,
      legacyTls: false,
      leafExpired: false,
      chain: "trusted",
      cannot: { clientCertRequested: TESTSSL_CANNOT.clientCertRequested },
    });
  });

  it("calls 'chain incomplete' untrusted-or-incomplete, and gives no chain verdict for an expired leaf", () => {
    expect(
      testsslVerdictFromReport([
        ...protocols(),
        f("cert_chain_of_trust", "failed (chain incomplete).", "CRITICAL"),
        f("cert_expirationStatus", "expires < 30 days (0)"),
      ]).chain,
    ).toBe("untrusted-or-incomplete");
    const expired = testsslVerdictFromReport([
      ...protocols(),
      f("cert_chain_of_trust", "failed (expired).", "CRITICAL"),
      f("cert_expirationStatus", "expired", "CRITICAL"),
    ]);
    expect(expired.leafExpired).toBe(true);
    expect(expired.chain).toBeUndefined();
    expect(expired.cannot.chain).toBe(TESTSSL_CANNOT.expiredChain);
  });

  it("on a port without TLS: no protocol, and no certificate verdicts with the scan problem as the reason", () => {
    const v = testsslVerdictFromReport([
      f("TLS1", "not offered"),
      f("TLS1_1", "not offered"),
      f("TLS1_2", "not offered", "MEDIUM"),
      f("TLS1_3", "not offered", "LOW"),
      f("scanProblem", "Client problem, No server cerificate could be retrieved.", "WARN"),
    ]);
    expect(v).toMatchObject({ tls13: false, tls12: false, legacyTls: false });
    expect(v.cannot.leafExpired).toMatch(/no certificate .*No server cerificate could be retrieved/);
  });

  it("notices a CertificateRequest only through its 'certificate-based authentication' service line", () => {
    const v = testsslVerdictFromReport([f("service", "certificate-based authentication => skipping all HTTP checks"), ...protocols()]);
    expect(v.clientCertRequested).toBe(true);
  });

  it("turns an unknown protocol finding into no verdict, and refuses a report that is not one", () => {
    const v = testsslVerdictFromReport([f("TLS1_3", "Local problem: no TLS 1.3 support", "WARN")]);
    expect(v.tls13).toBeUndefined();
    expect(v.cannot.tls13).toMatch(/Local problem/);
    expect(() => testsslVerdictFromReport({ id: "TLS1_3" })).toThrow();
    expect(() => testsslVerdictFromReport([{ id: "TLS1_3", finding: 3 }])).toThrow();
  });
});

describe("sslscan XML → verdict", () => {
  const xml = (body: string) => `<document><ssltest host="127.0.0.1" port="1">${body}</ssltest></document>`;
  it("reads enabled versions, leaf expiry and client-CA names; never a chain verdict", () => {
    const v = sslscanVerdictFromXml(
      xml(`<protocol type="tls" version="1.2" enabled="1" /><protocol type="tls" version="1.3" enabled="1" />
      <certificate type="short"><expired>true</expired></certificate><ca>/CN=Vigil Test Root CA</ca>`),
    );
    expect(v).toMatchObject({ tls13: true, tls12: true, legacyTls: false, leafExpired: true, clientCertRequested: true });
    expect(v.chain).toBeUndefined();
  });

  it("says it cannot tell when no CA names or no certificate came back, and refuses what is not its report", () => {
    const v = sslscanVerdictFromXml(xml(`<protocol type="tls" version="1.3" enabled="0" /><certificates></certificates>`));
    expect(v).toMatchObject({ tls13: false, tls12: false });
    expect(Object.keys(v.cannot).sort()).toEqual(["chain", "clientCertRequested", "leafExpired"]);
    expect(() => sslscanVerdictFromXml("ERROR: Could not open a connection to host")).toThrow(/not an sslscan XML report/);
  });
});

describe("comparing verdicts", () => {
  it("lets 'untrusted-or-incomplete' match either, never trusted; an undecided field is listed with both reasons", () => {
    const base = { tls13: true, cannot: {} };
    expect(compareVerdicts({ ...base, chain: "incomplete" }, { ...base, chain: "untrusted-or-incomplete" }).disagreements).toEqual([]);
    expect(compareVerdicts({ ...base, chain: "untrusted" }, { ...base, chain: "untrusted-or-incomplete" }).disagreements).toEqual([]);
    expect(compareVerdicts({ ...base, chain: "trusted" }, { ...base, chain: "untrusted-or-incomplete" }).disagreements).toEqual([
      { field: "chain", ours: "trusted", theirs: "untrusted-or-incomplete" },
    ]);
    const c = compareVerdicts({ tls13: true, cannot: { leafExpired: "A" } }, { tls13: false, leafExpired: true, cannot: {} });
    expect(c.disagreements).toEqual([{ field: "tls13", ours: true, theirs: false }]);
    expect(c.notCompared.find((n) => n.field === "leafExpired")?.why).toBe("A");
  });

  it("derives the deployed verdict from the plan: leaf-only is incomplete, the impostor untrusted, plain has no TLS", () => {
    const planned = (name: string) => {
      const entry = THIRD_PARTY_PLAN.find((e) => e.name === name);
      if (!entry) throw new Error(name);
      return plannedVerdict(entry);
    };
    expect(planned("nginx-leaf-only").chain).toBe("incomplete");
    expect(planned("haproxy-rogue").chain).toBe("untrusted");
    expect(planned("nginx-tls12").tls12).toBe(true);
    expect(planned("stunnel-expired").leafExpired).toBe(true);
    expect(planned("nginx-plain")).toMatchObject({ tls13: false, tls12: false, legacyTls: false });
  });
});
