import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { withAction } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { startEvidenceExport } from "@/lib/evidence/export-evidence";
import { parseEvidenceParams } from "@/lib/evidence/request-params";
import { log } from "@/lib/log";
import { NoEvidenceError } from "@/lib/evidence/source";

/**
 * POST /api/evidence/export?from=YYYY-MM-DD&to=YYYY-MM-DD&fw=SOC2,HIPAA[&scan=<id>][&pdf=0]
 * Streams a signed evidence bundle (ZIP) as an attachment. POST, not GET: an
 * export is an audited action that starts Chromium, and a cross-site link or
 * image must not be able to set it off (withAction also refuses other origins).
 * The audit log gets an "evidence.export" entry; the export history row is
 * written when the last byte has been produced.
 */
export const POST = withAction("evidence.export", async (req, { actor }) => {
  const url = new URL(req.url);
  const parsed = parseEvidenceParams((k) => url.searchParams.getAll(k));
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const { params } = parsed;
  let started;
  try {
    started = await startEvidenceExport(getDb(), {
      request: params.request,
      frameworks: params.frameworks,
      generatedBy: actor.email,
      pdf: url.searchParams.get("pdf") !== "0",
    });
  } catch (err) {
    if (err instanceof NoEvidenceError) return NextResponse.json({ error: err.message }, { status: 409 });
    throw err;
  }
  started.done.catch((err: unknown) => log.error({ err, actor: actor.email, request: params.request }, "evidence export failed"));
  return new Response(Readable.toWeb(started.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${started.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

/** A GET (a link, an <img>, a prefetch) changes nothing: it is told to POST (withAction answers 405). */
export const GET = POST;
