import { NextResponse } from "next/server";
import { withSession } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";

/**
 * The latest scan with its open findings, in the shape `vigil scan --format json`
 * prints: { scan, findings: [{ check, severity, subject, detail, evidence }] }.
 */
export const GET = withSession(async () => {
  const db = getDb();
  const scan = await db.scan.findFirst({ where: { status: { not: "running" } }, orderBy: { startedAt: "desc" } });
  if (!scan) return NextResponse.json({ error: "No scan yet." }, { status: 404 });
  const rows = await db.finding.findMany({
    where: { status: "open" },
    orderBy: [{ severity: "asc" }, { check: "asc" }, { subjectId: "asc" }],
  });
  return NextResponse.json({
    scan: {
      id: scan.id,
      status: scan.status,
      startedAt: scan.startedAt,
      finishedAt: scan.finishedAt,
      errors: scan.errors,
      counts: scan.counts,
    },
    findings: rows.map((f) => ({
      check: f.check,
      severity: f.severity,
      subject: { type: f.subjectType, id: f.subjectId, label: f.subjectLabel ?? undefined },
      detail: f.detail,
      evidence: f.evidence,
      firstSeenAt: f.firstSeenAt,
      lastSeenAt: f.lastSeenAt,
    })),
  });
});
