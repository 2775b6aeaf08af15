/**
 * Builds the agent rooms from the plan: state set at creation through
 * initial_state (so no window without it), invites, joins, and traffic.
 */
import { Preset, Visibility, type MatrixClient } from "matrix-js-sdk";
import { waitFor } from "./http";
import { LOOP_MESSAGES, type RoomPlan } from "./plan";

function initialState(p: RoomPlan) {
  const ev = (type: string, content: Record<string, unknown>) => ({ type, state_key: "", content });
  const state = [
    // Presets set guest_access can_join for private rooms; healthy rooms must say forbidden.
    ev("m.room.guest_access", { guest_access: p.guestAccess ?? "forbidden" }),
    ev("m.room.history_visibility", { history_visibility: p.history ?? "shared" }),
    ev("m.room.join_rules", { join_rule: p.joinRule ?? "invite" }),
  ];
  if (p.encryption) state.push(ev("m.room.encryption", { ...p.encryption }));
  return state;
}

/**
 * Create the room as members[0] (a client of ours), invite the rest, have each join. Members
 * without a client here (the Python agents) join on their own when their sync shows the invite.
 */
export async function buildRoom(p: RoomPlan, clients: Map<string, MatrixClient>, userIds: Record<string, string>): Promise<string> {
  const byName = (n: string) => {
    const c = clients.get(n);
    if (!c) throw new Error(`no client for ${n}`);
    return c;
  };
  const userIdOf = (n: string) => clients.get(n)?.getUserId() ?? userIds[n] ?? `unknown member ${n}`;
  const [creatorName, ...others] = p.members;
  const creator = byName(creatorName!);
  const { room_id } = await creator.createRoom({
    name: p.name,
    visibility: Visibility.Private, // not in the directory; join rule decides who may join
    preset: p.joinRule === "public" ? Preset.PublicChat : Preset.PrivateChat,
    invite: others.map(userIdOf),
    initial_state: initialState(p),
  });
  await Promise.all(others.filter((n) => clients.has(n)).map((n) => byName(n).joinRoom(room_id)));
  // Every member's client must see every join (ours and the Python agents') before anyone
  // encrypts, or the megolm session would be shared with too few devices.
  for (const n of p.members.filter((m) => clients.has(m))) {
    await waitFor(`${n} to see all joins in ${p.key}`, () => {
      const room = byName(n).getRoom(room_id);
      return room && room.getJoinedMemberCount() === p.members.length;
    });
  }
  return room_id;
}

async function send(client: MatrixClient, roomId: string, text: string, encrypted: boolean) {
  if (encrypted && !(await client.getCrypto()!.isEncryptionEnabledInRoom(roomId))) {
    throw new Error(`${client.getUserId()} does not see encryption in ${roomId}; refusing to send plaintext`);
  }
  await client.sendTextMessage(roomId, text);
}

/** A few ordinary messages, or the fast two-agent alternation that a feedback loop looks like. */
export async function roomTraffic(p: RoomPlan, roomId: string, clients: Map<string, MatrixClient>) {
  const encrypted = p.encryption !== null;
  if (p.traffic === "chat") {
    for (const n of p.members.slice(0, 2)) {
      await send(clients.get(n)!, roomId, `${n}: status ok`, encrypted);
    }
  } else if (p.traffic === "loop") {
    const [a, b] = [clients.get(p.members[0]!)!, clients.get(p.members[1]!)!];
    for (let i = 0; i < LOOP_MESSAGES; i++) {
      await send(i % 2 ? b : a, roomId, `reply #${i}`, encrypted);
    }
  }
}
