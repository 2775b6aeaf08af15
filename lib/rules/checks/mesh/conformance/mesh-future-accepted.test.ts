import { describe, expect, it } from "vitest";
import { meshFutureAccepted } from "./mesh-future-accepted";
import { conformanceContext, messages, REFUSES_ALL, statuses } from "./__fixtures__/conformance";

describe("MESH-FUTURE-ACCEPTED", () => {
  it("fails when the future probe is accepted, passes when it is refused", () => {
    expect(statuses(meshFutureAccepted, [
      { endpoint: "bad:1", messages: messages({ ...REFUSES_ALL, "future": 200 }) },
      { endpoint: "good:1", messages: messages(REFUSES_ALL) },
    ])).toEqual({ "bad:1": "fail", "good:1": "pass" });
    const [r] = meshFutureAccepted.run(conformanceContext([{ endpoint: "bad:1", agent: "a", messages: messages({ ...REFUSES_ALL, "future": 202 }) }]));
    expect(r?.detail).toContain("(future)");
    expect(r?.subject).toEqual({ type: "endpoint", id: "bad:1", label: "a" });
  });

  it("is unknown, with the reason, when the canary was refused, the probe timed out or answered 5xx, or nothing was sent", () => {
    const rs = meshFutureAccepted.run(conformanceContext([
      { endpoint: "canary-refused:1", messages: messages({ canary: 401 }) },
      { endpoint: "timeout:1", messages: messages({ ...REFUSES_ALL, "future": "timeout" }) },
      { endpoint: "5xx:1", messages: messages({ ...REFUSES_ALL, "future": 500 }) },
      { endpoint: "skipped:1", messages: messages({}, { skipped: "credential missing" }) },
    ]));
    expect(rs.map((r) => r.status)).toEqual(["unknown", "unknown", "unknown", "unknown"]);
    expect(rs[0]?.detail).toMatch(/canary was not accepted \(answered 401\)/);
    expect(rs[1]?.detail).toMatch(/timeout/);
    expect(rs[3]?.detail).toMatch(/credential missing/);
  });

  it("judges nothing where no probes are declared", () => {
    expect(meshFutureAccepted.run(conformanceContext([{ endpoint: "card-only:1" }]))).toEqual([]);
  });
});
