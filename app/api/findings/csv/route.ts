import { withSession } from "@/lib/auth/guard";
import { csvRow } from "@/lib/evidence/csv";
import { listFindingsForExport } from "@/lib/views/findings";
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
export const GET = withSession(async (req: Request) => {
  const url = new URL(req.url);
  const rows = await listFindingsForExport(toQuery(Object.fromEntries(url.searchParams)));
  const body = [
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
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="vigil-findings-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
