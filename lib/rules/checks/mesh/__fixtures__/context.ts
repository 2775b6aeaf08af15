/** Small hand-built snapshots for the mesh check tests (not a test file itself). */
import { DEFAULT_POLICY } from "../../../../policy/defaults";
import { EMPTY_REGISTRY, type Registry } from "../../../../registry/types";
import type { CertFacts, EndpointFacts, ProbeAttempt } from "../../../../snapshot/types";
import type { CheckContext, CheckResult } from "../../../types";

export const NOW = new Date("2026-01-15T12:00:00Z");
const H = 3600e3;
export const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * H).toISOString();

export function cert(over: Partial<CertFacts> = {}): CertFacts {
  return {
    fingerprint256: "ab".repeat(32),
    subject: "CN=a",
    issuer: "CN=Vigil Test Mesh CA",
    serialNumber: "01",
    notBefore: at(-1),
    notAfter: at(23),
    sans: ["URI:spiffe://vigil.test/agent/a"],
    spiffeId: "spiffe://vigil.test/agent/a",
    keyType: "ec",
    keyBits: 256,
    signatureAlgorithm: "ecdsa-with-SHA256",
    source: { kind: "endpoint", endpoint: "127.0.0.1:9000" },
    trusted: true,
    chainComplete: true,
    ...over,
  };
}

const ok = (extra: Partial<ProbeAttempt> = {}): ProbeAttempt => ({ outcome: "ok", protocol: "TLSv1.3", ms: 3, ...extra });
const rejected = (error: string): ProbeAttempt => ({ outcome: "handshake-failed", error, ms: 2 });

/** A healthy endpoint; override what the test is about. */
export function endpoint(over: Partial<EndpointFacts> = {}, probes: Partial<EndpointFacts["probes"]> = {}): EndpointFacts {
  return {
    endpoint: "127.0.0.1:9000",
    agent: "a",
    expectedIdentity: "spiffe://vigil.test/agent/a",
    reachable: true,
    chain: [cert()],
    probes: {
      withClientCert: ok({ httpStatus: 200, httpSummary: '200 OK: {"agent":"a"}' }),
      withoutClientCert: { outcome: "refused", protocol: "TLSv1.3", error: "tlsv13 alert certificate required (TLS alert 116)", ms: 2 },
      tls12: rejected("tlsv1 alert protocol version (TLS alert 70)"),
      tls11: rejected("tlsv1 alert protocol version (TLS alert 70)"),
      plainHttp: { outcome: "refused", error: "closed without an HTTP response", ms: 1 },
      ...probes,
    },
    ...over,
  };
}

export function context(endpoints: EndpointFacts[], certificates: CertFacts[] = [], registry: Registry = EMPTY_REGISTRY): CheckContext {
  return {
    snapshot: { takenAt: NOW.toISOString(), mesh: { endpoints, certificates }, errors: [] },
    policy: structuredClone(DEFAULT_POLICY),
    registry,
    now: NOW,
  };
}

export const failing = (rs: CheckResult[]) => rs.filter((r) => r.status === "fail").map((r) => r.subject.id);
export const passing = (rs: CheckResult[]) => rs.filter((r) => r.status === "pass").map((r) => r.subject.id);
export { ok as okProbe };
