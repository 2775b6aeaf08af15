import { describe, expect, it } from "vitest";
import { meshForgeryAccepted } from "./mesh-forgery-accepted";
import { messages, REFUSES_ALL, statuses } from "./__fixtures__/conformance";

describe("MESH-FORGERY-ACCEPTED", () => {
  it("fails when either the tampered body or the wrong signature is accepted; passes only when both are refused", () => {
    expect(
      statuses(meshForgeryAccepted, [
        { endpoint: "tamper:1", messages: messages({ ...REFUSES_ALL, "tampered-body": 200 }) },
        { endpoint: "wrongsig:1", messages: messages({ ...REFUSES_ALL, "wrong-signature": 200 }) },
        { endpoint: "good:1", messages: messages(REFUSES_ALL) },
      ]),
    ).toEqual({ "tamper:1": "fail", "wrongsig:1": "fail", "good:1": "pass" });
  });

  it("one probe refused and the other undecided is unknown, not a pass", () => {
    expect(
      statuses(meshForgeryAccepted, [
        { endpoint: "half:1", messages: messages({ ...REFUSES_ALL, "wrong-signature": "closed" }) },
        { endpoint: "missing:1", messages: messages({ "canary": 200, "tampered-body": 401 }) },
      ]),
    ).toEqual({ "half:1": "unknown", "missing:1": "unknown" });
  });
});
