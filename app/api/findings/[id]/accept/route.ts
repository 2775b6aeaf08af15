import { NextResponse } from "next/server";
import { withAction } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { acceptFinding, AcceptFindingInput, FindingStateError, reopenFinding } from "@/lib/findings/accept-finding";

type Ctx = { params: Promise<{ id: string }> };

/** Accept a finding: { reason, owner, until }. Auditor role; audited. */
export const POST = withAction<Ctx>("finding.accept", async (req, { params, actor }) => {
  const { id } = await params;
  const parsed = AcceptFindingInput.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]?.message ?? "Invalid input." }, { status: 400 });
  try {
    const f = await acceptFinding(getDb(), id, parsed.data, actor.email);
    return NextResponse.json({ id: f.id, status: f.status, acceptedUntil: f.acceptedUntil });
  } catch (err) {
    if (err instanceof FindingStateError) return NextResponse.json({ error: err.message }, { status: 409 });
    throw err;
  }
});

/** Withdraw the acceptance. */
export const DELETE = withAction<Ctx>("finding.accept", async (_req, { params }) => {
  const { id } = await params;
  try {
    const f = await reopenFinding(getDb(), id);
    return NextResponse.json({ id: f.id, status: f.status });
  } catch (err) {
    if (err instanceof FindingStateError) return NextResponse.json({ error: err.message }, { status: 409 });
    throw err;
  }
});
