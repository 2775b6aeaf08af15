import "server-only";
import { getDb } from "../db";
import { evidenceSourceFromDb } from "../evidence/db-source";
import { getEvidenceSigningKey, readEvidencePublicKey } from "../evidence/signing-key";
import { NoEvidenceError, type EvidenceSource } from "../evidence/source";

type PreviewOptions = Parameters<typeof evidenceSourceFromDb>[1];

/** What a bundle for this request would hold, or — when the period has no evidence — why, in NoEvidenceError's words. */
export async function getEvidencePreview(opts: PreviewOptions): Promise<{ preview: EvidenceSource } | { problem: string }> {
  try {
    return { preview: await evidenceSourceFromDb(getDb(), opts) };
  } catch (err) {
    if (!(err instanceof NoEvidenceError)) throw err;
    return { problem: err.message };
  }
}

/**
 * The last exports (newest first) and the public key bundles are signed with. The key is made here if no export
 * made it yet: an auditor pins its fingerprint before the first bundle reaches them, not after.
 */
export async function getEvidenceExports() {
  const db = getDb();
  const [history, stored] = await Promise.all([
    db.evidenceExport.findMany({ orderBy: { createdAt: "desc" }, take: 20 }),
    readEvidencePublicKey(db),
  ]);
  return { history, publicKey: stored ?? (await getEvidenceSigningKey(db)).publicKey };
}
