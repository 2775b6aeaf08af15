"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ConfirmResult } from "@/components/ui/confirm-dialog";
import { perform } from "@/lib/auth/guard";
import { enableRoomEncryption } from "@/lib/remediate/enable-room-encryption";

const RoomId = z.string().regex(/^![^\s]{1,254}$/, "Not a Matrix room id");

/** Thin wrapper: validate, check the role and audit (perform), then one homeserver verb. */
export async function enableEncryptionAction(roomId: unknown): Promise<ConfirmResult> {
  const parsed = RoomId.safeParse(roomId);
  if (!parsed.success) return { ok: false, error: "That is not a Matrix room id." };
  try {
    const done = await perform("room.enable-encryption", parsed.data, () => enableRoomEncryption({ roomId: parsed.data }));
    revalidatePath("/rooms", "layout");
    return {
      ok: true,
      message: `Encryption enabled (event ${done.eventId || "sent"})${done.madeAuditorAdmin ? "; the auditor was made room admin to do it" : ""}. Run a scan to confirm the finding resolves.`,
    };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
