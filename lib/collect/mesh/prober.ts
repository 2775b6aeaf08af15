/**
 * The mesh auditor device: probes every registered endpoint with bounded
 * concurrency and reads tracked certificate files. Misconfiguration (bad CA or
 * auditor PEM) is reported as a collect error and the scan still runs with
 * what is usable, so one typo does not blank the mesh view.
 */
import { createPrivateKey, type X509Certificate } from "node:crypto";
import tls from "node:tls";
import type { CollectError, EndpointFacts, MeshSnapshot } from "../../snapshot/types";
import { readCertificateFiles } from "./cert-files";
import { errorText, parseCertificateBundle } from "./pem";
import { mapPool } from "./pool";
import { probeEndpoint } from "./probe-endpoint";
import { observerContexts } from "./attempts";
import type { MeshCollectOptions, MeshProberConfig, MeshSource } from "./types";

export type { MeshSource, MeshProberConfig } from "./types";

function loadAnchors(caPem: string, errors: CollectError[]): X509Certificate[] {
  try {
    return parseCertificateBundle(caPem, "configured CA bundle");
  } catch (e) {
    errors.push({ source: "mesh", scope: "config caPem", message: `${errorText(e)}; no certificate can be trusted this scan` });
    return [];
  }
}

/** The auditor's certificate file may carry its issuing chain (Vault PKI, cert-manager): Vigil then knows those CAs. */
function auditorIntermediates(cfg: MeshProberConfig): X509Certificate[] {
  try {
    return parseCertificateBundle(cfg.clientCertPem, "auditor client certificate")
      .slice(1)
      .filter((c) => c.ca);
  } catch {
    return []; // reported by loadClient
  }
}

function loadClient(cfg: MeshProberConfig, errors: CollectError[]): { cert: string; key: string } | undefined {
  try {
    parseCertificateBundle(cfg.clientCertPem, "auditor client certificate");
    createPrivateKey(cfg.clientKeyPem);
    tls.createSecureContext({ cert: cfg.clientCertPem, key: cfg.clientKeyPem }); // also catches a key/cert mismatch
    return { cert: cfg.clientCertPem, key: cfg.clientKeyPem };
  } catch (e) {
    errors.push({
      source: "mesh",
      scope: "config auditor client certificate",
      message: `${errorText(e)}; probing without a client certificate (mTLS-required endpoints will show only their chain)`,
    });
    return undefined;
  }
}

export function createMeshProber(config: MeshProberConfig): MeshSource {
  return {
    async collect(opts: MeshCollectOptions = {}) {
      const errors: CollectError[] = [];
      const anchors = loadAnchors(config.caPem, errors);
      const client = loadClient(config, errors);
      const trust = { anchors, intermediates: auditorIntermediates(config) };
      const ctx = { trust, contexts: observerContexts(client), timeoutMs: config.policy.probeTimeoutMs, signal: opts.signal };

      const results = await mapPool(config.endpoints, config.policy.concurrency, async (target) => {
        if (opts.signal?.aborted) return undefined; // skipped, not probed: recorded below
        return probeEndpoint(target, ctx);
      });
      const endpoints: EndpointFacts[] = [];
      results.forEach((r, i) => {
        const scope = `endpoint ${config.endpoints[i]?.endpoint}`;
        if (!r) return errors.push({ source: "mesh", scope, message: "scan aborted before this endpoint was probed" });
        endpoints.push(r.facts);
        if (r.error) errors.push({ source: "mesh", scope, message: r.error });
      });

      const files = config.certificateFiles?.length
        ? await readCertificateFiles(config.certificateFiles, trust)
        : { certificates: [], errors: [] };
      errors.push(...files.errors);
      const mesh: MeshSnapshot = { endpoints, certificates: files.certificates };
      return { mesh, errors };
    },
  };
}
