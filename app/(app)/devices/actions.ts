"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ConfirmResult } from "@/components/ui/confirm-dialog";
import { perform } from "@/lib/auth/guard";
import { hasControlCharacters } from "@/lib/security/text";
import { signOutDevices } from "@/lib/remediate/sign-out-devices";
import { listSignOutCandidates } from "@/lib/views/devices";

// A control character (a NUL once made the audit write fail while the sign-out went ahead) is refused here.
const MatrixId = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => !hasControlCharacters(v));
const Selection = z
  .array(z.object({ userId: MatrixId, deviceId: MatrixId }))
  .min(1)
  .max(500);

/**
 * Signs out the chosen devices — but only those the server's own dry run still
 * lists as stale or unexpected, so a crafted request cannot sign out a healthy device.
 */
export async function signOutDevicesAction(selection: unknown): Promise<ConfirmResult> {
  const parsed = Selection.safeParse(selection);
  if (!parsed.success) return { ok: false, error: "Choose at least one device to sign out (ids without control characters)." };
  const target = parsed.data.map((d) => `${d.userId}|${d.deviceId}`).join(",");
  try {
    // ok:false when any sign-out failed, so the audit row says refused rather than ok (lib/auth/verdict.ts).
    const { outcomes } = await perform("device.sign-out", target, async () => {
      const allowed = new Set((await listSignOutCandidates()).map((c) => `${c.userId}|${c.deviceId}`));
      const chosen = parsed.data.filter((d) => allowed.has(`${d.userId}|${d.deviceId}`));
      if (chosen.length === 0)
        throw new Error("None of the chosen devices is stale or unexpected in the latest scan; nothing was signed out.");
      const done = await signOutDevices({ devices: chosen });
      const failed = done.filter((o) => !o.ok).map((o) => `${o.deviceId}: ${o.message}`);
      return { ok: failed.length === 0, outcomes: done, ...(failed.length ? { error: `failed: ${failed.join("; ")}` } : {}) };
    });
    revalidatePath("/devices");
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length)
      return {
        ok: false,
        error: `Signed out ${outcomes.length - failed.length}; failed: ${failed.map((f) => `${f.deviceId} (${f.message})`).join("; ")}`,
      };
    const signedOut = outcomes.filter((o) => o.result === "signed-out").map((o) => o.deviceId);
    const gone = outcomes.filter((o) => o.result === "already-gone").map((o) => o.deviceId);
    const goneNote = gone.length ? `; already gone from the homeserver: ${gone.join(", ")}` : "";
    return {
      ok: true,
      message: `Signed out ${signedOut.length} device(s): ${signedOut.join(", ")}${goneNote}. Run a scan to see the result.`,
    };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
