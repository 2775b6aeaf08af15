import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { botChecks, homeserverChecks } from "../rules/checks/homeserver";
import { activePolicy } from "../settings/policy-versions";
import type { Policy } from "../policy/types";
import { EMPTY_REGISTRY } from "../registry/types";
import { describeIssues } from "../snapshot/read-snapshot";
import { BotConfigSchema, HomeserverSchema } from "../snapshot/schema";
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

/** The posture probes' part of the page: judged, absent from this scan (and why), or unreadable. */
export type PostureView =
  | {
      state: "probed";
      homeserver: HomeserverSnapshot;
      verdicts: HomeserverVerdict[];
      plaintextRooms: PlaintextRoom[];
      roomsRead: number;
      /** The active policy's warning window for the client API's certificate (the timeline colours by it). */
      certExpiryWarningDays: number;
    }
  /** No homeserverPosture in the scan's config, or (`failure`, the scan's own error) its collection failed. */
  | { state: "not-probed"; failure?: string }
  | { state: "unreadable"; reason: string };

export type HomeserverView =
  | { state: "none" }
  | {
      state: "ready";
      snapshotId: string;
      takenAt: Date;
      posture: PostureView;
      /** The declared mautrix bots' configs against their devices (HS-BOT-*): read in every scan, probes or not. */
      bots: BotConfigsView;
    };

const Row = z.object({
  id: z.string(),
  takenAt: z.coerce.date(),
  hs: z.unknown(),
  bots: z.unknown(),
  /** The first homeserver error that is not a bot config's: why a scan with homeserverPosture has no posture part. */
  postureError: z.string().nullable(),
});

function judgePosture(hsData: unknown, takenAt: Date, policy: Policy, now: Date, postureError: string | null): PostureView {
  if (hsData === null || hsData === undefined) return { state: "not-probed", ...(postureError ? { failure: postureError } : {}) };
  const parsed = HomeserverSchema.safeParse(hsData);
  if (!parsed.success) return { state: "unreadable", reason: describeIssues(parsed.error) };
  const homeserver: HomeserverSnapshot = parsed.data;
  const ctx = { snapshot: { takenAt: takenAt.toISOString(), homeserver, errors: [] }, policy, registry: EMPTY_REGISTRY, now };
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
    state: "probed",
    homeserver,
    verdicts,
    plaintextRooms,
    roomsRead: homeserver.timeline?.rooms.length ?? 0,
    certExpiryWarningDays: policy.homeserver.certExpiryWarningDays,
  };
}

/**
 * The Homeserver page's data: the newest snapshot that holds a homeserver part or the declared bots' configs (every
 * scan reads those; only scans configured with homeserverPosture probe), read by parts (not the whole snapshot) and
 * parsed with the snapshot's own schema, then judged by the HS-* checks against the active policy. The checks are
 * pure and the parts immutable, so this repeats the scan's verdicts unless the policy changed since.
 */
export async function getHomeserverView(now = new Date()): Promise<HomeserverView> {
  const rows = await getDb().$queryRaw<unknown[]>`
    SELECT id, "takenAt", data->'homeserver' AS hs, data->'bots' AS bots,
      (SELECT e->>'message' FROM jsonb_array_elements(coalesce(data->'errors', '[]'::jsonb)) e
        WHERE e->>'source' = 'homeserver' AND e->>'scope' NOT LIKE 'bot config%' LIMIT 1) AS "postureError"
    FROM "Snapshot"
    WHERE status IN ('complete', 'partial') AND (data->'homeserver' IS NOT NULL OR data->'bots' IS NOT NULL)
    ORDER BY "takenAt" DESC LIMIT 1`;
  if (rows.length === 0) return { state: "none" };
  const row = Row.parse(rows[0]);
  const policy = await activePolicy();
  const bots = z
    .array(BotConfigSchema)
    .optional()
    .safeParse(row.bots ?? undefined);
  return {
    state: "ready",
    snapshotId: row.id,
    takenAt: row.takenAt,
    posture: judgePosture(row.hs, row.takenAt, policy, now, row.postureError),
    bots: bots.success
      ? await getBotConfigsView(row.id, bots.data, policy, now)
      : { state: "unreadable", reason: `the snapshot's bot configs are unreadable: ${describeIssues(bots.error)}` },
  };
}
