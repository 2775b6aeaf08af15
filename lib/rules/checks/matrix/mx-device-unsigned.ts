import type { Check } from "../../types";
import { ENTITY_AUTHENTICATION } from "./controls";
import { result } from "../result";
import { agentDevices, deviceSubject } from "./scope";

/** MX-DEVICE-UNSIGNED: agent device not (validly) signed by its owner's self-signing key. */
export const mxDeviceUnsigned: Check = {
  meta: {
    id: "MX-DEVICE-UNSIGNED",
    title: "Agent device not signed by its owner",
    severity: "high",
    area: "matrix",
    risk: "A device the agent's identity has not signed could belong to anyone who obtained the password or an access token, yet it receives room keys like the real one.",
    remediation:
      "If the device is the agent's, sign it with the agent's self-signing key (crypto.crossSignDevice or interactive verification from another of its devices); otherwise delete the device and rotate the agent's credentials.",
    controls: ENTITY_AUTHENTICATION,
  },
  run(ctx) {
    // Devices without keys have nothing to sign: MX-DEVICE-NO-KEYS reports them.
    return agentDevices(ctx).flatMap(({ device }) =>
      device.trust === "no-keys"
        ? []
        : [
            result(
              deviceSubject(device),
              device.trust !== "verified-by-owner",
              device.trust === "verified-by-owner"
                ? "Signed by the owner's self-signing key"
                : (device.problem ?? `Device trust is ${device.trust}`),
              { trust: device.trust, problem: device.problem ?? null, keys: device.keys ?? null },
            ),
          ],
    );
  },
};
