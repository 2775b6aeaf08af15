import { describe, expect, it } from "vitest";
import { meshCapabilityEscalation } from "./mesh-capability-escalation";
import { messages, REFUSES_ALL, statuses } from "./__fixtures__/conformance";

const outOfScope = { method: "POST", path: "/reports/dry-run", scope: "write:reports" };

describe("MESH-CAPABILITY-ESCALATION", () => {
  it("fails when the out-of-scope request is granted, passes when it is refused", () => {
    expect(
      statuses(meshCapabilityEscalation, [
        { endpoint: "ignores:1", messages: messages({ ...REFUSES_ALL, "capability-out-of-scope": 200 }, { outOfScope }) },
        { endpoint: "honours:1", messages: messages({ ...REFUSES_ALL, "capability-out-of-scope": 403 }, { outOfScope }) },
      ]),
    ).toEqual({ "ignores:1": "fail", "honours:1": "pass" });
  });

  it("judges only endpoints that declare a capability token; a declared one never sent is unknown", () => {
    expect(
      statuses(meshCapabilityEscalation, [
        { endpoint: "no-token:1", messages: messages({ ...REFUSES_ALL }) },
        { endpoint: "not-sent:1", messages: messages(REFUSES_ALL, { outOfScope }) },
      ]),
    ).toEqual({ "not-sent:1": "unknown" });
  });
});
