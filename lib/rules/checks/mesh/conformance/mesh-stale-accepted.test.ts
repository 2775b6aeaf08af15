import { describe, expect, it } from "vitest";
import { meshStaleAccepted } from "./mesh-stale-accepted";
import { conformanceContext, messages, REFUSES_ALL, statuses } from "./__fixtures__/conformance";

describe("MESH-STALE-ACCEPTED", () => {
  it("fails when the stale probe is accepted, passes when it is refused", () => {
    expect(statuses(meshStaleAccepted, [
      { endpoint: "bad:1", messages: messages({ ...REFUSES_ALL, "stale": 200 }) },
      { endpoint: "good:1", messages: messages(REFUSES_ALL) },
    ])).toEqual({ "bad:1": "fail", "good:1": "pass" });
    const [r] = meshStaleAccepted.run(conformanceContext([{ endpoint: "bad:1", agent: "a", messages: messages({ ...REFUSES_ALL, "stale": 202 }) }]));
    expect(r?.detail).toContain("(stale)");
    expect(r?.subject).toEqual({ type: "endpoint", id: "bad:1", label: "a" });
  });

  it("is unknown, with the reason, when the canary was refused, the probe timed out or answered 5xx, or nothing was sent", () => {
    const rs = meshStaleAccepted.run(conformanceContext([
      { endpoint: "canary-refused:1", messages: messages({ canary: 401 }) },
      { endpoint: "timeout:1", messages: messages({ ...REFUSES_ALL, "stale": "timeout" }) },
      { endpoint: "5xx:1", messages: messages({ ...REFUSES_ALL, "stale": 500 }) },
      { endpoint: "skipped:1", messages: messages({}, { skipped: "credential missing" }) },
    ]));
    expect(rs.map((r) => r.status)).toEqual(["unknown", "unknown", "unknown", "unknown"]);
    expect(rs[0]?.detail).toMatch(/canary was not accepted \(answered 401\)/);
    expect(rs[1]?.detail).toMatch(/timeout/);
    expect(rs[3]?.detail).toMatch(/credential missing/);
  });

  it("judges nothing where no probes are declared", () => {
    expect(meshStaleAccepted.run(conformanceContext([{ endpoint: "card-only:1" }]))).toEqual([]);
  });
});
