/**
 * Running sslscan, the independent second opinion: its raw XML report. What it
 * can and cannot judge, in the verdict vocabulary shared with Vigil and testssl.sh,
 * is scanners/sslscan.ts.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

export const SSLSCAN = process.env.SSLSCAN ?? "/usr/bin/sslscan";
export const hasSslscan = () => existsSync(SSLSCAN);

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
