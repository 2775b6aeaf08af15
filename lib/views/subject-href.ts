/**
 * Where each subject lives in Vigil, so every mention of a room, device, user, agent,
 * endpoint or certificate links to the same place. Pure: pages, components and tests share it.
 */

/** A device's page. Both ids are percent-encoded: user ids carry "@" and ":", device ids may carry anything. */
export const deviceHref = (userId: string, deviceId: string): string =>
  `/devices/${encodeURIComponent(userId)}/${encodeURIComponent(deviceId)}`;

export const roomHref = (roomId: string): string => `/rooms/${encodeURIComponent(roomId)}`;

export const endpointPageHref = (endpoint: string): string => `/mesh/${encodeURIComponent(endpoint)}`;

/** A Matrix user's page: its identity, agent, devices, rooms, findings and identity history. */
export const userHref = (userId: string): string => `/devices/${encodeURIComponent(userId)}`;

/** A user's devices: the Devices list narrowed to that user (its chip clears it). */
export const userDevicesHref = (userId: string): string => `/devices?user=${encodeURIComponent(userId)}`;

/** The agent's row on the Agents page (the row's id is `agent-<name>`). */
export const agentHref = (name: string): string => `/agents#agent-${encodeURIComponent(name)}`;

/** A certificate's page, by its SHA-256 fingerprint (lowercase hex, the snapshot's stable id). */
export const certificateHref = (fingerprint: string): string => `/mesh/certificates/${encodeURIComponent(fingerprint)}`;

/** Findings about one subject, as the findings list filters them (its chips say so and clear it). */
export const subjectFindingsHref = (subjectType: string, subjectId: string): string =>
  `/findings?subject=${encodeURIComponent(subjectType)}&subjectId=${encodeURIComponent(subjectId)}`;

/**
 * The page of a finding's subject, or null for subjects with no page of their own (the homeserver has
 * its page, but one: its findings need no id). A device subject's id is "user|device" (findingKey's form).
 */
export function subjectHref(type: string, id: string): string | null {
  switch (type) {
    case "room":
      return roomHref(id);
    case "device": {
      const bar = id.indexOf("|");
      return bar > 0 ? deviceHref(id.slice(0, bar), id.slice(bar + 1)) : null;
    }
    case "user":
      return userHref(id);
    case "endpoint":
      return endpointPageHref(id);
    case "agent":
      return agentHref(id);
    case "certificate":
      return certificateHref(id);
    case "homeserver":
      return "/homeserver";
    default:
      return null;
  }
}
