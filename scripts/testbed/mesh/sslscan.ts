/**
 * sslscan as an independent second opinion on the verdicts Vigil shares with
 * it: which TLS versions an endpoint accepts, and whether it asks for a client
 * certificate. sslscan only sees the CertificateRequest (the CA names offered),
 * so it cannot tell "requested" from "required"; Vigil sends a real request
 * without a certificate. On the test bed the two coincide by construction.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import type { EndpointFacts } from "../../../lib/snapshot/types";

export const SSLSCAN = process.env.SSLSCAN ?? "/usr/bin/sslscan";
export const hasSslscan = () => existsSync(SSLSCAN);

export interface TlsVerdict { tls12: boolean; tls11: boolean; clientCertRequired: boolean }
export interface SslscanVerdict extends TlsVerdict { endpoint: string; ms: number }

/** sslscan's XML report for one endpoint, and how long it took. */
export function sslscanXml(endpoint: string, timeoutMs = 20_000): Promise<{ xml: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(SSLSCAN, ["--no-colour", "--xml=-", "--show-client-cas", "--timeout=3", endpoint], { timeout: timeoutMs }, (err, stdout) => {
      if (err) return reject(new Error(`sslscan ${endpoint}: ${err.message}`));
      resolve({ xml: stdout, ms: Math.round(performance.now() - started) });
    });
  });
}

/** Whether sslscan found TLS version `v` ("1.0" … "1.3") enabled. */
export const sslscanEnabled = (xml: string, v: string): boolean =>
  new RegExp(`<protocol type="tls" version="${v.replace(".", "\\.")}" enabled="1"`).test(xml);

export async function sslscan(endpoint: string, timeoutMs = 20_000): Promise<SslscanVerdict> {
  const { xml, ms } = await sslscanXml(endpoint, timeoutMs);
  return {
    endpoint, tls12: sslscanEnabled(xml, "1.2"), tls11: sslscanEnabled(xml, "1.1") || sslscanEnabled(xml, "1.0"),
    clientCertRequired: /<ca>/.test(xml), ms,
  };
}

/** The same three verdicts, read from what Vigil's prober recorded. */
export function vigilVerdict(e: EndpointFacts): TlsVerdict {
  const served = e.probes.withoutClientCert?.outcome === "ok" && e.probes.withoutClientCert.httpStatus !== undefined;
  return { tls12: e.probes.tls12?.outcome === "ok", tls11: e.probes.tls11?.outcome === "ok", clientCertRequired: !served };
}
