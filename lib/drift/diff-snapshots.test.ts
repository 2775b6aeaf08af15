import { describe, expect, it } from "vitest";
import type { Registry } from "../registry/types";
import type { CertFacts, EndpointFacts, MatrixSnapshot, Snapshot } from "../snapshot/types";
import { diffSnapshots } from "./diff-snapshots";

const registry: Registry = { agents: [{ name: "alpha", matrixUserId: "@alpha:hs", deviceIds: ["A1"], siblings: [] }], allowedMembers: [] };
const matrix = (m: Partial<MatrixSnapshot> = {}): MatrixSnapshot => ({
  homeserver: { baseUrl: "http://hs", serverName: "hs" },
  view: "admin",
  auditor: { userId: "@auditor:hs" },
  rooms: [
    {
      roomId: "!r",
      name: "Ops",
      encryption: { algorithm: "m.megolm.v1.aes-sha2" },
      joinRule: "invite",
      historyVisibility: "shared",
      guestAccess: "forbidden",
      members: ["@alpha:hs"],
    },
  ],
  users: [{ userId: "@alpha:hs", crossSigning: { state: "present", masterKey: "MK1" }, verifiedByAuditor: true }],
  devices: [{ userId: "@alpha:hs", deviceId: "A1", trust: "verified-by-owner" }],
  ...m,
});
const cert = (fp: string, issuer = "CN=CA"): CertFacts => ({
  fingerprint256: fp,
  subject: "CN=a",
  issuer,
  serialNumber: "1",
  notBefore: "",
  notAfter: "",
  sans: [],
  source: { kind: "endpoint", endpoint: "h:1" },
  trusted: true,
});
const endpoint = (e: Partial<EndpointFacts> = {}): EndpointFacts => ({
  endpoint: "h:1",
  agent: "alpha",
  reachable: true,
  chain: [cert("F1")],
  probes: {
    withClientCert: { outcome: "ok", protocol: "TLSv1.3", ms: 1 },
    withoutClientCert: { outcome: "handshake-failed", ms: 1 },
    tls12: { outcome: "handshake-failed", ms: 1 },
    plainHttp: { outcome: "error", ms: 1 },
  },
  ...e,
});
const snap = (parts: Partial<Snapshot>): Snapshot => ({ takenAt: "2026-01-01T00:00:00Z", errors: [], registry, ...parts });
const kinds = (before: Snapshot, after: Snapshot) =>
  diffSnapshots(before, after).map((c) => `${c.kind} ${c.subject.id} ${c.before ?? "-"} → ${c.after ?? "-"}`);

describe("diffSnapshots", () => {
  it("identical snapshots have no changes", () => {
    const s = snap({ matrix: matrix(), mesh: { endpoints: [endpoint()], certificates: [] } });
    expect(diffSnapshots(s, structuredClone(s))).toEqual([]);
  });

  it("rooms added (plaintext is critical) and removed", () => {
    const plain = { roomId: "!p", encryption: null, members: ["@alpha:hs"] };
    const changes = diffSnapshots(snap({ matrix: matrix() }), snap({ matrix: matrix({ rooms: [plain] }) }));
    expect(changes.map((c) => [c.kind, c.subject.id, c.severity])).toEqual([
      ["room-added", "!p", "critical"],
      ["room-removed", "!r", "low"],
    ]);
  });

  it("encryption enabled, settings changed, and state missing", () => {
    const base = matrix().rooms[0]!;
    const on = diffSnapshots(snap({ matrix: matrix({ rooms: [{ ...base, encryption: null }] }) }), snap({ matrix: matrix() }));
    expect(on.map((c) => [c.kind, c.detail, c.severity])).toEqual([["room-encryption", "Encryption enabled", "info"]]);
    const gone = diffSnapshots(snap({ matrix: matrix() }), snap({ matrix: matrix({ rooms: [{ ...base, encryption: null }] }) }));
    expect(gone[0]).toMatchObject({
      kind: "room-encryption",
      severity: "critical",
      detail: expect.stringMatching(/Encryption state missing/),
    });
    const rot = diffSnapshots(
      snap({ matrix: matrix() }),
      snap({ matrix: matrix({ rooms: [{ ...base, encryption: { algorithm: "m.megolm.v1.aes-sha2", rotationPeriodMsgs: 1000 } }] }) }),
    );
    expect(rot.map((c) => `${c.kind} ${c.after}`)).toEqual(["room-encryption m.megolm.v1.aes-sha2, 1000 msgs"]);
  });

  it("join rule, history and guest changes, with a severity that follows the direction", () => {
    const base = matrix().rooms[0]!;
    const after = snap({
      matrix: matrix({ rooms: [{ ...base, joinRule: "public", historyVisibility: "world_readable", guestAccess: "can_join" }] }),
    });
    expect(
      diffSnapshots(snap({ matrix: matrix() }), after)
        .map((c) => `${c.kind}:${c.severity}`)
        .sort(),
    ).toEqual(["room-guests:high", "room-history:high", "room-join-rule:high"]);
    expect(
      diffSnapshots(after, snap({ matrix: matrix() }))
        .map((c) => `${c.kind}:${c.severity}`)
        .sort(),
    ).toEqual(["room-guests:low", "room-history:low", "room-join-rule:medium"]);
  });

  it("members added/removed only in rooms with agents; a stranger joining is high", () => {
    const base = matrix().rooms[0]!;
    const other = { roomId: "!o", encryption: null, members: ["@bob:hs"] };
    const before = snap({ matrix: matrix({ rooms: [base, other] }) });
    const after = snap({
      matrix: matrix({
        rooms: [
          { ...base, members: ["@alpha:hs", "@mallory:hs"] },
          { ...other, members: ["@carol:hs"] },
        ],
      }),
    });
    expect(diffSnapshots(before, after).map((c) => `${c.kind} ${c.subject.id} ${c.after} ${c.severity}`)).toEqual([
      "member-added !r @mallory:hs high",
    ]);
  });

  it("devices added and removed, trust changed, identity changed", () => {
    const after = snap({
      matrix: matrix({
        users: [{ userId: "@alpha:hs", crossSigning: { state: "present", masterKey: "MK2" }, verifiedByAuditor: false }],
        devices: [
          { userId: "@alpha:hs", deviceId: "A1", trust: "unsigned" },
          { userId: "@alpha:hs", deviceId: "A9", trust: "verified-by-owner" },
        ],
      }),
    });
    expect(kinds(snap({ matrix: matrix() }), after)).toEqual([
      "identity-changed @alpha:hs MK1 → MK2",
      "device-added @alpha:hs|A9 - → verified-by-owner",
      "device-trust @alpha:hs|A1 verified-by-owner → unsigned",
    ]);
    expect(kinds(after, snap({ matrix: matrix() }))).toEqual([
      "identity-changed @alpha:hs MK2 → MK1",
      "device-removed @alpha:hs|A9 verified-by-owner → -",
      "device-trust @alpha:hs|A1 unsigned → verified-by-owner",
    ]);
  });

  it("certificates: same issuer is a rotation, another issuer a re-issue", () => {
    const before = snap({ mesh: { endpoints: [endpoint()], certificates: [] } });
    expect(kinds(before, snap({ mesh: { endpoints: [endpoint({ chain: [cert("F2")] })], certificates: [] } }))).toEqual([
      "cert-rotated h:1 F1 → F2",
    ]);
    const re = diffSnapshots(before, snap({ mesh: { endpoints: [endpoint({ chain: [cert("F3", "CN=Rogue")] })], certificates: [] } }));
    expect(re.map((c) => [c.kind, c.severity])).toEqual([["cert-reissued", "high"]]);
  });

  it("TLS: protocol, legacy accepted, mTLS enforcement and plain HTTP", () => {
    const before = snap({ mesh: { endpoints: [endpoint()], certificates: [] } });
    const worse = endpoint({
      probes: {
        withClientCert: { outcome: "ok", protocol: "TLSv1.2", ms: 1 },
        withoutClientCert: { outcome: "ok", ms: 1 },
        tls12: { outcome: "ok", ms: 1 },
        plainHttp: { outcome: "ok", httpStatus: 200, ms: 1 },
      },
    });
    expect(kinds(before, snap({ mesh: { endpoints: [worse], certificates: [] } }))).toEqual([
      "tls-changed h:1 legacy: refused → legacy: TLSv1.2",
      "tls-changed h:1 mtls: enforced → mtls: not enforced",
      "tls-changed h:1 plainHttp: refused → plainHttp: accepted",
      "tls-changed h:1 protocol: TLSv1.3 → protocol: TLSv1.2",
    ]);
  });

  it("endpoints added and removed; a side not scanned is not 'removed'", () => {
    const before = snap({ mesh: { endpoints: [endpoint()], certificates: [] }, matrix: matrix() });
    expect(kinds(before, snap({ mesh: { endpoints: [endpoint({ endpoint: "h:2" })], certificates: [] }, matrix: matrix() }))).toEqual([
      "endpoint-added h:2 - → alpha",
      "endpoint-removed h:1 alpha → -",
    ]);
    expect(diffSnapshots(before, snap({}))).toEqual([]);
  });
});
