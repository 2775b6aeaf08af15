import type { Check } from "../../types";
import { DEVICE_INVENTORY } from "../matrix/controls";
import { result } from "../result";
import { profiledAgents, profileSubject } from "./profile-scope";

/**
 * REG-DEVICE-MISMATCH: the profile's MATRIX_DEVICE_ID is missing, not declared
 * for the agent, or (when the scan saw the agent's devices) not on the server.
 */
export const regDeviceMismatch: Check = {
  meta: {
    id: "REG-DEVICE-MISMATCH",
    title: "Agent is configured with a device id that is not declared or not on the server",
    severity: "high",
    area: "registry",
    risk: "An agent that logs in with an undeclared or missing device id creates a fresh device on each start: new unsigned keys that receive room keys, and an inventory that no longer describes what runs.",
    remediation:
      "Set MATRIX_DEVICE_ID in the agent's profile to the device declared in the registry (and present on the server), or declare the device the agent really uses; then restart the agent.",
    controls: DEVICE_INVENTORY,
  },
  run(ctx) {
    const matrix = ctx.snapshot.matrix;
    return profiledAgents(ctx).map((pa) => {
      const { profile, agent } = pa;
      const serverDevices = (matrix?.devices ?? []).filter((d) => d.userId === profile.userId).map((d) => d.deviceId);
      // Only an admin view (or seeing at least one device of the user) tells us which devices the server has.
      const serverKnown = matrix !== undefined && (matrix.view === "admin" || serverDevices.length > 0);
      const problems: string[] = [];
      if (!profile.deviceId) problems.push("the profile sets no MATRIX_DEVICE_ID");
      else {
        if (!agent) problems.push(`${profile.userId} is not a declared agent`);
        else if (!agent.deviceIds.includes(profile.deviceId))
          problems.push(`${profile.deviceId} is not among ${agent.name}'s declared devices`);
        if (serverKnown && !serverDevices.includes(profile.deviceId))
          problems.push(`${profile.deviceId} is not one of ${profile.userId}'s devices on the server`);
      }
      return result(
        profileSubject(pa),
        problems.length > 0,
        problems.length
          ? `Configured device: ${problems.join("; ")}`
          : `Configured device ${profile.deviceId} is declared and on the server`,
        {
          profile: profile.source,
          configuredDeviceId: profile.deviceId ?? null,
          declaredDeviceIds: agent?.deviceIds ?? [],
          serverDeviceIds: serverKnown ? serverDevices : null,
        },
      );
    });
  },
};
