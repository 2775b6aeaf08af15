/**
 * Full inventory through the Synapse Admin API. Request budget at R rooms and
 * U users: ceil(R/500) list pages + one state read per non-empty room (members
 * are derived from that same state, so no separate /members call) + ceil(U/500)
 * user pages + one device list per active user.
 */
import type { z } from "zod";
import type { DeviceFacts, RoomFacts, UserFacts } from "../../snapshot/types";
import { seg } from "../../homeserver/client";
import { forEachBounded } from "./for-each-bounded";
import { dropUndefined, factsFromAdminRoom, factsFromState, mergeRoomFacts } from "./room-state";
import { recordError, stopped } from "./scan-errors";
import {
  AdminDeviceSchema,
  AdminDevicesSchema,
  AdminRoomPageSchema,
  AdminRoomSchema,
  AdminStateSchema,
  AdminUserPageSchema,
  AdminUserSchema,
  type AdminRoom,
} from "./schemas";
import type { ScanContext } from "./source";

const PAGE = 500;

/**
 * Page through `/_synapse/admin/v1/rooms`. Ordered by creator then room id (both immutable),
 * so pages stay stable while the scan runs; offsets can still shift if rooms are created
 * meanwhile, hence the de-duplication by room id.
 */
export async function listAdminRooms(ctx: ScanContext, from: number | string = 0): Promise<AdminRoom[]> {
  const rooms = new Map<string, AdminRoom>();
  let next: number | string | null | undefined = from;
  while (next !== undefined && next !== null && !stopped(ctx, true)) {
    const at: number | string = next;
    try {
      const page: z.infer<typeof AdminRoomPageSchema> = await ctx.http.get(
        "admin.rooms",
        `/_synapse/admin/v1/rooms?limit=${PAGE}&order_by=creator&dir=f&from=${encodeURIComponent(String(at))}`,
        AdminRoomPageSchema,
      );
      page.rooms.forEach((raw, i) => {
        const r = AdminRoomSchema.safeParse(raw);
        if (r.success) rooms.set(r.data.room_id, r.data);
        else {
          const id =
            typeof (raw as { room_id?: unknown })?.room_id === "string"
              ? (raw as { room_id: string }).room_id
              : `#${Number(at) + i} in the room list`;
          ctx.errors.push({
            source: "matrix",
            scope: `room ${id}`,
            message: `malformed room list entry: ${r.error.issues[0]?.message ?? "invalid"}`,
          });
        }
      });
      // A server that echoes the same offset would loop forever.
      next = page.next_batch != null && String(page.next_batch) !== String(at) && page.rooms.length > 0 ? page.next_batch : undefined;
    } catch (e) {
      recordError(ctx, `room list from offset ${String(at)} (resume with from=${String(at)})`, e, { admin: true });
      break;
    }
  }
  return [...rooms.values()];
}

/**
 * Room facts: list facts for every room, plus state (rotation settings, members, evidence)
 * for every room with joined members. `keepState(room)` decides whose raw state is stored.
 */
export async function collectAdminRooms(ctx: ScanContext, keepState: (members: string[]) => boolean): Promise<RoomFacts[]> {
  const listed = await listAdminRooms(ctx);
  const facts = new Map<string, RoomFacts>(listed.map((r) => [r.room_id, factsFromAdminRoom(r)]));
  // An empty room has nobody to leak to and its list facts are enough for every check.
  const needState = listed.filter((r) => r.joined_members > 0);
  await forEachBounded(
    needState,
    ctx.concurrency,
    async (r) => {
      if (stopped(ctx, true)) return void facts.delete(r.room_id); // members unknown: leave it out, the error says why
      const res = await ctx.http.get("admin.room.state", `/_synapse/admin/v1/rooms/${seg(r.room_id)}/state`, AdminStateSchema);
      const s = factsFromState(res.state);
      if (s.malformed)
        ctx.errors.push({ source: "matrix", scope: `room ${r.room_id} state`, message: `${s.malformed} malformed state events ignored` });
      const base = facts.get(r.room_id);
      if (base) facts.set(r.room_id, mergeRoomFacts(base, s, keepState(s.members) ? res.state : undefined));
    },
    (r, e) => {
      recordError(ctx, `room ${r.room_id} state`, e, { admin: true });
      // Members unknown: keep list facts but do not pretend the room is empty.
      facts.delete(r.room_id);
    },
  );
  return [...facts.values()];
}

/** Every local account, guests and deactivated ones included, from `/_synapse/admin/v2/users`. */
export async function collectAdminUsers(ctx: ScanContext): Promise<Omit<UserFacts, "crossSigning" | "verifiedByAuditor">[]> {
  const users = new Map<string, Omit<UserFacts, "crossSigning" | "verifiedByAuditor">>();
  let next: string | number | null | undefined = "0";
  while (next !== undefined && next !== null && !stopped(ctx, true)) {
    const at: string | number = next;
    try {
      const page: z.infer<typeof AdminUserPageSchema> = await ctx.http.get(
        "admin.users",
        `/_synapse/admin/v2/users?limit=${PAGE}&from=${encodeURIComponent(String(at))}&guests=true&deactivated=true&order_by=name`,
        AdminUserPageSchema,
      );
      for (const raw of page.users) {
        const u = AdminUserSchema.safeParse(raw);
        if (!u.success) {
          ctx.errors.push({
            source: "matrix",
            scope: `user list from ${String(at)}`,
            message: `malformed user entry: ${u.error.issues[0]?.message ?? "invalid"}`,
          });
          continue;
        }
        users.set(
          u.data.name,
          dropUndefined({
            userId: u.data.name,
            displayName: u.data.displayname ?? undefined,
            admin: Boolean(u.data.admin),
            deactivated: Boolean(u.data.deactivated),
          }),
        );
      }
      next = page.next_token != null && String(page.next_token) !== String(at) && page.users.length > 0 ? page.next_token : undefined;
    } catch (e) {
      recordError(ctx, `user list from ${String(at)}`, e, { admin: true });
      break;
    }
  }
  return [...users.values()];
}

/** Device inventory (with last-seen metadata) of each user; trust is filled in later from /keys/query. */
export async function collectAdminDevices(
  ctx: ScanContext,
  userIds: string[],
): Promise<{ devices: Omit<DeviceFacts, "trust">[]; failedUsers: Set<string> }> {
  const devices: Omit<DeviceFacts, "trust">[] = [];
  const failedUsers = new Set<string>();
  await forEachBounded(
    userIds,
    ctx.concurrency,
    async (userId) => {
      if (stopped(ctx, true)) return void failedUsers.add(userId);
      const res = await ctx.http.get("admin.user.devices", `/_synapse/admin/v2/users/${seg(userId)}/devices`, AdminDevicesSchema);
      for (const raw of res.devices) {
        const d = AdminDeviceSchema.safeParse(raw);
        if (!d.success) {
          ctx.errors.push({
            source: "matrix",
            scope: `devices of ${userId}`,
            message: `malformed device entry: ${d.error.issues[0]?.message ?? "invalid"}`,
          });
          continue;
        }
        devices.push(
          dropUndefined({
            userId,
            deviceId: d.data.device_id,
            displayName: d.data.display_name ?? undefined,
            lastSeenTs: d.data.last_seen_ts ?? undefined,
            lastSeenIp: d.data.last_seen_ip ?? undefined,
            lastSeenUserAgent: d.data.last_seen_user_agent ?? undefined,
          }),
        );
      }
    },
    (userId, e) => {
      failedUsers.add(userId);
      recordError(ctx, `devices of ${userId}`, e, { admin: true });
    },
  );
  return { devices, failedUsers };
}
