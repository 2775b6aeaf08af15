import { withSession } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { memoByFindingsVersion } from "@/lib/findings/findings-version";
import { openFindingsJson } from "@/lib/findings/open-findings-json";

// Built again only when a finding changed: CI polls this, and at thousands of findings one build costs ~200 ms.
const openFindings = memoByFindingsVersion((_: undefined) => openFindingsJson(getDb()), 1);

/**
 * The latest scan with its open findings, in the shape `vigil scan --format json`
 * prints: { scan, findings: [{ check, severity, subject, detail, evidence }] }.
 * The findings array arrives from the database as JSON text and is spliced in, not re-parsed.
 */
export const GET = withSession(async () => {
  const db = getDb();
  const scan = await db.scan.findFirst({ where: { status: { not: "running" } }, orderBy: { startedAt: "desc" } });
  if (!scan) return Response.json({ error: "No scan yet." }, { status: 404 });
  const head = JSON.stringify({
    id: scan.id,
    status: scan.status,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    errors: scan.errors,
    counts: scan.counts,
  });
  const findings = await openFindings(db, "open", undefined);
  return new Response(`{"scan":${head},"findings":${findings}}`, { headers: { "content-type": "application/json" } });
});
