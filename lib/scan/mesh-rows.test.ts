import { describe, expect, it } from "vitest";
import { allChecks } from "../rules/catalogue";
import { evaluate } from "../rules/evaluate";
import { at, cert, context, endpoint, NOW, okProbe } from "../rules/checks/mesh/__fixtures__/context";
import type { CertFacts, EndpointFacts } from "../snapshot/types";
import { meshRows } from "./mesh-rows";

function rowsFor(endpoints: EndpointFacts[], files: CertFacts[] = []) {
  const ctx = context(endpoints, files);
  return meshRows(ctx.snapshot.mesh, evaluate(allChecks, ctx), NOW);
}

/** An endpoint on `port` whose leaf (with `leaf` overrides) names that endpoint as its source. */
const at2 = (port: number, leaf: Partial<CertFacts> = {}, probes: Partial<EndpointFacts["probes"]> = {}) => {
  const ep = `127.0.0.1:${port}`;
  const fp = port.toString(16).padStart(64, "0");
  return endpoint({ endpoint: ep, chain: [cert({ fingerprint256: fp, ...leaf, source: { kind: "endpoint", endpoint: ep } })] }, probes);
};

describe("meshRows", () => {
  it("a healthy endpoint is ok, enforces mTLS, no legacy TLS, no plain HTTP", () => {
    const { endpoints, certificates } = rowsFor([at2(9000)]);
    expect(endpoints[0]).toMatchObject({
      endpoint: "127.0.0.1:9000",
      status: "ok",
      protocol: "TLSv1.3",
      clientCertRequired: true,
      acceptsLegacyTls: false,
      plainHttp: false,
      notAfter: new Date(at(23)),
    });
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({ source: "endpoint:127.0.0.1:9000", status: "valid" });
  });

  it("a critical finding fails the endpoint; the tri-states follow the check results", () => {
    const noMtls = at2(9001, {}, { withoutClientCert: okProbe({ httpStatus: 200 }), tls12: okProbe({ protocol: "TLSv1.2" }) });
    const [row] = rowsFor([noMtls]).endpoints;
    expect(row).toMatchObject({ status: "fail", clientCertRequired: false, acceptsLegacyTls: true, plainHttp: false });
  });

  it("no finding but an undecided check is 'unknown', never ok; the row keeps every mesh check's verdict", () => {
    const refusedAuditor = okProbe({ httpStatus: 400, httpSummary: "400 The SSL certificate error" });
    const [row] = rowsFor([
      at2(
        9007,
        {},
        {
          withClientCert: refusedAuditor,
          withoutClientCert: okProbe({ httpStatus: 400, httpSummary: "400 No required SSL certificate was sent" }),
        },
      ),
    ]).endpoints;
    expect(row).toMatchObject({ status: "unknown", clientCertRequired: null });
    expect(row?.verdicts.find((v) => v.check === "MESH-MTLS-NOT-ENFORCED")).toMatchObject({
      status: "unknown",
      detail: expect.stringMatching(/auditor's own certificate/),
    });
    expect(row?.verdicts.map((v) => v.check)).toEqual(
      expect.arrayContaining(["MESH-CERT-EXPIRED", "MESH-CHAIN-INCOMPLETE", "MESH-PLAINTEXT", "MESH-UNREACHABLE"]),
    );
  });

  it("only a medium finding (long lifetime) warns", () => {
    const ep = "127.0.0.1:9002";
    const long = endpoint({
      endpoint: ep,
      chain: [cert({ notBefore: at(-24 * 30), notAfter: at(24 * 300), source: { kind: "endpoint", endpoint: ep } })],
    });
    expect(rowsFor([long]).endpoints[0]?.status).toBe("warn");
  });

  it("an unreachable endpoint says so and cannot tell what it enforces", () => {
    const dead = endpoint(
      { endpoint: "127.0.0.1:9003", reachable: false, chain: [], error: "ECONNREFUSED" },
      {
        withClientCert: { outcome: "refused", error: "ECONNREFUSED", ms: 1 },
        withoutClientCert: undefined,
        tls12: undefined,
        tls11: undefined,
        plainHttp: undefined,
      },
    );
    expect(rowsFor([dead]).endpoints[0]).toMatchObject({
      status: "unreachable",
      clientCertRequired: null,
      acceptsLegacyTls: null,
      plainHttp: null,
      leafFingerprint: null,
      notAfter: null,
      error: "ECONNREFUSED",
    });
  });

  it("certificate statuses: expired beats untrusted, expiring comes from the policy window", () => {
    const expired = at2(9004, { notBefore: at(-25), notAfter: at(-1), trusted: false });
    const rogue = at2(9005, { trusted: false, trustError: "unknown issuer" });
    const soon = at2(9006, { notBefore: at(-22), notAfter: at(2) });
    const file = cert({
      fingerprint256: "f1".repeat(32),
      source: { kind: "file", path: "/etc/mesh/a.pem" },
      notBefore: at(-23),
      notAfter: at(1),
    });
    const status = Object.fromEntries(rowsFor([expired, rogue, soon], [file]).certificates.map((c) => [c.source, c.status]));
    expect(status).toEqual({
      "endpoint:127.0.0.1:9004": "expired",
      "endpoint:127.0.0.1:9005": "untrusted",
      "endpoint:127.0.0.1:9006": "expiring",
      "file:/etc/mesh/a.pem": "expiring",
    });
  });

  it("keeps one row per certificate and source even when a peer repeats it", () => {
    const c = cert({ source: { kind: "endpoint", endpoint: "127.0.0.1:9000" } });
    expect(rowsFor([endpoint({ chain: [c, c] })]).certificates).toHaveLength(1);
  });
});
