"use server";
import { revalidatePath } from "next/cache";
import { perform } from "@/lib/auth/guard";
import { acceptBaseline } from "@/lib/drift/view";

export interface BaselineState {
  ok?: boolean;
  message?: string;
  at?: number;
}

/** Accepts the latest complete snapshot as the one baseline (admin; audited by perform). */
export async function acceptBaselineAction(_prev: BaselineState, form: FormData): Promise<BaselineState> {
  const snapshotId = form.get("snapshotId");
  try {
    const accepted = await perform("baseline.accept", typeof snapshotId === "string" ? snapshotId : "latest", (actor) =>
      acceptBaseline(actor.email, typeof snapshotId === "string" && snapshotId ? snapshotId : undefined),
    );
    revalidatePath("/drift");
    return {
      ok: true,
      message: `Baseline accepted: the scan of ${accepted.takenAt.toISOString().slice(0, 19).replace("T", " ")} UTC.`,
      at: Date.now(),
    };
  } catch (err) {
    return { ok: false, message: (err as Error).message, at: Date.now() };
  }
}
