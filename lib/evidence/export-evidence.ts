import "server-only";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough, Transform } from "node:stream";
import type { PrismaClient } from "../../generated/prisma/client";
import { evidenceSourceFromDb, type SourceOptions } from "./db-source";
import { getEvidenceSigningKey } from "./signing-key";
import { writeBundle } from "./write-bundle";

/** The bundle's reader went away before its last byte: nothing was recorded as exported. */
export class ExportAbandonedError extends Error {
  override name = "ExportAbandonedError";
}

export interface StartedExport {
  fileName: string;
  /** The ZIP bytes as they are produced. */
  stream: PassThrough;
  /** Resolves when the bundle is complete and its EvidenceExport row is written. */
  done: Promise<{ id: string; bundleSha256: string; manifestSha256: string; sizeBytes: number }>;
}

/**
 * Prepares an export (throws NoEvidenceError before any byte is sent when the
 * scope has no scans) and starts streaming it. The history row, with the
 * bundle's SHA-256, is written once the last byte has passed.
 */
export async function startEvidenceExport(db: PrismaClient, opts: SourceOptions & { pdf?: boolean }): Promise<StartedExport> {
  const src = await evidenceSourceFromDb(db, opts);
  const key = await getEvidenceSigningKey(db, opts.generatedBy);
  const stamp = src.meta.generatedAt.toISOString().replace(/[:.]/g, "-");
  const fileName = `vigil-evidence-${src.meta.period.from.toISOString().slice(0, 10)}_${src.meta.period.to.toISOString().slice(0, 10)}-${stamp}.zip`;
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const stream = new PassThrough();
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      cb(null, chunk);
    },
  });
  // The response ends only after the history row exists, so a finished download is always in the history.
  counter.pipe(stream, { end: false });
  const drained = once(counter, "end");
  drained.catch(() => undefined); // awaited only on success; a torn-down export's rejection is the writer's to report
  // A reader that goes away (a closed download, a full disk under whoever saves it) must end the export with the
  // reason: with nobody reading, the writer would otherwise wait on back-pressure forever. Tearing down `counter`
  // fails the ZIP writer's pipeline, so writeBundle throws and no history row is written.
  let complete = false;
  let readerError: Error | undefined;
  stream.once("error", (err) => (readerError = err));
  stream.once("close", () => {
    if (complete) return;
    const why = readerError ? `: ${readerError.message}` : " before the bundle was complete";
    counter.destroy(new ExportAbandonedError(`the evidence bundle could not be delivered${why}; it is not recorded as exported`));
  });
  const done = (async () => {
    try {
      const written = await writeBundle(counter, src, key.privateKey, { pdf: opts.pdf });
      const bundleSha256 = hash.digest("hex");
      const row = await db.evidenceExport.create({
        data: {
          createdBy: opts.generatedBy,
          periodStart: src.meta.period.from,
          periodEnd: src.meta.period.to,
          frameworks: opts.frameworks,
          scanIds: src.meta.scans.map((s) => s.id),
          manifestSha256: written.manifestSha256,
          bundleSha256,
          sizeBytes,
          fileName,
        },
      });
      complete = true;
      await drained;
      stream.end();
      return { id: row.id, bundleSha256, manifestSha256: written.manifestSha256, sizeBytes };
    } catch (err) {
      // A half-written zip must not look complete: break the download.
      stream.destroy(err as Error);
      throw err;
    }
  })();
  return { fileName, stream, done };
}
