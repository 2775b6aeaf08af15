import { describe, expect, it } from "vitest";
import type { Evaluation } from "../rules/evaluate";
import type { CheckResult } from "../rules/types";
import { findingSettler } from "./settle";

const room = (id: string, status: CheckResult["status"]) => ({
  check: "MX-ROOM-PLAINTEXT",
  result: { subject: { type: "room" as const, id }, status, detail: status, evidence: {} },
});

function evaluation(results: ReturnType<typeof room>[], ran = true): Evaluation {
  return {
    findings: results
      .filter((r) => r.result.status === "fail")
      .map((r) => ({ check: r.check, severity: "critical" as const, ...r.result })),
    results,
    coverage: ran ? [{ check: "MX-ROOM-PLAINTEXT", examined: results.length, passed: 0, failed: 0, unknown: 0 }] : [],
    errors: ran ? [] : [{ check: "MX-ROOM-PLAINTEXT", message: "threw" }],
    notCollected: [],
  };
}
const finding = (id: string) => ({ key: `MX-ROOM-PLAINTEXT|room|${id}`, check: "MX-ROOM-PLAINTEXT" });

describe("findingSettler", () => {
  const e = evaluation([room("!fail", "fail"), room("!pass", "pass"), room("!unknown", "unknown")]);

  it("failing again stays failing; a pass resolves, in a partial scan too", () => {
    for (const scope of ["complete", "partial"] as const) {
      const settle = findingSettler(e, scope);
      expect(settle(finding("!fail"))).toBe("failing");
      expect(settle(finding("!pass"))).toBe("resolved");
    }
  });

  it("an unknown result resolves nothing, whatever the scope", () => {
    expect(findingSettler(e, "complete")(finding("!unknown"))).toBe("undecided");
    expect(findingSettler(e, "partial")(finding("!unknown"))).toBe("undecided");
  });

  it("a subject no longer reported is gone only when the scan was complete and its check ran", () => {
    expect(findingSettler(e, "complete")(finding("!gone"))).toBe("resolved");
    expect(findingSettler(e, "partial")(finding("!gone"))).toBe("undecided");
    expect(findingSettler(evaluation([], false), "complete")(finding("!gone"))).toBe("undecided");
  });
});
