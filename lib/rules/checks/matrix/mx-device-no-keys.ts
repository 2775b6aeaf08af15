import type { Check } from "../../types";
import { DEVICE_INVENTORY } from "./controls";
import { result } from "../result";
import { agentDevices, deviceSubject } from "./scope";

/** MX-DEVICE-NO-KEYS: device never uploaded E2EE keys. */
export const mxDeviceNoKeys: Check = {
  meta: {
    id: "MX-DEVICE-NO-KEYS",
    title: "Agent device has no end-to-end encryption keys",
    severity: "medium",
    area: "matrix",
    risk: "A device without keys cannot read or send encrypted messages, so whatever runs there either is not the agent or works around encryption.",
    remediation:
      "Delete the device if unused; if the agent runs there, start it with its crypto store (E2EE required) so it uploads keys, then sign the device.",
    controls: DEVICE_INVENTORY,
  },
  run(ctx) {
    return agentDevices(ctx).map(({ device }) =>
      result(
        deviceSubject(device),
        device.trust === "no-keys",
        device.trust === "no-keys" ? (device.problem ?? "Device never uploaded E2EE keys") : "Device has published E2EE keys",
        { trust: device.trust, keys: device.keys ?? null },
      ),
    );
  },
};
