/**
 * Room facts from raw state events. State, when we have it, is the authority;
 * the admin room list (room_stats_state) fills in what state does not say.
 */
import type { RoomEncryption, RoomFacts } from "../../snapshot/types";
import type { AdminRoom } from "./schemas";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export interface StateFacts {
  encryption: RoomEncryption | null;
  name?: string;
  canonicalAlias?: string;
  creator?: string;
  joinRule?: string;
  historyVisibility?: string;
  guestAccess?: string;
  federatable?: boolean;
  members: string[];
  /** State events that were not even shaped like events (hostile or broken server). */
  malformed: number;
}

/**
 * Reduce current state events to facts. A `m.room.encryption` event whose content is
 * broken still counts as encryption (it cannot be removed) but with algorithm "" so
 * MX-ROOM-ALGORITHM flags it instead of the room silently looking fine.
 */
export function factsFromState(events: readonly unknown[]): StateFacts {
  const facts: StateFacts = { encryption: null, members: [], malformed: 0 };
  for (const ev of events) {
    if (!isRecord(ev) || typeof ev.type !== "string" || typeof ev.state_key !== "string") {
      facts.malformed++;
      continue;
    }
    const c = isRecord(ev.content) ? ev.content : {};
    if (ev.state_key === "" || ev.type === "m.room.member") {
      switch (ev.type) {
        case "m.room.encryption": {
          const rotationPeriodMs = int(c.rotation_period_ms);
          const rotationPeriodMsgs = int(c.rotation_period_msgs);
          facts.encryption = {
            algorithm: str(c.algorithm) ?? "",
            ...(rotationPeriodMs !== undefined ? { rotationPeriodMs } : {}),
            ...(rotationPeriodMsgs !== undefined ? { rotationPeriodMsgs } : {}),
          };
          break;
        }
        case "m.room.name":
          facts.name = str(c.name);
          break;
        case "m.room.canonical_alias":
          facts.canonicalAlias = str(c.alias);
          break;
        case "m.room.create":
          // v11 rooms drop content.creator; the sender is the creator.
          facts.creator = str(c.creator) ?? str(ev.sender);
          facts.federatable = c["m.federate"] !== false;
          break;
        case "m.room.join_rules":
          facts.joinRule = str(c.join_rule);
          break;
        case "m.room.history_visibility":
          facts.historyVisibility = str(c.history_visibility);
          break;
        case "m.room.guest_access":
          facts.guestAccess = str(c.guest_access);
          break;
        case "m.room.member":
          if (c.membership === "join") facts.members.push(ev.state_key);
          break;
      }
    }
  }
  facts.members.sort();
  return facts;
}

const nn = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** Room facts from the admin list alone (used when state was not fetched or failed). */
export function factsFromAdminRoom(r: AdminRoom): RoomFacts {
  return dropUndefined({
    roomId: r.room_id,
    name: nn(r.name),
    canonicalAlias: nn(r.canonical_alias),
    creator: nn(r.creator),
    encryption: r.encryption ? { algorithm: r.encryption } : null,
    joinRule: nn(r.join_rules),
    historyVisibility: nn(r.history_visibility),
    guestAccess: nn(r.guest_access),
    federatable: nn(r.federatable),
    members: [],
  });
}

/** Merge: state facts win; list facts fill gaps. */
export function mergeRoomFacts(base: RoomFacts, s: StateFacts, state?: unknown[]): RoomFacts {
  return dropUndefined({
    ...base,
    name: s.name ?? base.name,
    canonicalAlias: s.canonicalAlias ?? base.canonicalAlias,
    creator: s.creator ?? base.creator,
    // Fetched state is the authority; a stale list claiming encryption must not hide a plaintext room.
    encryption: s.encryption,
    joinRule: s.joinRule ?? base.joinRule,
    historyVisibility: s.historyVisibility ?? base.historyVisibility,
    guestAccess: s.guestAccess ?? base.guestAccess,
    federatable: s.federatable ?? base.federatable,
    members: s.members,
    ...(state ? { state } : {}),
  });
}

/** Snapshots are stored as JSON; keep them free of `undefined` keys so diffs stay clean. */
export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
