import type { EndpointFacts, MeshSnapshot } from "../snapshot/types";
import type { Change } from "./types";

/** The TLS posture of an endpoint in words, one field per fact the mesh checks judge. */
export function tlsPosture(e: EndpointFacts): { protocol: string; legacy: string; mtls: string; plainHttp: string } {
  const p = e.probes;
  const legacy = [p.tls12?.outcome === "ok" ? "TLSv1.2" : "", p.tls11?.outcome === "ok" ? "TLSv1.1" : ""].filter(Boolean);
  return {
    protocol: p.withClientCert?.protocol ?? "none",
    legacy: legacy.length ? legacy.join("+") : "refused",
    // A handshake that succeeds without a client certificate is mTLS not enforced.
    mtls: p.withoutClientCert ? (p.withoutClientCert.outcome === "ok" ? "not enforced" : "enforced") : "unknown",
    plainHttp: p.plainHttp?.outcome === "ok" ? "accepted" : "refused",
  };
}

const subjectOf = (e: EndpointFacts) => ({ type: "endpoint" as const, id: e.endpoint, ...(e.agent ? { label: e.agent } : {}) });
const WORSE: Record<string, (before: string, after: string) => boolean> = {
  protocol: (b, a) => a < b,
  legacy: (_b, a) => a !== "refused",
  mtls: (_b, a) => a === "not enforced",
  plainHttp: (_b, a) => a === "accepted",
};

/** Endpoint, certificate and TLS changes between two mesh snapshots. */
export function diffMesh(before: MeshSnapshot, after: MeshSnapshot): Change[] {
  const out: Change[] = [];
  const was = new Map(before.endpoints.map((e) => [e.endpoint, e]));
  const is = new Set(after.endpoints.map((e) => e.endpoint));
  for (const e of after.endpoints) {
    const b = was.get(e.endpoint);
    const s = subjectOf(e);
    if (!b) {
      out.push({
        kind: "endpoint-added",
        subject: s,
        before: null,
        after: e.agent ?? e.endpoint,
        severity: "medium",
        detail: "New endpoint",
      });
      continue;
    }
    const bl = b.chain[0];
    const al = e.chain[0];
    // An unreachable side says nothing about the certificate: MESH-UNREACHABLE covers it.
    if (bl && al && bl.fingerprint256 !== al.fingerprint256) {
      if (bl.issuer === al.issuer)
        out.push({
          kind: "cert-rotated",
          subject: s,
          before: bl.fingerprint256,
          after: al.fingerprint256,
          severity: "info",
          detail: `Certificate rotated (same issuer ${al.issuer})`,
        });
      else
        out.push({
          kind: "cert-reissued",
          subject: s,
          before: `${bl.issuer} ${bl.fingerprint256}`,
          after: `${al.issuer} ${al.fingerprint256}`,
          severity: "high",
          detail: "Certificate re-issued by another CA",
        });
    }
    if (b.reachable && e.reachable) {
      const tb = tlsPosture(b);
      const ta = tlsPosture(e);
      for (const key of ["protocol", "legacy", "mtls", "plainHttp"] as const) {
        if (tb[key] === ta[key]) continue;
        out.push({
          kind: "tls-changed",
          subject: s,
          before: `${key}: ${tb[key]}`,
          after: `${key}: ${ta[key]}`,
          severity: WORSE[key]?.(tb[key], ta[key]) ? "high" : "info",
          detail: `TLS ${key === "plainHttp" ? "plain HTTP" : key === "mtls" ? "mTLS" : key === "legacy" ? "legacy versions" : "protocol"} changed`,
        });
      }
    }
  }
  for (const b of before.endpoints) {
    if (!is.has(b.endpoint))
      out.push({
        kind: "endpoint-removed",
        subject: subjectOf(b),
        before: b.agent ?? b.endpoint,
        after: null,
        severity: "low",
        detail: "Endpoint no longer configured",
      });
  }
  return out;
}
