import { describe, expect, it } from "vitest";
import { auditorKeys, evaluateUserTrust, type KeysQueryResponse } from "../collect/matrix/trust";
import { crossSigningKeys, keysQueryResponse, newIdentity, signMasterWithUsk } from "../collect/matrix/__fixtures__/keys";
import type { AgentDecl } from "../registry/types";
import type { RoomFacts, UserFacts } from "../snapshot/types";
import { agentOfUser, identityHistory, sortUserDevices, userIdentity, userRooms, type UserSighting } from "./user-view";

// Real ed25519 identities judged by the scan's own trust code, as on the device page: the user page reads what it wrote.
const AUDITOR = "@auditor:hs";
const auditor = newIdentity(AUDITOR);
const alice = newIdentity("@alice:hs");
const carol = newIdentity("@carol:hs");
const aud = crossSigningKeys(auditor);
const ali = crossSigningKeys(alice);
const car = crossSigningKeys(carol);
const resp: KeysQueryResponse = keysQueryResponse({
  devices: [],
  master: { [AUDITOR]: aud.master, "@alice:hs": signMasterWithUsk(ali.master, auditor), "@carol:hs": car.master },
  selfSigning: { [AUDITOR]: aud.selfSigning, "@alice:hs": ali.selfSigning, "@carol:hs": car.selfSigning },
  userSigning: { [AUDITOR]: aud.userSigning, "@alice:hs": ali.userSigning },
});
const audit = { userId: AUDITOR, ...auditorKeys(resp, AUDITOR) };
const judged = (userId: string): UserFacts => ({ userId, ...evaluateUserTrust(resp, userId, AUDITOR, audit) });

describe("userIdentity", () => {
  it("a cross-signed user the auditor verified: three keys grouped in fours, both signatures valid", () => {
    const id = userIdentity(judged("@alice:hs"), audit);
    expect(id.state).toBe("present");
    expect(id.verifiedByAuditor).toBe(true);
    expect(id.keys.map((k) => k.role)).toEqual(["master", "self-signing", "user-signing"]);
    const master = id.keys[0];
    expect(master?.value).toBe(judged("@alice:hs").crossSigning.masterKey);
    expect(master?.grouped.replace(/ /g, "")).toBe(master?.value);
    expect(master?.grouped.split(" ").every((g) => g.length <= 4)).toBe(true);
    expect(id.signatures.map((s) => [s.id, s.verdict])).toEqual([
      ["cross-signing", "valid"],
      ["auditor", "valid"],
    ]);
  });

  it("cross-signed but not verified: the auditor's signature is missing, and the user-signing key it has none of is not listed", () => {
    const id = userIdentity(judged("@carol:hs"), audit);
    expect(id.keys.map((k) => k.role)).toEqual(["master", "self-signing"]);
    expect(id.signatures.find((s) => s.id === "auditor")).toMatchObject({ verdict: "missing" });
  });

  it("no cross-signing: no keys, both signatures missing; the auditor without a user-signing key makes it unknown, never a pass", () => {
    const none: UserFacts = { userId: "@bob:hs", crossSigning: { state: "absent" }, verifiedByAuditor: false };
    const id = userIdentity(none, audit);
    expect(id.keys).toEqual([]);
    expect(id.signatures.map((s) => s.verdict)).toEqual(["missing", "missing"]);
    const noUsk = userIdentity(judged("@carol:hs"), { userId: AUDITOR });
    expect(noUsk.signatures.find((s) => s.id === "auditor")).toMatchObject({ verdict: "unknown" });
    expect(noUsk.signatures.find((s) => s.id === "auditor")?.detail).toContain("not checked");
  });

  it("a self-signing key the master key did not sign reads missing, a signature that does not verify invalid, with the reason", () => {
    const bad: UserFacts = {
      userId: "@eve:hs",
      crossSigning: { state: "bad-signature", masterKey: "M", problem: "self_signing key is not signed by the master key" },
      verifiedByAuditor: false,
    };
    expect(userIdentity(bad, audit).signatures[0]).toMatchObject({
      verdict: "missing",
      detail: "self_signing key is not signed by the master key",
    });
    const forged = { ...bad, crossSigning: { ...bad.crossSigning, problem: "master key signature on self_signing key does not verify" } };
    expect(userIdentity(forged, audit).signatures[0]).toMatchObject({ verdict: "invalid" });
  });
});

describe("devices, agent and rooms of a user", () => {
  const dev = (deviceId: string, trust: string, agentName: string | null = null) => ({
    deviceId,
    displayName: null,
    trust,
    agentName,
    expected: false,
  });

  it("devices: worst verification first, then by id; a state it does not know comes before all", () => {
    const sorted = sortUserDevices([dev("B", "verified-by-owner"), dev("A", "verified-by-owner"), dev("C", "unsigned"), dev("Z", "weird")]);
    expect(sorted.map((d) => d.deviceId)).toEqual(["Z", "C", "A", "B"]);
  });

  it("agent: the registry's declaration wins over a device's match; none when neither names one", () => {
    const agents: AgentDecl[] = [{ name: "alpha", matrixUserId: "@a:hs", deviceIds: [], siblings: [] }];
    expect(agentOfUser("@a:hs", agents, [dev("D", "unsigned", "other")])).toBe("alpha");
    expect(agentOfUser("@b:hs", agents, [dev("D", "unsigned", "beta")])).toBe("beta");
    expect(agentOfUser("@c:hs", agents, [dev("D", "unsigned")])).toBeNull();
  });

  it("rooms: only those it joined, plaintext first, bounded with the full count", () => {
    const room = (roomId: string, members: string[], encrypted: boolean, name?: string): RoomFacts => ({
      roomId,
      members,
      encryption: encrypted ? { algorithm: "m.megolm.v1.aes-sha2" } : null,
      ...(name ? { name } : {}),
    });
    const rooms = [room("!1:hs", ["@a:hs"], true, "b-room"), room("!2:hs", ["@a:hs", "@b:hs"], false), room("!3:hs", ["@b:hs"], false)];
    const all = userRooms("@a:hs", rooms);
    expect(all.total).toBe(2);
    expect(all.shown).toEqual([
      { roomId: "!2:hs", name: null, encrypted: false, members: 2 },
      { roomId: "!1:hs", name: "b-room", encrypted: true, members: 1 },
    ]);
    expect(userRooms("@a:hs", rooms, 1)).toEqual({ total: 2, shown: [all.shown[0]] });
    expect(userRooms("@nobody:hs", rooms)).toEqual({ total: 0, shown: [] });
  });
});

describe("identityHistory", () => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, n));
  const user = (masterKey: string | undefined, verified = false): UserFacts => ({
    userId: "@a:hs",
    crossSigning: masterKey ? { state: "present", masterKey } : { state: "absent" },
    verifiedByAuditor: verified,
  });
  const s = (n: number, u: UserFacts | null, status: "complete" | "partial" = "complete"): UserSighting => ({
    snapshotId: `s${n}`,
    takenAt: at(n),
    status,
    user: u,
  });

  it("a master key replaced between scans is recorded, newest first, with the number of master keys seen", () => {
    const h = identityHistory([s(3, user("KEYTWO", false)), s(1, user("KEYONE", true)), s(2, user("KEYONE", true))]);
    expect(h.events.map((e) => e.kind)).toEqual(["master-key-changed", "auditor-changed", "first-seen"]);
    expect(h.events[0]?.snapshotId).toBe("s3");
    expect(h.events[0]?.text).toContain("KEYO");
    expect(h.events[1]?.text).toBe("no longer verified by the auditor");
    expect(h).toMatchObject({ firstSeen: at(1), lastSeen: at(3), seenIn: 3, scansRead: 3, masterKeys: 2 });
  });

  it("cross-signing set up later is a state change and a new key; no change, no events beyond first seen", () => {
    const h = identityHistory([s(1, user(undefined)), s(2, user("K"))]);
    expect(h.events.map((e) => e.kind).sort()).toEqual(["cross-signing-changed", "first-seen", "master-key-changed"]);
    expect(identityHistory([s(1, user("K")), s(2, user("K"))]).events.map((e) => e.kind)).toEqual(["first-seen"]);
  });

  it("a partial scan's silence is not 'gone'; a complete scan's is, and a later sighting is 'back'", () => {
    expect(identityHistory([s(1, user("K")), s(2, null, "partial"), s(3, user("K"))]).events.map((e) => e.kind)).toEqual(["first-seen"]);
    const h = identityHistory([s(1, user("K")), s(2, null), s(3, user("K"))]);
    expect(h.events.map((e) => e.kind)).toEqual(["back", "gone", "first-seen"]);
    expect(h.seenIn).toBe(2);
  });

  it("never seen: no dates, no events, and the scans read still counted", () => {
    expect(identityHistory([s(1, null)])).toEqual({ firstSeen: null, lastSeen: null, seenIn: 0, scansRead: 1, masterKeys: 0, events: [] });
  });
});
