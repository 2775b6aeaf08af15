import "server-only";
import { getDb } from "../db";
import { botChecks, homeserverChecks } from "../rules/checks/homeserver";
import { activePolicy } from "../settings/policy-versions";
import { EMPTY_REGISTRY } from "../registry/types";
import { describeIssues } from "../snapshot/read-snapshot";
import { HomeserverSchema } from "../snapshot/schema";
import type { HomeserverSnapshot } from "../snapshot/types";
import type { CheckMeta, ResultStatus } from "../rules/types";
import { getBotConfigsView, type BotConfigsView } from "./homeserver-bots";

/** One HS-* check on the homeserver: what a healthy server shows, what this one showed, and the verdict. */
export interface HomeserverVerdict {
  meta: Pick<CheckMeta, "id" | "title" | "expectation" | "severity">;
  status: ResultStatus;
  detail: string;
}

export interface PlaintextRoom {
  roomId: string;
  events: { type: string; sender: string; at: string }[];
}

export type HomeserverView =
  | { state: "none" }
  | { state: "unreadable"; snapshotId: string; reason: string }
  | {
      state: "ready";
      takenAt: Date;
      homeserver: HomeserverSnapshot;
      verdicts: HomeserverVerdict[];
      plaintextRooms: PlaintextRoom[];
      roomsRead: number;
      /** The active policy's warning window for the client API's certificate (the timeline colours by it). */
      certExpiryWarningDays: number;
      /** The declared mautrix bots' configs against their devices (HS-BOT-*). */
      bots: BotConfigsView;
    };

/**
 * The Homeserver page's data: the newest snapshot that holds a homeserver part, read alone (not the whole snapshot)
 * and parsed with the snapshot's own schema, then judged by the HS-* checks against the active policy. The checks
 * are pure and the part immutable, so this repeats the scan's verdicts unless the policy changed since.
 */
export async function getHomeserverView(now = new Date()): Promise<HomeserverView> {
  const rows = await getDb().$queryRaw<{ id: string; takenAt: Date; hs: unknown }[]>`
    SELECT id, "takenAt", data->'homeserver' AS hs FROM "Snapshot"
    WHERE status IN ('complete', 'partial') AND data->'homeserver' IS NOT NULL ORDER BY "takenAt" DESC LIMIT 1`;
  const row = rows[0];
  if (!row) return { state: "none" };
  const parsed = HomeserverSchema.safeParse(row.hs);
  if (!parsed.success) return { state: "unreadable", snapshotId: row.id, reason: describeIssues(parsed.error) };
  const homeserver: HomeserverSnapshot = parsed.data;
  const policy = await activePolicy();
  const ctx = { snapshot: { takenAt: row.takenAt.toISOString(), homeserver, errors: [] }, policy, registry: EMPTY_REGISTRY, now };
  const verdicts = homeserverChecks
    .filter((c) => c.meta.area === "homeserver" && !botChecks.includes(c))
    .flatMap((c) => c.run(ctx).map((r) => ({ meta: c.meta, status: r.status, detail: r.detail })));
  const allowed = new Set(policy.homeserver.allowedPlaintextEventTypes);
  const plaintextRooms = (homeserver.timeline?.rooms ?? []).flatMap((r) => {
    const events = r.unencrypted.filter((e) => e.roomEncrypted && !allowed.has(e.type));
    const shown = events.map((e) => ({ type: e.type, sender: e.sender, at: new Date(e.ts).toISOString() }));
    return shown.length ? [{ roomId: r.roomId, events: shown }] : [];
  });
  return {
    state: "ready",
    takenAt: row.takenAt,
    homeserver,
    verdicts,
    plaintextRooms,
    roomsRead: homeserver.timeline?.rooms.length ?? 0,
    certExpiryWarningDays: policy.homeserver.certExpiryWarningDays,
    bots: await getBotConfigsView(row.id, homeserver, policy, now),
  };
}
