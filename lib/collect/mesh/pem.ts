/**
 * PEM handling for config and files. Input is untrusted (uploads, config
 * fields), so every failure becomes a readable message rather than an OpenSSL
 * stack: "no CERTIFICATE block", "block 2 is not a valid certificate: ...".
 */
import { X509Certificate } from "node:crypto";

const BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

export class PemError extends Error {}

/** Every certificate in a PEM bundle, in order. Throws PemError naming the bad block. */
export function parseCertificateBundle(pem: string, what = "PEM"): X509Certificate[] {
  if (typeof pem !== "string" || pem.trim() === "") throw new PemError(`${what} is empty`);
  const blocks = [...pem.matchAll(BLOCK)];
  if (blocks.length === 0) throw new PemError(`${what} contains no "BEGIN CERTIFICATE" block`);
  return blocks.map((m, i) => {
    try {
      return new X509Certificate(m[0]);
    } catch (e) {
      throw new PemError(`${what}: certificate block ${i + 1} is not a valid certificate (${errorText(e)})`);
    }
  });
}

/**
 * One readable line. OpenSSL errors arrive as
 * "80AC..:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/..:1601:SSL alert number 116";
 * keep the reason and the alert number, drop the source path.
 */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? (e.message.split("\n")[0] ?? e.message) : String(e);
  const ssl = /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):[^:]*:\d+:?(.*)$/.exec(text);
  if (!ssl) return text;
  const alert = /SSL alert number (\d+)/.exec(ssl[2] ?? "");
  return alert ? `${ssl[1]} (TLS alert ${alert[1]})` : (ssl[1] ?? text);
}
