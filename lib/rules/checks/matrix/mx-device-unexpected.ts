import type { Check } from "../../types";
import { DEVICE_INVENTORY } from "./controls";
import { result } from "../result";
import { agentDevices, deviceSubject } from "./scope";

/** MX-DEVICE-UNEXPECTED: device id not declared for the agent. */
export const mxDeviceUnexpected: Check = {
  meta: {
    id: "MX-DEVICE-UNEXPECTED",
    title: "Agent has a device that is not declared",
    severity: "high",
    area: "matrix",
    risk: "Agents run with stable device ids; an extra device means a login outside the rotation procedure — a forgotten test login or a stolen credential.",
    remediation:
      "If the device is legitimate, add its id to the agent's deviceIds in the registry; otherwise delete it (Admin API DELETE /_synapse/admin/v2/users/<user>/devices/<device>) and rotate the agent's password and tokens.",
    controls: DEVICE_INVENTORY,
  },
  run(ctx) {
    return agentDevices(ctx).map(({ device, agent }) => {
      const declared = agent.deviceIds.includes(device.deviceId);
      return result(
        deviceSubject(device),
        !declared,
        declared
          ? `Device ${device.deviceId} is declared for ${agent.name}`
          : `Device ${device.deviceId} is not among ${agent.name}'s declared devices`,
        { agent: agent.name, declaredDeviceIds: agent.deviceIds, lastSeenTs: device.lastSeenTs ?? null },
      );
    });
  },
};
