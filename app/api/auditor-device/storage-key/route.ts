import { NextResponse } from "next/server";
import { z } from "zod";
import { deriveStorageKey } from "@/lib/auditor-device/storage-key";
import { withAction } from "@/lib/auth/guard";

const Body = z.object({
  userId: z.string().regex(/^@[^:]+:.+$/, "userId must be a Matrix user id like @auditor:example.org"),
  deviceId: z.string().min(1).max(255),
});

/**
 * The key that unlocks the auditor device's crypto store in this browser,
 * handed only to a signed-in Vigil user allowed to verify devices. Every
 * hand-out is audited (withAction). Never cached by the browser.
 */
export const POST = withAction("device.verify", async (req, { actor }) => {
  const parsed = Body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const key = deriveStorageKey(actor.id, parsed.data.userId, parsed.data.deviceId);
  return NextResponse.json({ key: key.toString("base64") }, { headers: { "Cache-Control": "no-store" } });
});
