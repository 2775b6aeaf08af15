import { describe, expect, it } from "vitest";
import { auditorKeys, evaluateDeviceTrust, evaluateUserTrust } from "./trust";
import { crossSigningKeys, deviceKey, keysQueryResponse, newIdentity, signMasterWithUsk, tamperSignature } from "./__fixtures__/keys";

const AUDITOR = "@auditor:hs";

describe("trust from /keys/query", () => {
  const auditor = newIdentity(AUDITOR);
  const alice = newIdentity("@alice:hs");
  const bob = newIdentity("@bob:hs"); // no cross-signing at all
  const aud = crossSigningKeys(auditor);
  const ali = crossSigningKeys(alice);
  const aliceMasterSignedByAuditor = signMasterWithUsk(ali.master, auditor);

  const resp = keysQueryResponse({
    devices: [deviceKey(alice, "GOOD", true), deviceKey(alice, "LONE", false), deviceKey(bob, "BOBDEV", false)],
    master: { [AUDITOR]: aud.master, "@alice:hs": aliceMasterSignedByAuditor },
    selfSigning: { [AUDITOR]: aud.selfSigning, "@alice:hs": ali.selfSigning },
    userSigning: { [AUDITOR]: aud.userSigning },
  });
  const audKeys = auditorKeys(resp, AUDITOR);

  it("finds the auditor's user-signing key only through its master", () => {
    expect(audKeys).toEqual({ masterKey: auditor.master.pub, userSigningKey: auditor.usk.pub });
    const forged = {
      ...resp,
      user_signing_keys: { [AUDITOR]: tamperSignature(aud.userSigning, AUDITOR, `ed25519:${auditor.master.pub}`) },
    };
    expect(auditorKeys(forged, AUDITOR)).toEqual({ masterKey: auditor.master.pub });
  });

  it("marks a complete, auditor-signed identity present and verified", () => {
    const t = evaluateUserTrust(resp, "@alice:hs", AUDITOR, audKeys);
    expect(t).toEqual({
      crossSigning: { state: "present", masterKey: alice.master.pub, selfSigningKey: alice.ssk.pub },
      verifiedByAuditor: true,
    });
    expect(evaluateUserTrust(resp, "@alice:hs", AUDITOR, {}).verifiedByAuditor).toBe(false);
  });

  it("reports absent cross-signing", () => {
    expect(evaluateUserTrust(resp, "@bob:hs", AUDITOR, audKeys)).toEqual({ crossSigning: { state: "absent" }, verifiedByAuditor: false });
  });

  it("reports a self-signing key whose master signature was tampered", () => {
    const bad = {
      ...resp,
      self_signing_keys: {
        ...resp.self_signing_keys,
        "@alice:hs": tamperSignature(ali.selfSigning, "@alice:hs", `ed25519:${alice.master.pub}`),
      },
    };
    const t = evaluateUserTrust(bad, "@alice:hs", AUDITOR, audKeys);
    expect(t.crossSigning.state).toBe("bad-signature");
    expect(t.crossSigning.problem).toMatch(/does not verify/);
    // Its devices cannot be trusted through a broken chain.
    expect(evaluateDeviceTrust(bad, "@alice:hs", "GOOD", t).trust).toBe("unsigned");
  });

  it("reports a tampered auditor signature on the master key", () => {
    const bad = {
      ...resp,
      master_keys: { ...resp.master_keys, "@alice:hs": tamperSignature(aliceMasterSignedByAuditor, AUDITOR, `ed25519:${auditor.usk.pub}`) },
    };
    const t = evaluateUserTrust(bad, "@alice:hs", AUDITOR, audKeys);
    expect(t.verifiedByAuditor).toBe(false);
    expect(t.crossSigning.state).toBe("bad-signature");
  });

  it("computes device trust: verified, unsigned, no-keys, bad-signature", () => {
    const a = evaluateUserTrust(resp, "@alice:hs", AUDITOR, audKeys);
    const b = evaluateUserTrust(resp, "@bob:hs", AUDITOR, audKeys);
    expect(evaluateDeviceTrust(resp, "@alice:hs", "GOOD", a).trust).toBe("verified-by-owner");
    expect(evaluateDeviceTrust(resp, "@alice:hs", "LONE", a).trust).toBe("unsigned");
    expect(evaluateDeviceTrust(resp, "@bob:hs", "BOBDEV", b).trust).toBe("unsigned");
    expect(evaluateDeviceTrust(resp, "@alice:hs", "NEVER", a)).toMatchObject({ trust: "no-keys" });

    const good = resp.device_keys?.["@alice:hs"]?.GOOD ?? {};
    const selfTampered = tamperSignature(good, "@alice:hs", "ed25519:GOOD");
    const sskTampered = tamperSignature(good, "@alice:hs", `ed25519:${alice.ssk.pub}`);
    const swapped = { ...good, keys: { ...(good.keys as object), "curve25519:GOOD": "AAAA" } };
    for (const dev of [selfTampered, sskTampered, swapped]) {
      const r = keysQueryResponse({ devices: [dev] });
      expect(evaluateDeviceTrust(r, "@alice:hs", "GOOD", a).trust).toBe("bad-signature");
    }
    const wrongOwner = keysQueryResponse({ devices: [{ ...good, user_id: "@mallory:hs" }] });
    expect(
      evaluateDeviceTrust(
        { device_keys: { "@alice:hs": { GOOD: wrongOwner.device_keys?.["@mallory:hs"]?.GOOD ?? {} } } },
        "@alice:hs",
        "GOOD",
        a,
      ).trust,
    ).toBe("bad-signature");
  });
});
