import type { Check, CheckResult } from "../../types";
import { INTEGRITY } from "./controls";
import { result } from "../result";
import { agentDevices, agentUsers, deviceSubject, userSubject } from "./scope";

/** MX-SIGNATURE-INVALID: a device or cross-signing signature that does not verify. */
export const mxSignatureInvalid: Check = {
  meta: {
    id: "MX-SIGNATURE-INVALID",
    title: "A key signature does not verify",
    severity: "critical",
    area: "matrix",
    risk: "A signature that fails on published keys means the keys were tampered with (by the homeserver or in transit) or the agent's crypto store is corrupt; either way the identity cannot be trusted.",
    remediation:
      "Treat as a possible compromise: compare the keys with the agent's own view, then reset the agent's cross-signing (new master key) or delete and recreate the device, and verify the agent again.",
    controls: INTEGRITY,
  },
  run(ctx) {
    const users: CheckResult[] = agentUsers(ctx).map(({ user }) => {
      const bad = user.crossSigning.state === "bad-signature";
      return result(
        userSubject(user),
        bad,
        bad
          ? `Cross-signing signature invalid: ${user.crossSigning.problem ?? "unknown problem"}`
          : `Cross-signing signatures ${user.crossSigning.state === "absent" ? "absent (nothing to verify)" : "verify"}`,
        { crossSigning: user.crossSigning },
      );
    });
    const devices: CheckResult[] = agentDevices(ctx).flatMap(({ device }) =>
      device.trust === "no-keys"
        ? []
        : [
            result(
              deviceSubject(device),
              device.trust === "bad-signature",
              device.trust === "bad-signature"
                ? `Device signature invalid: ${device.problem ?? "unknown problem"}`
                : "Device signatures verify",
              { trust: device.trust, problem: device.problem ?? null, keys: device.keys ?? null },
            ),
          ],
    );
    return [...users, ...devices];
  },
};
