import { describe, expect, it } from "vitest";
import { auditorKeys, evaluateDeviceTrust, evaluateUserTrust, type KeysQueryResponse } from "../collect/matrix/trust";
import {
  crossSigningKeys,
  deviceKey,
  keysQueryResponse,
  newIdentity,
  signMasterWithUsk,
  tamperSignature,
} from "../collect/matrix/__fixtures__/keys";
import type { DeviceFacts, UserFacts } from "../snapshot/types";
import { deviceHistory, deviceKeys, deviceSignatures, groupFingerprint, type DeviceSighting } from "./device-view";

// Real ed25519 keys and signatures, judged by the scan's own trust code: the verdicts below read what it wrote.
const AUDITOR = "@auditor:hs";
const auditor = newIdentity(AUDITOR);
const alice = newIdentity("@alice:hs");
const bob = newIdentity("@bob:hs"); // no cross-signing at all
const aud = crossSigningKeys(auditor);
const ali = crossSigningKeys(alice);
const base = keysQueryResponse({
  devices: [deviceKey(alice, "GOOD", true), deviceKey(alice, "LONE", false), deviceKey(bob, "BOBDEV", false)],
  master: { [AUDITOR]: aud.master, "@alice:hs": signMasterWithUsk(ali.master, auditor) },
  selfSigning: { [AUDITOR]: aud.selfSigning, "@alice:hs": ali.selfSigning },
  userSigning: { [AUDITOR]: aud.userSigning },
});
const audit = { userId: AUDITOR, ...auditorKeys(base, AUDITOR) };

/** The facts a scan would store for one device of `userId` in `resp`, and its owner's. */
function judged(resp: KeysQueryResponse, userId: string, deviceId: string, auditorKeysUsed = audit): [DeviceFacts, UserFacts] {
  const t = evaluateUserTrust(resp, userId, AUDITOR, auditorKeysUsed);
  const owner: UserFacts = { userId, ...t };
  return [{ userId, deviceId, ...evaluateDeviceTrust(resp, userId, deviceId, t) }, owner];
}
const verdicts = (resp: KeysQueryResponse, userId: string, deviceId: string, auditorKeysUsed = audit) => {
  const [d, o] = judged(resp, userId, deviceId, auditorKeysUsed);
  return deviceSignatures(d, o, auditorKeysUsed).map((s) => s.verdict);
};
const withDevice = (userId: string, deviceId: string, obj: Record<string, unknown>): KeysQueryResponse => ({
  ...base,
  device_keys: { ...base.device_keys, [userId]: { ...base.device_keys?.[userId], [deviceId]: obj } },
});
const good = base.device_keys?.["@alice:hs"]?.GOOD ?? {};

describe("deviceSignatures", () => {
  it("a cross-signed device of an auditor-verified owner: every link valid", () => {
    expect(verdicts(base, "@alice:hs", "GOOD")).toEqual(["valid", "valid", "valid", "valid"]);
  });

  it("a device its owner never signed: the self-signing link is missing, the rest stand", () => {
    expect(verdicts(base, "@alice:hs", "LONE")).toEqual(["valid", "missing", "valid", "valid"]);
  });

  it("an owner without cross-signing (a nio bot): nothing to sign with, nothing for the auditor to sign", () => {
    const [d, o] = judged(base, "@bob:hs", "BOBDEV");
    const rows = deviceSignatures(d, o, audit);
    expect(rows.map((r) => r.verdict)).toEqual(["valid", "missing", "missing", "missing"]);
    expect(rows[1]?.detail).toBe("owner has no self-signing key");
  });

  it("tampered signatures read as invalid, on the link that was tampered", () => {
    const selfTampered = withDevice("@alice:hs", "GOOD", tamperSignature(good, "@alice:hs", "ed25519:GOOD"));
    expect(verdicts(selfTampered, "@alice:hs", "GOOD")).toEqual(["invalid", "unknown", "valid", "valid"]);
    const sskTampered = withDevice("@alice:hs", "GOOD", tamperSignature(good, "@alice:hs", `ed25519:${alice.ssk.pub}`));
    expect(verdicts(sskTampered, "@alice:hs", "GOOD")).toEqual(["valid", "invalid", "valid", "valid"]);
    const chainTampered: KeysQueryResponse = {
      ...base,
      self_signing_keys: {
        ...base.self_signing_keys,
        "@alice:hs": tamperSignature(ali.selfSigning, "@alice:hs", `ed25519:${alice.master.pub}`),
      },
    };
    // The device's signature by the self-signing key verifies; the key itself is not trusted.
    expect(verdicts(chainTampered, "@alice:hs", "GOOD")).toEqual(["valid", "valid", "invalid", "valid"]);
    const auditorTampered: KeysQueryResponse = {
      ...base,
      master_keys: {
        ...base.master_keys,
        "@alice:hs": tamperSignature(signMasterWithUsk(ali.master, auditor), AUDITOR, `ed25519:${auditor.usk.pub}`),
      },
    };
    expect(verdicts(auditorTampered, "@alice:hs", "GOOD")).toEqual(["valid", "valid", "valid", "invalid"]);
  });

  it("no keys uploaded: the self-signature is missing and nothing above it could be checked", () => {
    expect(verdicts(base, "@alice:hs", "NEVER")).toEqual(["missing", "unknown", "valid", "valid"]);
  });

  it("what could not be read is unknown with the reason, never valid", () => {
    const [d] = judged(base, "@alice:hs", "GOOD");
    const rows = deviceSignatures(d, null, audit);
    expect(rows.slice(2).map((r) => [r.verdict, r.detail])).toEqual([
      ["unknown", "the owner's cross-signing keys were not read in this scan"],
      ["unknown", "the owner's keys were not read in this scan"],
    ]);
    // Without a trusted user-signing key of its own, the auditor could not have signed anyone.
    expect(verdicts(base, "@alice:hs", "LONE", { userId: AUDITOR, masterKey: auditor.master.pub })[3]).toBe("unknown");
  });
});

describe("deviceKeys", () => {
  it("lists both keys with the fingerprint grouped in fours", () => {
    const [d] = judged(base, "@alice:hs", "GOOD");
    const keys = deviceKeys(d);
    expect(keys.map((k) => k.algorithm)).toEqual(["ed25519", "curve25519"]);
    expect(keys[0]?.grouped.replaceAll(" ", "")).toBe(d.keys?.ed25519);
    expect(groupFingerprint("abcdefghij")).toBe("abcd efgh ij");
    expect(deviceKeys({ userId: "@x:hs", deviceId: "X", trust: "no-keys" })).toEqual([]);
  });
});

describe("deviceHistory", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
  const dev = (over: Partial<DeviceFacts> = {}): DeviceFacts => ({
    userId: "@a:hs",
    deviceId: "D",
    trust: "unsigned",
    keys: { ed25519: "ED1", curve25519: "CU1" },
    ...over,
  });
  const owner = (verifiedByAuditor: boolean, masterKey = "M1"): UserFacts => ({
    userId: "@a:hs",
    crossSigning: { state: "present", masterKey },
    verifiedByAuditor,
  });
  const seen = (
    m: number,
    device: DeviceFacts | null,
    o: UserFacts | null,
    status: "complete" | "partial" = "complete",
  ): DeviceSighting => ({
    snapshotId: `s${m}`,
    takenAt: at(m),
    status,
    device,
    owner: o,
  });

  it("records first seen, key, trust, identity and auditor changes, newest first", () => {
    const h = deviceHistory([
      seen(4, dev({ trust: "verified-by-owner", keys: { ed25519: "ED2", curve25519: "CU1" } }), owner(true, "M2")),
      seen(1, dev(), owner(false)),
      seen(2, dev(), owner(false)),
      seen(3, dev({ trust: "verified-by-owner" }), owner(true)),
    ]);
    expect(h).toMatchObject({ firstSeen: at(1), lastSeen: at(4), seenIn: 4, scansRead: 4 });
    expect(h.events.map((e) => [e.snapshotId, e.kind])).toEqual([
      ["s4", "keys-changed"],
      ["s4", "cross-signing-changed"],
      ["s3", "trust-changed"],
      ["s3", "auditor-changed"],
      ["s1", "first-seen"],
    ]);
    expect(h.events[0]?.text).toBe("keys changed: was ed25519 ED1, curve25519 CU1; now ed25519 ED2, curve25519 CU1");
    expect(h.events[2]?.text).toBe("verification unsigned → verified-by-owner");
  });

  it("a complete scan that missed it says gone; a partial scan's silence says nothing", () => {
    const h = deviceHistory([seen(1, dev(), null), seen(2, null, null, "partial"), seen(3, null, null), seen(4, dev(), null)]);
    expect(h.events.map((e) => [e.snapshotId, e.kind])).toEqual([
      ["s4", "back"],
      ["s3", "gone"],
      ["s1", "first-seen"],
    ]);
    expect(h).toMatchObject({ seenIn: 2, scansRead: 4, lastSeen: at(4) });
  });

  it("never seen: no dates and no events", () => {
    expect(deviceHistory([seen(1, null, null)])).toEqual({ firstSeen: null, lastSeen: null, seenIn: 0, scansRead: 1, events: [] });
  });
});
