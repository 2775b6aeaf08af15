import type { Check } from "../../types";
import { DEVICE_INVENTORY } from "./controls";
import { result, unknown } from "../result";
import { agentDevices, deviceSubject } from "./scope";

const DAY_MS = 86_400_000;

/** MX-DEVICE-STALE: device not seen for longer than policy. */
export const mxDeviceStale: Check = {
  meta: {
    id: "MX-DEVICE-STALE",
    title: "Agent device unused for a long time",
    severity: "low",
    area: "matrix",
    risk: "An idle device still receives room keys; its stored keys and token are an unmonitored copy of the agent's access.",
    remediation: "Delete the device if it is no longer used (and remove it from the registry); otherwise find out why it stopped syncing.",
    controls: DEVICE_INVENTORY,
  },
  run(ctx) {
    const days = ctx.policy.matrix.staleDeviceDays;
    return agentDevices(ctx).map(({ device }) => {
      const ev = { lastSeenTs: device.lastSeenTs ?? null, staleDeviceDays: days, now: ctx.now.toISOString() };
      // The member view has no last-seen data: neither stale nor fresh can be shown, so no open finding may resolve on it.
      if (device.lastSeenTs === undefined)
        return unknown(deviceSubject(device), "No last-seen time visible to the auditor (needs the admin view)", ev);
      const ageDays = Math.floor((ctx.now.getTime() - device.lastSeenTs) / DAY_MS);
      const stale = ctx.now.getTime() - device.lastSeenTs > days * DAY_MS;
      return result(
        deviceSubject(device),
        stale,
        stale ? `Last seen ${ageDays} days ago (policy: ${days})` : `Last seen ${ageDays} day(s) ago`,
        ev,
      );
    });
  },
};
