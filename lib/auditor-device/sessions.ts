/**
 * The auditor account's sessions (devices) as the homeserver lists them, and
 * signing one out (DELETE /devices/{id}, which asks for the password).
 */
import type { MatrixClient } from "matrix-js-sdk";
import { passwordAuth } from "./uia";

export interface AuditorSession {
  deviceId: string;
  displayName: string | null;
  lastSeenIp: string | null;
  lastSeenTs: number | null;
  isThisBrowser: boolean;
  /** Signed by the auditor's self-signing key (cross-signing verified). */
  verified: boolean;
}

export async function listSessions(client: MatrixClient): Promise<AuditorSession[]> {
  const { devices } = await client.getDevices();
  const me = client.getSafeUserId();
  const crypto = client.getCrypto();
  const rows = await Promise.all(
    devices.map(async (d) => ({
      deviceId: d.device_id,
      displayName: d.display_name ?? null,
      lastSeenIp: d.last_seen_ip ?? null,
      lastSeenTs: d.last_seen_ts ?? null,
      isThisBrowser: d.device_id === client.getDeviceId(),
      verified: (await crypto?.getDeviceVerificationStatus(me, d.device_id))?.crossSigningVerified ?? false,
    })),
  );
  return rows.sort((a, b) => (b.lastSeenTs ?? 0) - (a.lastSeenTs ?? 0));
}

/** Sign out another session; the password answers the server's interactive auth. */
export async function signOutSession(client: MatrixClient, deviceId: string, password: string): Promise<void> {
  if (deviceId === client.getDeviceId()) throw new Error("Use “Sign out this browser” for this session.");
  await passwordAuth<unknown>(client.getSafeUserId(), password)((auth) => client.deleteDevice(deviceId, auth ?? undefined));
}
