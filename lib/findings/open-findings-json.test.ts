import { describe, expect, it } from "vitest";
import { withTempDatabase } from "@/test/support/temp-database";
import { getDb } from "../db/client";
import { openFindingsJson } from "./open-findings-json";

withTempDatabase("open-findings-json");

const at = new Date("2026-11-30T04:30:18.335Z");
const finding = (check: string, severity: "critical" | "high" | "low", subjectId: string, extra: object = {}) => ({
  key: `${check}|room|${subjectId}`,
  check,
  severity,
  subjectType: "room",
  subjectId,
  detail: `detail of ${subjectId} with "quotes" and \\ and ünïcode`,
  evidence: { members: ["@a:hs"], nested: { n: 1, ok: true, none: null } },
  firstSeenAt: at,
  lastSeenAt: new Date(at.getTime() + 1000),
  ...extra,
});

describe("openFindingsJson (the database builds the JSON of /api/scans/latest)", () => {
  it("is an empty array when nothing is open", async () => {
    expect(JSON.parse(await openFindingsJson(getDb()))).toEqual([]);
  });

  it("gives exactly what the row-by-row mapping gave: open only, worst first, labels only when set, dates as toJSON()", async () => {
    const db = getDb();
    await db.finding.createMany({
      data: [
        finding("MX-B", "low", "!z"),
        finding("MX-A", "critical", "!b", { subjectLabel: "Ops room" }),
        finding("MX-A", "critical", "!a"),
        finding("MX-C", "high", "!c", { status: "resolved", resolvedAt: at }),
        finding("MX-D", "high", "!d", { status: "accepted" }),
      ],
    });
    const rows = await db.finding.findMany({
      where: { status: "open" },
      orderBy: [{ severity: "asc" }, { check: "asc" }, { subjectId: "asc" }],
    });
    // The mapping the route used before, through JSON as the response did.
    const before = JSON.parse(
      JSON.stringify(
        rows.map((f) => ({
          check: f.check,
          severity: f.severity,
          subject: { type: f.subjectType, id: f.subjectId, label: f.subjectLabel ?? undefined },
          detail: f.detail,
          evidence: f.evidence,
          firstSeenAt: f.firstSeenAt,
          lastSeenAt: f.lastSeenAt,
        })),
      ),
    ) as unknown;
    const text = await openFindingsJson(db);
    const built = JSON.parse(text) as unknown;
    expect(built).toEqual(before);
    expect(built).toHaveLength(3);
    expect(built).toMatchObject([{ subject: { id: "!a" } }, { subject: { id: "!b", label: "Ops room" } }, { check: "MX-B" }]);
    expect(text).toContain('"firstSeenAt" : "2026-11-30T04:30:18.335Z"');
  });
});
