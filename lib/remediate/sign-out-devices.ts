import "server-only";
import { MatrixApiError, seg } from "../homeserver/client";
import { openHomeserver, type Homeserver } from "./homeserver";
import { AdminDeviceSchema, EmptyAnswerSchema } from "./schemas";

export class SignOutDevicesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignOutDevicesError";
  }
}

export interface SignOutDevicesOptions {
  devices: readonly { userId: string; deviceId: string }[];
  /** Ask the homeserver which devices are still there, and delete none. */
  dryRun?: boolean;
  homeserver?: Homeserver;
}

/**
 * What happened to one device. "already-gone": the homeserver no longer has it (signed out meanwhile), so nothing was
 * deleted — Synapse answers a delete of a missing device with 200, which is why each device is looked up first.
 */
export type SignOutResult = "would-sign-out" | "signed-out" | "already-gone" | "failed";

export interface SignOutOutcome {
  userId: string;
  deviceId: string;
  result: SignOutResult;
  /** False only for "failed": a device already gone is signed out as asked. */
  ok: boolean;
  message: string;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Deletes each device through the Synapse Admin API (which also invalidates its access token and removes its E2EE
 * keys). One failure does not stop the rest; each device gets its own outcome. A dead token stops everything, since
 * every further request would fail the same way. Needs a server-admin token.
 */
export async function signOutDevices(opts: SignOutDevicesOptions): Promise<SignOutOutcome[]> {
  const hs = opts.homeserver ?? (await openHomeserver());
  if (!hs.admin) {
    throw new SignOutDevicesError(
      "Signing out another user's device needs a server-admin token; the auditor account is not a server admin.",
    );
  }
  const outcomes: SignOutOutcome[] = [];
  for (const d of opts.devices) {
    const path = `/_synapse/admin/v2/users/${seg(d.userId)}/devices/${seg(d.deviceId)}`;
    const outcome = (result: SignOutResult, message: string) => outcomes.push({ ...d, result, ok: result !== "failed", message });
    try {
      const present = await hs.client.get("admin.user.device", path, AdminDeviceSchema).then(
        () => true,
        (e: unknown) => (e instanceof MatrixApiError && e.kind === "not-found" ? false : Promise.reject(e)),
      );
      if (!present) outcome("already-gone", "already gone from the homeserver; nothing to sign out");
      else if (opts.dryRun) outcome("would-sign-out", "present on the homeserver; would be signed out");
      else {
        // Sent once ("unsent"): after a 5xx or a timeout the device may be gone already; the outcome says it failed to confirm.
        await hs.client.delete("admin.user.device.delete", path, EmptyAnswerSchema, { retry: "unsent" });
        outcome("signed-out", "signed out");
      }
    } catch (e) {
      if (e instanceof MatrixApiError && e.kind === "unknown-token") throw new SignOutDevicesError(e.message);
      outcome("failed", messageOf(e));
    }
  }
  return outcomes;
}
