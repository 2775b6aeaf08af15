/**
 * Flattens the mesh part of a snapshot into EndpointRow / CertificateRow data.
 * Verdicts come from the scan's own check results, never re-derived here, so
 * the list views can never disagree with the findings (or with policy
 * overrides of severity and thresholds). Pure.
 */
import type { Evaluation } from "../rules/evaluate";
import type { Severity } from "../rules/types";
import type { CertFacts, MeshSnapshot } from "../snapshot/types";

/**
 * ok: every check decided and passed; warn: only medium/low/info findings; fail: a critical or high one;
 * unknown: no finding, but some check could not decide (never shown as ok); unreachable: nothing answered.
 */
export type EndpointStatus = "ok" | "warn" | "fail" | "unknown" | "unreachable";

/** One check's result for an endpoint, as the endpoint page shows it: expected → observed → verdict. */
export type EndpointVerdict = { check: string; status: "pass" | "fail" | "unknown"; detail: string }; // a type, so Prisma takes it as JSON
/** Worst first; one word per certificate for the list and the timeline. */
export type CertStatus = "expired" | "untrusted" | "expiring" | "valid";

export interface EndpointRowData {
  endpoint: string;
  agent: string | null;
  expectedIdentity: string | null;
  reachable: boolean;
  protocol: string | null;
  clientCertRequired: boolean | null;
  acceptsLegacyTls: boolean | null;
  plainHttp: boolean | null;
  leafFingerprint: string | null;
  notAfter: Date | null;
  status: EndpointStatus;
  error: string | null;
  verdicts: EndpointVerdict[];
}

export interface CertificateRowData {
  fingerprint: string;
  source: string;
  subject: string;
  issuer: string;
  spiffeId: string | null;
  notBefore: Date;
  notAfter: Date;
  trusted: boolean;
  keyType: string | null;
  keyBits: number | null;
  status: CertStatus;
}

const FAILING: ReadonlySet<Severity> = new Set(["critical", "high"]);

/** The "endpoint:host:port" / "file:/path" key CertificateRow.source uses. */
export const certSource = (c: CertFacts): string =>
  c.source.kind === "endpoint" ? `endpoint:${c.source.endpoint}` : `file:${c.source.path}`;

export function meshRows(mesh: MeshSnapshot | undefined, evaluation: Pick<Evaluation, "findings" | "results">, now: Date) {
  // check id → endpoint → did it fail; absent means the check did not examine that endpoint.
  const verdict = new Map<string, Map<string, boolean>>();
  const perEndpoint = new Map<string, EndpointVerdict[]>();
  for (const { check, result } of evaluation.results) {
    if (result.subject.type === "endpoint") {
      const list = perEndpoint.get(result.subject.id) ?? [];
      list.push({ check, status: result.status, detail: result.detail.slice(0, 1000) });
      perEndpoint.set(result.subject.id, list);
    }
    // Unknown is no verdict: the row shows "not determined" (null), never a reassuring false.
    if (result.subject.type !== "endpoint" || result.status === "unknown") continue;
    const byEndpoint = verdict.get(check) ?? new Map<string, boolean>();
    byEndpoint.set(result.subject.id, result.status === "fail");
    verdict.set(check, byEndpoint);
  }
  const failed = (check: string, endpoint: string): boolean | null => verdict.get(check)?.get(endpoint) ?? null;
  const not = (v: boolean | null) => (v === null ? null : !v);

  // MESH-CERT-EXPIRING names the endpoint (or file) as subject; the certificate is in its evidence.
  const expiringFingerprints = new Set(
    evaluation.findings
      .filter((f) => f.check === "MESH-CERT-EXPIRING")
      .map((f) => f.evidence.fingerprint256)
      .filter((fp): fp is string => typeof fp === "string"),
  );

  const endpoints: EndpointRowData[] = (mesh?.endpoints ?? []).map((e) => {
    const findings = evaluation.findings.filter((f) => f.subject.type === "endpoint" && f.subject.id === e.endpoint);
    const verdicts = perEndpoint.get(e.endpoint) ?? [];
    const status: EndpointStatus = !e.reachable
      ? "unreachable"
      : findings.some((f) => FAILING.has(f.severity))
        ? "fail"
        : findings.length > 0
          ? "warn"
          : verdicts.some((v) => v.status === "unknown")
            ? "unknown"
            : "ok";
    const leaf = e.chain[0];
    return {
      endpoint: e.endpoint,
      agent: e.agent ?? null,
      expectedIdentity: e.expectedIdentity ?? null,
      reachable: e.reachable,
      protocol: e.probes.withClientCert?.protocol ?? null,
      clientCertRequired: not(failed("MESH-MTLS-NOT-ENFORCED", e.endpoint)),
      acceptsLegacyTls: failed("MESH-TLS-LEGACY", e.endpoint),
      plainHttp: failed("MESH-PLAINTEXT", e.endpoint),
      leafFingerprint: leaf?.fingerprint256 ?? null,
      notAfter: leaf ? new Date(leaf.notAfter) : null,
      status,
      error: e.error?.slice(0, 2000) ?? null,
      verdicts,
    };
  });

  const certificates = new Map<string, CertificateRowData>();
  const all = [...(mesh?.endpoints ?? []).flatMap((e) => e.chain), ...(mesh?.certificates ?? [])];
  for (const c of all) {
    const source = certSource(c);
    const key = `${c.fingerprint256}|${source}`; // the table's unique key; a peer may repeat a cert in its chain
    if (certificates.has(key)) continue;
    certificates.set(key, {
      fingerprint: c.fingerprint256,
      source,
      subject: c.subject.slice(0, 2000),
      issuer: c.issuer.slice(0, 2000),
      spiffeId: c.spiffeId ?? null,
      notBefore: new Date(c.notBefore),
      notAfter: new Date(c.notAfter),
      trusted: c.trusted,
      keyType: c.keyType ?? null,
      keyBits: c.keyBits ?? null,
      status: certStatus(c, now, expiringFingerprints),
    });
  }
  return { endpoints, certificates: [...certificates.values()] };
}

/**
 * Expired outranks untrusted: an expired certificate fails every handshake
 * whoever issued it, so it is the first thing to fix. "Expiring" is taken from
 * MESH-CERT-EXPIRING (policy window); certificates that check does not examine
 * (intermediates, CA certificates) are never "expiring", only valid or expired.
 */
export function certStatus(c: CertFacts, now: Date, expiringFingerprints: ReadonlySet<string>): CertStatus {
  if (Date.parse(c.notAfter) <= now.getTime()) return "expired";
  if (!c.trusted) return "untrusted";
  if (expiringFingerprints.has(c.fingerprint256)) return "expiring";
  return "valid";
}
