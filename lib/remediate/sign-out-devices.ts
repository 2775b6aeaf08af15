import "server-only";
import { MatrixApiError } from "../collect/matrix/http";
import { openHomeserver, seg, type Homeserver } from "./homeserver";

export class SignOutDevicesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignOutDevicesError";
  }
}

export interface SignOutDevicesOptions {
  devices: readonly { userId: string; deviceId: string }[];
  homeserver?: Homeserver;
}

export interface SignOutOutcome {
  userId: string;
  deviceId: string;
  ok: boolean;
  message: string;
}

/**
 * Deletes each device through the Synapse Admin API (which also invalidates its
 * access token and removes its E2EE keys). One failure does not stop the rest;
 * each device gets its own outcome. Needs a server-admin token.
 */
export async function signOutDevices(opts: SignOutDevicesOptions): Promise<SignOutOutcome[]> {
  const hs = opts.homeserver ?? (await openHomeserver());
  if (!hs.admin) throw new SignOutDevicesError("Signing out another user's device needs a server-admin token; the auditor account is not a server admin.");
  const outcomes: SignOutOutcome[] = [];
  for (const d of opts.devices) {
    try {
      await hs.request("DELETE", `/_synapse/admin/v2/users/${seg(d.userId)}/devices/${seg(d.deviceId)}`);
      outcomes.push({ ...d, ok: true, message: "signed out" });
    } catch (e) {
      if (e instanceof MatrixApiError && e.kind === "unknown-token") throw new SignOutDevicesError(e.message);
      outcomes.push({ ...d, ok: false, message: (e as Error).message });
    }
  }
  return outcomes;
}
