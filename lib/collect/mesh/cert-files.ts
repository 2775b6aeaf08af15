/**
 * Certificates tracked as files (a cert-manager secret dump, a Vault PKI
 * export): each file's first certificate is the tracked one, later blocks are
 * its chain. A bad file is an error for that file only.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { X509Certificate } from "node:crypto";
import type { CertFacts, CollectError } from "../../snapshot/types";
import { certFacts } from "./cert-facts";
import { errorText, parseCertificateBundle } from "./pem";
import { verifyChain, type TrustStore } from "./trust";

const CERT_EXT = /\.(pem|crt|cer)$/i;

/** Expand directories (one level, cert-looking names) into files; sorted for stable output. */
async function expand(paths: string[], errors: CollectError[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    try {
      if ((await stat(p)).isDirectory()) {
        const names = (await readdir(p)).filter((n) => CERT_EXT.test(n)).sort();
        files.push(...names.map((n) => path.join(p, n)));
      } else files.push(p);
    } catch (e) {
      errors.push({ source: "mesh", scope: `certificate file ${p}`, message: errorText(e) });
    }
  }
  return files;
}

export async function readCertificateFiles(
  pathsOrDir: string | string[],
  trust: TrustStore | X509Certificate[],
): Promise<{ certificates: CertFacts[]; errors: CollectError[] }> {
  const errors: CollectError[] = [];
  const certificates: CertFacts[] = [];
  const files = await expand(Array.isArray(pathsOrDir) ? pathsOrDir : [pathsOrDir], errors);
  for (const file of files) {
    try {
      const chain = parseCertificateBundle(await readFile(file, "utf8"), `file ${path.basename(file)}`);
      // Completeness is a property of what a server sends; a file on disk is judged for trust only.
      const { trusted, trustError } = verifyChain(chain, trust);
      certificates.push(certFacts(chain[0]!, { kind: "file", path: file }, { trusted, ...(trustError ? { trustError } : {}) }));
    } catch (e) {
      errors.push({ source: "mesh", scope: `certificate file ${file}`, message: errorText(e) });
    }
  }
  return { certificates, errors };
}
