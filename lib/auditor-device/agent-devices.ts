/**
 * Another user's (an agent's) devices as this device's crypto sees them after
 * a fresh /keys/query, and the out-of-band check: the ed25519 fingerprint the
 * operator read off the agent, compared with the published one.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { trackUser } from "./track-user";

export interface AgentDevice {
  deviceId: string;
  displayName: string | null;
  ed25519: string | null;
  verified: boolean;
}

export interface AgentDevices {
  userId: string;
  hasCrossSigning: boolean;
  /** Its master key is signed by our user-signing key. */
  verified: boolean;
  devices: AgentDevice[];
}

const cryptoOf = (client: MatrixClient) => {
  const c = client.getCrypto();
  if (!c) throw new Error("The crypto engine is not running.");
  return c;
};

export async function loadAgentDevices(client: MatrixClient, userId: string): Promise<AgentDevices> {
  if (!/^@[^:]+:.+$/.test(userId)) throw new Error("Enter a Matrix user id like @agent-alpha:example.org.");
  const c = cryptoOf(client);
  await trackUser(client, userId); // verification status and signing need the user tracked by the crypto
  const map = (await c.getUserDeviceInfo([userId], true)).get(userId);
  if (!map || map.size === 0) throw new Error(`${userId} has no devices with keys: there is nothing to verify.`);
  const status = await c.getUserVerificationStatus(userId);
  const devices = await Promise.all(
    [...map.values()].map(async (d) => ({
      deviceId: d.deviceId,
      displayName: d.displayName ?? null,
      ed25519: d.getFingerprint() ?? null,
      verified: (await c.getDeviceVerificationStatus(userId, d.deviceId))?.isVerified() ?? false,
    })),
  );
  return { userId, hasCrossSigning: await c.userHasCrossSigningKeys(userId), verified: status.isCrossSigningVerified(), devices };
}

/** Fingerprints are compared without spaces and case: people read them in groups. */
const normalise = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/**
 * Out-of-band verification: on a match the device is marked verified by this
 * device; on a mismatch nothing changes and the message says so.
 */
export async function verifyFingerprint(client: MatrixClient, userId: string, deviceId: string, typed: string): Promise<string> {
  const c = cryptoOf(client);
  const device = (await c.getUserDeviceInfo([userId], true)).get(userId)?.get(deviceId);
  const published = device?.getFingerprint();
  if (!published) throw new Error(`${deviceId} has no published ed25519 key.`);
  if (!typed.trim()) throw new Error("Type the fingerprint the agent shows first.");
  if (normalise(published) !== normalise(typed))
    return `The fingerprint does NOT match what ${deviceId} published. Nothing was marked verified: treat this device as suspect.`;
  await c.setDeviceVerified(userId, deviceId, true);
  return `The fingerprint matches: ${deviceId} is now verified on this device.`;
}
