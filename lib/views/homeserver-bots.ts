import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import type { Policy } from "../policy/types";
import { botChecks } from "../rules/checks/homeserver";
import type { CheckMeta, ResultStatus } from "../rules/types";
import type { Registry } from "../registry/types";
import { describeIssues } from "../snapshot/read-snapshot";
import { DeviceSchema, RegistrySchema, UserSchema } from "../snapshot/schema";
import type { BotConfigFacts, MatrixSnapshot } from "../snapshot/types";

/** One declared bot on the Homeserver page: what its config says, and each HS-BOT-* check's expected → observed. */
export interface BotConfigRow {
  agent: string;
  file: string;
  facts?: BotConfigFacts;
  verdicts: { meta: Pick<CheckMeta, "id" | "title" | "expectation" | "severity">; status: ResultStatus; detail: string }[];
}

export type BotConfigsView = { state: "ready"; bots: BotConfigRow[] } | { state: "unreadable"; reason: string };

const Matrix = z.object({
  view: z.enum(["admin", "member"]).nullable(),
  users: z.array(UserSchema),
  devices: z.array(DeviceSchema),
});

/**
 * The declared bots of one snapshot, judged again by the HS-BOT-* checks (pure: the same verdicts as the scan's unless
 * the policy changed). `bots` is the snapshot's own (absent: it read none). Reads the snapshot's registry and, of the
 * Matrix inventory, only the bots' users and devices.
 */
export async function getBotConfigsView(
  snapshotId: string,
  bots: BotConfigFacts[] | undefined,
  policy: Policy,
  now: Date,
): Promise<BotConfigsView> {
  const db = getDb();
  const [head] = await db.$queryRaw<{ registry: unknown }[]>`SELECT data->'registry' AS registry FROM "Snapshot" WHERE id = ${snapshotId}`;
  if (!head?.registry) return { state: "ready", bots: [] };
  const parsed = RegistrySchema.safeParse(head.registry);
  if (!parsed.success) return { state: "unreadable", reason: `the snapshot's registry is unreadable: ${describeIssues(parsed.error)}` };
  const registry: Registry = parsed.data;
  const declared = registry.agents.filter((a) => a.botConfig);
  if (declared.length === 0) return { state: "ready", bots: [] };
  const factsOf = new Map((bots ?? []).map((b) => [b.agent, b]));
  const userIds = [...new Set(declared.flatMap((a) => [a.matrixUserId, factsOf.get(a.name)?.userId].filter((u) => u !== undefined)))];
  const ids = JSON.stringify(userIds);
  const [m] = await db.$queryRaw<{ view: unknown; users: unknown; devices: unknown }[]>`
    SELECT data->'matrix'->>'view' AS view,
      (SELECT coalesce(jsonb_agg(u), '[]'::jsonb) FROM jsonb_array_elements(coalesce(data->'matrix'->'users', '[]'::jsonb)) u
        WHERE u->>'userId' IN (SELECT jsonb_array_elements_text(${ids}::jsonb))) AS users,
      (SELECT coalesce(jsonb_agg(d), '[]'::jsonb) FROM jsonb_array_elements(coalesce(data->'matrix'->'devices', '[]'::jsonb)) d
        WHERE d->>'userId' IN (SELECT jsonb_array_elements_text(${ids}::jsonb))) AS devices
    FROM "Snapshot" WHERE id = ${snapshotId}`;
  const matrixRows = Matrix.safeParse(m);
  if (!matrixRows.success)
    return { state: "unreadable", reason: `the snapshot's Matrix inventory is unreadable: ${describeIssues(matrixRows.error)}` };
  const { view, users, devices } = matrixRows.data;
  // Only what the HS-BOT-* checks read of the Matrix part: the view and the bots' users and devices.
  const matrix: MatrixSnapshot | undefined = view
    ? { homeserver: { baseUrl: "", serverName: "" }, view, auditor: { userId: "" }, rooms: [], users, devices }
    : undefined;
  const ctx = {
    snapshot: { takenAt: now.toISOString(), ...(bots ? { bots } : {}), ...(matrix ? { matrix } : {}), errors: [] },
    policy,
    registry,
    now,
  };
  const results = botChecks.map((c) => ({ meta: c.meta, results: c.run(ctx) }));
  return {
    state: "ready",
    bots: declared.map((a) => ({
      agent: a.name,
      file: a.botConfig ?? "",
      ...(factsOf.get(a.name) ? { facts: factsOf.get(a.name) } : {}),
      verdicts: results.flatMap(({ meta, results: rs }) =>
        rs.filter((r) => r.subject.id === a.name).map((r) => ({ meta, status: r.status, detail: r.detail })),
      ),
    })),
  };
}
