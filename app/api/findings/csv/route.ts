import { withSession } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { memoByFindingsVersion } from "@/lib/findings/findings-version";
import { csvRow } from "@/lib/evidence/csv";
import type { Prisma } from "@/generated/prisma/client";
import { findingsWhere, listFindingsForExport } from "@/lib/views/findings";
import { toQuery } from "@/lib/views/search-params";

const HEADER = [
  "severity",
  "check",
  "status",
  "subject_type",
  "subject_id",
  "subject_label",
  "detail",
  "first_seen",
  "last_seen",
  "resolved",
];

/**
 * The Findings list as CSV, with the same filters as the page (its query string is passed on),
 * so "export what I am looking at" gives every page of it. Read-only, so any signed-in role;
 * cells go through the spreadsheet-safe writer the evidence bundle uses.
 */
// The same filters give the same text until a finding changes: built again only then (thousands of rows cost ~400 ms).
const csvFor = memoByFindingsVersion(async (where: Prisma.FindingWhereInput) => {
  const rows = await listFindingsForExport(where);
  return [
    csvRow(HEADER),
    ...rows.map((f) =>
      csvRow([
        f.severity,
        f.check,
        f.status,
        f.subjectType,
        f.subjectId,
        f.subjectLabel,
        f.detail,
        f.firstSeenAt.toISOString(),
        f.lastSeenAt.toISOString(),
        f.resolvedAt?.toISOString() ?? "",
      ]),
    ),
  ].join("");
});

export const GET = withSession(async (req: Request) => {
  const url = new URL(req.url);
  // Keyed by the resolved filter, not the URL: an agent filter's subjects come from the registry, which may change alone.
  const { where } = await findingsWhere(toQuery(Object.fromEntries(url.searchParams)));
  const body = await csvFor(getDb(), JSON.stringify(where), where);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="vigil-findings-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
