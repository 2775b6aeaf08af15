/**
 * The prober against hostile and broken endpoints, all real servers on
 * loopback made here: each must get its own clear error within its timeout
 * while the scan completes and the healthy endpoint is still read in full.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEFAULT_POLICY } from "../../policy/defaults";
import { createMeshProber } from "./prober";
import { readCertificateFiles } from "./cert-files";
import { leaf, makePki, type TestPki } from "../../../test/support/mesh-pki";
import type { EndpointFacts } from "../../snapshot/types";
import { X509Certificate } from "node:crypto";

const TIMEOUT = 800;
const policy = { ...DEFAULT_POLICY.mesh, probeTimeoutMs: TIMEOUT, concurrency: 4 };
const servers: net.Server[] = [];
let pki: TestPki;
const ep: Record<string, string> = {};

async function listen(server: net.Server, name: string) {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  ep[name] = `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  pki = await makePki();
  const good = await leaf(pki, "good");
  // Root only: OpenSSL would otherwise complete a leaf-only server chain from its own CA store (auto-chain).
  const tlsOpts = { key: good.keyPem, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: true };
  const hello = (_: unknown, res: import("node:http").ServerResponse) => res.end("hi");
  await listen(https.createServer({ ...tlsOpts, cert: good.fullChainPem, minVersion: "TLSv1.3" }, hello), "healthy");
  // Sends its leaf alone: trusted through the issuing CA the auditor's file carries, but incomplete.
  await listen(https.createServer({ ...tlsOpts, cert: good.certPem, minVersion: "TLSv1.3" }, hello), "leaf-only");
  // Accepts TLS 1.0/1.1 (needs SECLEVEL=0 server-side too on OpenSSL 3).
  await listen(
    https.createServer({ ...tlsOpts, cert: good.certPem, minVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" }, hello),
    "legacy",
  );
  await listen(
    net.createServer(() => {
      /* tarpit: accept, never speak */
    }),
    "tarpit",
  );
  await listen(
    net.createServer((s) => {
      s.on("error", () => {});
      s.end(Buffer.from("SSH-2.0-garbage\r\n\x00\xff\xfe"));
    }),
    "garbage",
  );
  await listen(
    net.createServer((s) => {
      s.on("error", () => {});
      s.once("data", () => s.resetAndDestroy());
    }),
    "reset",
  );
  // Absurd fields: no SANs at all, notBefore after notAfter, year 9999.
  const absurd = await leaf(pki, "absurd", {
    spiffeId: null,
    loopbackSans: false,
    notBefore: new Date("9999-12-30T00:00:00Z"),
    notAfter: new Date("2000-01-01T00:00:00Z"),
  });
  await listen(https.createServer({ ...tlsOpts, cert: absurd.certPem }, hello), "absurd");
});
afterAll(() => {
  for (const s of servers) s.close();
});

function prober(extra: Partial<Parameters<typeof createMeshProber>[0]> = {}, names = Object.keys(ep)) {
  return createMeshProber({
    caPem: pki.ca.certPem,
    clientCertPem: pki.auditor.certPem,
    clientKeyPem: pki.auditor.keyPem,
    endpoints: [
      ...names.map((n) => ({ endpoint: ep[n]!, agent: n })),
      { endpoint: "no-such-host.invalid:443", agent: "dns" },
      { endpoint: "not an endpoint", agent: "typo" },
    ],
    policy,
    ...extra,
  });
}
const by = (list: EndpointFacts[], agent: string) => list.find((e) => e.agent === agent)!;

describe("createMeshProber against bad endpoints", () => {
  it("gives every bad endpoint its own clear error, within its timeout, and completes", async () => {
    const t0 = Date.now();
    const { mesh, errors } = await prober().collect();
    expect(Date.now() - t0).toBeLessThan(3 * TIMEOUT + 1000); // concurrency 4: all bounded by per-step timeouts
    expect(mesh.endpoints).toHaveLength(Object.keys(ep).length + 2);
    const e = (n: string) => by(mesh.endpoints, n);

    expect(e("healthy")).toMatchObject({
      reachable: true,
      probes: { withClientCert: { outcome: "ok", protocol: "TLSv1.3", httpStatus: 200, httpSummary: "200 OK: hi" } },
    });
    expect(e("healthy").chain[0]).toMatchObject({ trusted: true, chainComplete: true, spiffeId: "spiffe://vigil.test/agent/good" });
    expect(e("healthy").chain.map((c) => c.subject)).toEqual(["CN=good, O=vigil.test", "CN=Vigil Test Issuing CA, O=vigil.test"]);
    expect(e("leaf-only").chain[0]).toMatchObject({
      trusted: true,
      chainComplete: false,
      missingIssuer: "CN=Vigil Test Issuing CA, O=vigil.test",
    });
    expect(e("healthy").probes.withoutClientCert).toMatchObject({
      outcome: "refused",
      error: expect.stringMatching(/certificate required/),
    });
    expect(e("healthy").probes.tls12?.outcome).toBe("handshake-failed");
    expect(e("healthy").probes.plainHttp?.httpStatus).toBeUndefined();

    expect(e("tarpit")).toMatchObject({ reachable: false, error: `no TLS handshake within ${TIMEOUT} ms` });
    expect(e("garbage")).toMatchObject({
      reachable: true,
      chain: [],
      error: expect.stringMatching(/no TLS handshake completed \(handshake-failed/),
    });
    expect(e("reset")).toMatchObject({ reachable: true, chain: [], error: expect.stringMatching(/ECONNRESET|closed/) });
    expect(e("dns").reachable).toBe(false);
    expect(e("dns").error).toMatch(/ENOTFOUND|EAI_AGAIN|within/);
    expect(e("typo")).toMatchObject({ reachable: false, error: 'invalid endpoint "not an endpoint": expected host:port' });

    const absurd = e("absurd").chain[0]!;
    expect(absurd.sans).toEqual([]);
    expect(absurd.spiffeId).toBeUndefined();
    expect(absurd.notBefore > absurd.notAfter).toBe(true);

    const scopes = errors.map((x) => x.scope);
    // A port that answers without TLS is observed (TLS checks say unknown), not a failure to collect.
    expect(scopes).not.toContain(`endpoint ${ep.garbage}`);
    expect(scopes).toContain("endpoint not an endpoint");
    expect(scopes).not.toContain(`endpoint ${ep.healthy}`);
    expect(e("healthy").probes.plainHttp).toMatchObject({ outcome: "refused" });
  });

  it("sees TLS 1.1 when a server accepts it (observer runs at SECLEVEL=0)", async () => {
    const { mesh } = await prober({}, ["legacy"]).collect();
    const legacy = by(mesh.endpoints, "legacy");
    expect(legacy.probes.tls12).toMatchObject({ outcome: "ok", protocol: "TLSv1.2" });
    expect(legacy.probes.tls11).toMatchObject({ outcome: "ok", protocol: "TLSv1.1" });
  });

  it("reports invalid PEM in config once and still scans", async () => {
    const { mesh, errors } = await prober(
      { caPem: "not a pem", clientKeyPem: "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----" },
      ["healthy"],
    ).collect();
    expect(errors.map((x) => x.scope)).toEqual(expect.arrayContaining(["config caPem", "config auditor client certificate"]));
    const healthy = by(mesh.endpoints, "healthy");
    expect(healthy.reachable).toBe(true);
    expect(healthy.chain[0]).toMatchObject({ trusted: false, trustError: "no usable CA bundle configured" });
    expect(healthy.probes.withClientCert).toBeUndefined();
  });
});

describe("readCertificateFiles", () => {
  it("reads good files and reports each bad one without stopping", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-certs-"));
    const good = await leaf(pki, "file-agent");
    await writeFile(path.join(dir, "a-good.pem"), good.fullChainPem);
    await writeFile(path.join(dir, "b-bad.pem"), "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n");
    await writeFile(path.join(dir, "c-key-only.pem"), good.keyPem);
    await writeFile(path.join(dir, "notes.txt"), "ignored: not a cert file name");
    const { certificates, errors } = await readCertificateFiles(
      [dir, path.join(dir, "missing.pem")],
      [new X509Certificate(pki.ca.certPem)],
    );
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({
      trusted: true,
      source: { kind: "file", path: path.join(dir, "a-good.pem") },
      spiffeId: "spiffe://vigil.test/agent/file-agent",
    });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/ENOENT/),
      expect.stringMatching(/b-bad.pem: certificate block 1 is not a valid certificate/),
      expect.stringMatching(/c-key-only.pem contains no "BEGIN CERTIFICATE" block/),
    ]);
  });
});
