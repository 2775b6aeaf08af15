/**
 * The homeserver collector: picks the admin or member view from what the
 * auditor's token may do, gathers rooms, users, devices and keys, and returns a
 * snapshot part plus the list of everything it could not read.
 */
import type { DeviceFacts, MatrixSnapshot, RoomFacts, UserFacts } from "../../snapshot/types";
import { collectRecentActivity } from "./collect-activity";
import { collectAdminDevices, collectAdminRooms, collectAdminUsers } from "./collect-admin-inventory";
import { applyTrust, collectAuditorBackup, queryKeys } from "./collect-keys";
import { collectMemberRooms } from "./collect-member-inventory";
import { createHomeserverClient, MatrixApiError, seg } from "../../homeserver/client";
import { recordError } from "./scan-errors";
import { AdminFlagSchema, WhoamiSchema } from "./schemas";
import { z } from "zod";
import type { MatrixCollectorConfig, MatrixSource, ScanContext } from "./source";

type BaseUser = Omit<UserFacts, "crossSigning" | "verifiedByAuditor">;
const byId =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Server admin? 403 (or an Admin API that is not exposed) means the member view. */
async function detectAdmin(ctx: ScanContext, userId: string): Promise<boolean> {
  try {
    return (await ctx.http.get("admin.whoami_admin", `/_synapse/admin/v1/users/${seg(userId)}/admin`, AdminFlagSchema)).admin;
  } catch (e) {
    if (e instanceof MatrixApiError && (e.kind === "forbidden" || e.kind === "not-found")) return false;
    if (e instanceof MatrixApiError && e.kind === "unknown-token") throw e;
    recordError(ctx, "admin detection", e);
    return false;
  }
}

/**
 * Create a MatrixSource reading `baseUrl` with the auditor's token.
 * `collect()` throws only when nothing can be read at all (dead token, unreachable server);
 * every narrower failure becomes a CollectError and the snapshot is marked partial by its caller.
 */
export function createMatrixCollector(cfg: MatrixCollectorConfig): MatrixSource {
  return {
    async collect(opts = {}) {
      const { baseUrl, accessToken, fetch, retries, backoffMs, timeoutMs, signal } = cfg;
      const http = createHomeserverClient({ baseUrl, accessToken, fetch, retries, backoffMs, timeoutMs, signal });
      const ctx: ScanContext = { http, errors: [], concurrency: cfg.concurrency ?? 12 };
      const who = await http.get("cs.whoami", "/_matrix/client/v3/account/whoami", WhoamiSchema);
      const auditorId = who.user_id;
      const serverName = auditorId.slice(auditorId.indexOf(":") + 1);
      const agentIds = new Set((opts.registry?.agents ?? []).flatMap((a) => (a.matrixUserId ? [a.matrixUserId] : [])));
      // Raw state is evidence for rooms the checks will judge; elsewhere it would only bloat the snapshot.
      const keepState = (members: string[]) => cfg.policy.matrix.roomScope === "all" || members.some((m) => agentIds.has(m));

      const admin = await detectAdmin(ctx, auditorId);
      let version: string | undefined;
      let rooms: RoomFacts[];
      let baseUsers: BaseUser[];
      let listedDevices: Omit<DeviceFacts, "trust">[] | undefined;
      if (admin) {
        version = await http
          .get("admin.server_version", "/_synapse/admin/v1/server_version", z.looseObject({ server_version: z.string() }))
          .then(
            (v) => v.server_version,
            (e) => void recordError(ctx, "server version", e, { admin: true }),
          );
        rooms = await collectAdminRooms(ctx, keepState);
        baseUsers = await collectAdminUsers(ctx);
        const active = baseUsers.filter((u) => !u.deactivated).map((u) => u.userId);
        listedDevices = (await collectAdminDevices(ctx, active)).devices;
      } else {
        rooms = await collectMemberRooms(ctx, keepState);
        baseUsers = [...new Set(rooms.flatMap((r) => r.members))].map((userId) => ({ userId }));
      }
      // Agents and the auditor are always in scope, even when no room or list mentions them.
      const known = new Set(baseUsers.map((u) => u.userId));
      for (const id of [auditorId, ...agentIds]) if (!known.has(id)) baseUsers.push({ userId: id });

      const userIds = [auditorId, ...baseUsers.map((u) => u.userId).filter((u) => u !== auditorId)];
      const { resp, failed } = await queryKeys(ctx, userIds, cfg.keysBatchSize ?? 100);
      const answered = userIds.filter((u) => !failed.has(u));
      const { trust, devices, auditor } = applyTrust(resp, auditorId, answered, listedDevices);
      const users: UserFacts[] = baseUsers.flatMap((u) => {
        const t = trust.get(u.userId);
        return t ? [{ ...u, ...t }] : [];
      });
      const auditorFacts = users.find((u) => u.userId === auditorId);
      if (auditorFacts && !ctx.fatal) {
        const backup = await collectAuditorBackup(ctx, auditorId, auditor.masterKey, devices);
        if (backup !== undefined) auditorFacts.backup = backup;
      }

      if (agentIds.size >= 2 && !ctx.fatal) await collectRecentActivity(ctx, rooms, agentIds, admin && !ctx.adminLost);

      const matrix: MatrixSnapshot = {
        homeserver: { baseUrl: cfg.baseUrl, serverName, ...(version ? { version } : {}) },
        view: admin ? "admin" : "member",
        auditor: { userId: auditorId, ...auditor },
        rooms: rooms.sort(byId((r) => r.roomId)),
        users: users.sort(byId((u) => u.userId)),
        devices: devices.sort(byId((d) => `${d.userId}|${d.deviceId}`)),
      };
      return { matrix, errors: ctx.errors, stats: http.stats };
    },
  };
}
