/**
 * sslscan 2.0.7 as a second opinion, in the shared verdict vocabulary.
 *
 * What it cannot tell (measured on the third-party fleet):
 * - chain: it never validates the chain against a CA (no option for a CA file).
 * - clientCertRequested: it shows only the CA names a CertificateRequest carries. A
 *   server that asks without naming CAs (Caddy `mode request`) looks like one that does
 *   not ask, so "no CA names" is no verdict.
 * - enforcement: it never sends a request, so "requested" vs "required" is out of reach.
 */
import { sslscanEnabled, sslscanXml } from "../sslscan";
import type { EndpointVerdict, ScannerRun } from "./verdict";

export const SSLSCAN_CANNOT = {
  chain: "sslscan does not validate the chain against a CA",
  clientCertRequested: "sslscan saw no client-CA names; a CertificateRequest without names looks the same as none",
  noCertificate: "sslscan retrieved no certificate",
} as const;

/** Reads sslscan's XML report into the shared vocabulary (exported for its unit test). */
export function sslscanVerdictFromXml(xml: string): EndpointVerdict {
  // Without its report element, "no protocol enabled" would be read from nothing at all.
  if (!/<ssltest [^>]*>/.test(xml)) throw new Error(`not an sslscan XML report: ${JSON.stringify(xml.slice(0, 80))}`);
  const expired = /<expired>(true|false)<\/expired>/.exec(xml)?.[1];
  const verdict: EndpointVerdict = {
    tls13: sslscanEnabled(xml, "1.3"),
    tls12: sslscanEnabled(xml, "1.2"),
    legacyTls: sslscanEnabled(xml, "1.1") || sslscanEnabled(xml, "1.0"),
    cannot: { chain: SSLSCAN_CANNOT.chain },
  };
  if (expired) verdict.leafExpired = expired === "true";
  else verdict.cannot.leafExpired = SSLSCAN_CANNOT.noCertificate;
  if (/<ca>/.test(xml)) verdict.clientCertRequested = true;
  else verdict.cannot.clientCertRequested = SSLSCAN_CANNOT.clientCertRequested;
  return verdict;
}

export async function sslscanRun(endpoint: string, timeoutMs = 20_000): Promise<ScannerRun> {
  const { xml, ms } = await sslscanXml(endpoint, timeoutMs);
  return { tool: "sslscan", endpoint, ms, verdict: sslscanVerdictFromXml(xml) };
}
