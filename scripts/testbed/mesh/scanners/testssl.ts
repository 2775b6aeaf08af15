/**
 * testssl.sh 3.0.8 (Debian /usr/bin/testssl) as a second opinion, in the shared
 * verdict vocabulary. Only the sections needed run: protocols (-p) and server
 * defaults (-S: certificate, chain of trust against `--add-ca`, expiry), with
 * every wait trimmed for loopback. Each run is bounded and killed with its
 * children (its own process group) when the bound passes.
 *
 * Measured on the 19-endpoint third-party fleet (2 shared cores): 8–13 s per
 * endpoint at load 4–5, up to ~40 s when three run side by side at load 9;
 * about 4.5 s of each run is testssl's own start-up.
 *
 * What it cannot tell:
 * - clientCertRequested: 3.0.8 has no --mtls (it cannot present a certificate), and it
 *   notices a CertificateRequest only when its own handshake FAILS on it, which TLS 1.3
 *   servers never do (they refuse after the handshake). Its "service" line says
 *   "certificate-based authentication" only in that TLS ≤ 1.2 case.
 * - chain when the leaf has expired: cert_chain_of_trust then says "failed (expired)."
 *   and nothing about the issuer.
 * - missing intermediate vs impostor CA: both are "failed (chain incomplete)." (OpenSSL
 *   error 20/21 against the root alone) → "untrusted-or-incomplete".
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { EndpointVerdict, ScannerRun } from "./verdict";

export const TESTSSL = process.env.TESTSSL ?? "/usr/bin/testssl";
export const hasTestssl = () => existsSync(TESTSSL);

export const TESTSSL_CANNOT = {
  clientCertRequested:
    "testssl 3.0.8 cannot present a client certificate (no --mtls) and sees a CertificateRequest only when its handshake fails",
  expiredChain: "testssl reports the expiry, not the issuer, when the leaf has expired",
  noCertificate: "testssl retrieved no certificate",
} as const;

const Finding = z.object({ id: z.string(), severity: z.string(), finding: z.string() });
const Report = z.array(Finding);
type Finding = z.infer<typeof Finding>;

/** "offered", "offered with final", "not offered", or something else (a problem: no verdict). */
function offered(findings: Finding[], id: string): boolean | undefined {
  const f = findings.find((x) => x.id === id)?.finding;
  if (f === undefined) return undefined;
  if (/^not offered/.test(f)) return false;
  return /^offered/.test(f) ? true : undefined;
}

/** Reads testssl's flat JSON report into the shared vocabulary (exported for its unit test). */
export function testsslVerdictFromReport(report: unknown): EndpointVerdict {
  const findings = Report.parse(report);
  const get = (id: string) => findings.find((x) => x.id === id || x.id.startsWith(`${id} `))?.finding;
  const verdict: EndpointVerdict = { cannot: {} };
  const [t13, t12, t11, t10] = ["TLS1_3", "TLS1_2", "TLS1_1", "TLS1"].map((id) => offered(findings, id));
  if (t13 !== undefined) verdict.tls13 = t13;
  else verdict.cannot.tls13 = `TLS1_3: ${get("TLS1_3") ?? "not reported"}`;
  if (t12 !== undefined) verdict.tls12 = t12;
  else verdict.cannot.tls12 = `TLS1_2: ${get("TLS1_2") ?? "not reported"}`;
  if (t11 !== undefined && t10 !== undefined) verdict.legacyTls = t11 || t10;
  else verdict.cannot.legacyTls = `TLS1/TLS1_1: ${get("TLS1") ?? "not reported"} / ${get("TLS1_1") ?? "not reported"}`;

  const expiry = get("cert_expirationStatus");
  if (expiry === undefined) verdict.cannot.leafExpired = `${TESTSSL_CANNOT.noCertificate} (${get("scanProblem") ?? "no detail"})`;
  else verdict.leafExpired = expiry === "expired";

  const trust = get("cert_chain_of_trust");
  if (trust === undefined) verdict.cannot.chain = `${TESTSSL_CANNOT.noCertificate} (${get("scanProblem") ?? "no detail"})`;
  else if (/^passed/.test(trust)) verdict.chain = "trusted";
  else if (/expired/.test(trust)) verdict.cannot.chain = TESTSSL_CANNOT.expiredChain;
  else if (/chain incomplete/.test(trust)) verdict.chain = "untrusted-or-incomplete";
  else verdict.chain = "untrusted";

  if (/certificate-based authentication/.test(get("service") ?? "")) verdict.clientCertRequested = true;
  else verdict.cannot.clientCertRequested = TESTSSL_CANNOT.clientCertRequested;
  return verdict;
}

export interface TestsslOptions {
  /** The CA bundle Vigil is configured with (the root only). */
  caFile: string;
  /** Where the JSON reports go. */
  workDir: string;
  timeoutMs?: number;
}

function runTestssl(args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // detached: its own process group, so a timeout kills the openssl children too.
    const child = spawn(TESTSSL, args, {
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      // Loopback answers in microseconds: testssl's per-send/receive sleeps (0.1 s / 0.2 s) and its
      // 5 s wait for an HTTP banner are most of its run time here, and change no verdict.
      env: { ...process.env, USLEEP_SND: "0", USLEEP_REC: "0", HEADER_MAXSLEEP: "2" },
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      reject(new Error(`testssl ${args.at(-1)}: no result within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

export async function testsslRun(endpoint: string, o: TestsslOptions): Promise<ScannerRun> {
  await mkdir(o.workDir, { recursive: true });
  const jsonFile = path.join(o.workDir, `${endpoint.replace(/[^0-9A-Za-z.]/g, "_")}.json`);
  await rm(jsonFile, { force: true }); // testssl refuses to overwrite a report
  const started = performance.now();
  const { code, stderr } = await runTestssl(
    [
      "--quiet",
      "--warnings",
      "off",
      "--openssl",
      "/usr/bin/openssl",
      "--add-ca",
      o.caFile,
      "--fast",
      "--sneaky",
      "-n",
      "none",
      "--connect-timeout",
      "3",
      "--openssl-timeout",
      "3",
      "--jsonfile",
      jsonFile,
      "-p",
      "-S",
      endpoint,
    ],
    o.timeoutMs ?? 120_000,
  );
  const ms = Math.round(performance.now() - started);
  let report: unknown;
  try {
    report = JSON.parse(await readFile(jsonFile, "utf8"));
  } catch (e) {
    throw new Error(
      `testssl ${endpoint}: no readable report (exit ${code}): ${e instanceof Error ? e.message : String(e)} ${stderr.trim()}`,
    );
  }
  return { tool: "testssl", endpoint, ms, verdict: testsslVerdictFromReport(report) };
}
