import { NextResponse } from "next/server";
import { z } from "zod";
import { withAction, withSession } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { acceptBaseline } from "@/lib/drift/view";

/** The accepted baseline, if any. */
export const GET = withSession(async () => {
  const baseline = await getDb().snapshot.findFirst({
    where: { isBaseline: true },
    select: { id: true, takenAt: true, baselineAcceptedBy: true, baselineAcceptedAt: true },
  });
  return NextResponse.json({ baseline });
});

const Body = z.object({ snapshotId: z.string().min(1).optional() }).strict();

/**
 * Accepts a complete snapshot (default: the latest) as the one baseline. Admin only; audited by withAction.
 * A refusal ("no complete scan yet") answers 409 with its message; anything else a request id (withAction).
 */
export const POST = withAction("baseline.accept", async (req, { actor }) => {
  const text = await req.text();
  let json: unknown = {};
  try {
    json = text.trim() ? JSON.parse(text) : {};
  } catch {
    return NextResponse.json({ error: 'Body must be JSON, e.g. {} or {"snapshotId": "…"}.' }, { status: 400 });
  }
  const body = Body.safeParse(json);
  if (!body.success)
    return NextResponse.json(
      { error: body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") },
      { status: 400 },
    );
  return NextResponse.json({ baseline: await acceptBaseline(actor.email, body.data.snapshotId) });
});
