/**
 * The Matrix testbed is what every other integration test trusts, so check it
 * against the real homeserver: the faults the ground truth claims must be
 * visible through the same HTTP APIs Vigil will use, and healthy agents must
 * really be healthy (signatures verified here, not just present).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { Registry } from "@/lib/registry/types";
import { queryKeys } from "@/scripts/testbed/fleet/accounts";
import type { GroundTruthEntry } from "@/scripts/testbed/fleet/ground-truth";
import { api } from "@/scripts/testbed/fleet/http";
import type { MatrixTestbed } from "@/scripts/testbed/fleet/outputs";
import { seedFleet } from "@/scripts/testbed/fleet/seed";
import { synapseDir, testbedDir } from "@/scripts/testbed/synapse/paths";
import { startSynapse, stopSynapse, synapseStatus } from "@/scripts/testbed/synapse/synapse";

const dir = testbedDir();
let tb: MatrixTestbed;
let wasRunning = false;
const get = <T = Record<string, unknown>>(p: string) => api<T>(tb.homeserver.baseUrl, "GET", p, { token: tb.auditor.accessToken });

beforeAll(async () => {
  wasRunning = (await synapseStatus(synapseDir(dir))).healthy;
  await startSynapse({ dir: synapseDir(dir) });
  tb = (await seedFleet({ dir })).testbed;
});

afterAll(async () => {
  // Leave a Synapse someone else started alone; stop only our own.
  if (!wasRunning) await stopSynapse(synapseDir(dir));
});

/** Matrix canonical JSON: sorted keys, no whitespace, no signatures/unsigned. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

function signedBy(obj: Record<string, unknown>, userId: string, keyId: string, publicKeyB64: string): boolean {
  const sig = (obj.signatures as Record<string, Record<string, string>> | undefined)?.[userId]?.[keyId];
  if (!sig) return false;
  const { signatures: _s, unsigned: _u, ...body } = obj;
  const key = crypto.createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKeyB64, "base64").toString("base64url") },
    format: "jwk",
  });
  return crypto.verify(null, Buffer.from(canonical(body)), key, Buffer.from(sig, "base64"));
}

async function selfSigning(userId: string) {
  const r = await queryKeys(tb.homeserver.baseUrl, tb.auditor.accessToken, userId);
  const ssk = r.self_signing_keys?.[userId];
  const [keyId, pub] = Object.entries(ssk?.keys ?? {})[0] ?? [];
  const devices = (r.device_keys?.[userId] ?? {}) as Record<string, Record<string, unknown>>;
  const signed = (d: string) => !!keyId && !!devices[d] && signedBy(devices[d], userId, keyId, pub!);
  return { hasMaster: !!r.master_keys?.[userId], hasSsk: !!ssk, devices, signed };
}

async function roomState(roomId: string) {
  const { state } = await get<{ state: { type: string; content: Record<string, unknown> }[] }>(
    `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/state`,
  );
  return (type: string) => state.find((e) => e.type === type)?.content;
}

describe("Matrix testbed", () => {
  it("runs a real Synapse on loopback", async () => {
    const v = await fetch(`${tb.homeserver.baseUrl}/_matrix/client/versions`);
    expect(v.ok).toBe(true);
    expect(((await v.json()) as { versions: string[] }).versions.length).toBeGreaterThan(0);
    const sv = await fetch(`${tb.homeserver.baseUrl}/_synapse/admin/v1/server_version`);
    expect(sv.headers.get("server")).toMatch(/^Synapse\//);
    expect(((await sv.json()) as { server_version: string }).server_version).toBe(tb.homeserver.synapseVersion);
    expect(new URL(tb.homeserver.baseUrl).hostname).toBe("127.0.0.1");
  });

  it("healthy agents are cross-signed and their declared devices carry a valid self-signing signature", async () => {
    for (const name of ["alpha", "beta", "delta", "echo", "foxtrot"]) {
      const a = tb.agents[name]!;
      const k = await selfSigning(a.userId);
      expect(k.hasMaster && k.hasSsk, name).toBe(true);
      expect(k.signed(a.primaryDeviceId), `${name} ${a.primaryDeviceId}`).toBe(true);
    }
    const auditor = await selfSigning(tb.auditor.userId);
    expect(auditor.signed(tb.auditor.primaryDeviceId)).toBe(true);
    // ...but it has no key backup (MX-BACKUP-MISSING).
    await expect(get("/_matrix/client/v3/room_keys/version")).rejects.toMatchObject({ status: 404 });
  });

  it("shows each device fault the ground truth claims", async () => {
    const gamma = await selfSigning(tb.agents.gamma!.userId);
    expect(gamma.hasMaster || gamma.hasSsk).toBe(false);
    expect(gamma.devices.GAMMA01).toBeDefined(); // keys uploaded, just never cross-signed

    const delta = await selfSigning(tb.agents.delta!.userId);
    expect(delta.devices.DELTA02).toBeDefined();
    expect(delta.signed("DELTA02")).toBe(false);

    const echo = await selfSigning(tb.agents.echo!.userId);
    expect(echo.signed("ECHO02")).toBe(true); // healthy but undeclared
    expect(tb.agents.echo!.declaredDeviceIds).not.toContain("ECHO02");

    const fox = await selfSigning(tb.agents.foxtrot!.userId);
    expect(fox.devices.FOXTROT03).toBeUndefined(); // logged in, never uploaded keys
    expect(fox.signed("FOXTROT02")).toBe(true);
    const { devices } = await get<{ devices: { device_id: string; last_seen_ts: number | null }[] }>(
      `/_synapse/admin/v2/users/${encodeURIComponent(tb.agents.foxtrot!.userId)}/devices`,
    );
    const seen = Object.fromEntries(devices.map((d) => [d.device_id, d.last_seen_ts]));
    expect(Object.keys(seen).sort()).toEqual(["FOXTROT01", "FOXTROT02", "FOXTROT03"]);
    expect(Date.now() - seen.FOXTROT02!).toBeGreaterThan(80 * 86400_000);
    expect(Date.now() - seen.FOXTROT03!).toBeLessThan(86400_000);
  });

  it("shows each room fault, and the healthy room is private and encrypted", async () => {
    const ops = await roomState(tb.rooms.ops!);
    expect(ops("m.room.encryption")).toEqual({ algorithm: "m.megolm.v1.aes-sha2" });
    expect(ops("m.room.join_rules")?.join_rule).toBe("invite");
    expect(ops("m.room.guest_access")?.guest_access).toBe("forbidden");
    expect(ops("m.room.history_visibility")?.history_visibility).toBe("shared");

    expect((await roomState(tb.rooms.plaintext!))("m.room.encryption")).toBeUndefined();
    expect((await roomState(tb.rooms.public!))("m.room.join_rules")?.join_rule).toBe("public");
    expect((await roomState(tb.rooms.history!))("m.room.history_visibility")?.history_visibility).toBe("world_readable");
    expect((await roomState(tb.rooms.guests!))("m.room.guest_access")?.guest_access).toBe("can_join");
    expect((await roomState(tb.rooms.algorithm!))("m.room.encryption")?.algorithm).not.toBe("m.megolm.v1.aes-sha2");
    expect((await roomState(tb.rooms.rotation!))("m.room.encryption")?.rotation_period_msgs).toBe(1000);

    const { members } = await get<{ members: string[] }>(`/_synapse/admin/v1/rooms/${encodeURIComponent(tb.rooms.unlisted!)}/members`);
    expect(members).toContain(tb.others.mallory!.userId);
  });

  it("mautrix agents cross-signed themselves: valid signatures on every device they vouch for, and a key backup their master key signs", async () => {
    for (const [name, devices] of [
      ["hotel", ["HOTEL01"]],
      ["india", ["INDIA01", "INDIA02"]],
    ] as const) {
      const a = tb.agents[name]!;
      expect(a.client, name).toBe("mautrix");
      const k = await selfSigning(a.userId);
      expect(k.hasMaster && k.hasSsk, name).toBe(true);
      for (const d of devices) expect(k.signed(d), `${name} ${d}`).toBe(true);
      // The backup belongs to the agent: read it with its own token, check the master key's signature here.
      const backup = await api<{ algorithm: string; auth_data: Record<string, unknown> }>(
        tb.homeserver.baseUrl,
        "GET",
        "/_matrix/client/v3/room_keys/version",
        {
          token: a.accessToken,
        },
      );
      expect(backup.algorithm).toBe("m.megolm_backup.v1.curve25519-aes-sha2");
      const r = await queryKeys(tb.homeserver.baseUrl, tb.auditor.accessToken, a.userId);
      const [masterId, masterPub] = Object.entries((r.master_keys?.[a.userId] as { keys: Record<string, string> }).keys)[0]!;
      expect(signedBy(backup.auth_data, a.userId, masterId, masterPub), `${name} backup signed by its master key`).toBe(true);
      const forged = { ...backup.auth_data, public_key: Buffer.alloc(32, 7).toString("base64").replace(/=+$/, "") };
      expect(signedBy(forged, a.userId, masterId, masterPub), "a changed backup key breaks the signature").toBe(false);
    }
    expect(tb.agents.india!.declaredDeviceIds).toEqual(["INDIA01"]); // INDIA02: signed, but undeclared
  });

  it("the nio agent uploaded device keys and nothing else, and the agents built by other hands joined the ops room", async () => {
    const juliet = tb.agents.juliet!;
    expect(juliet.client).toBe("nio");
    const k = await selfSigning(juliet.userId);
    expect(k.hasMaster || k.hasSsk).toBe(false);
    expect(k.devices.JULIET01).toBeDefined();
    const { members } = await get<{ members: string[] }>(`/_synapse/admin/v1/rooms/${encodeURIComponent(tb.rooms.ops!)}/members`);
    for (const name of ["hotel", "india", "juliet"]) expect(members, name).toContain(tb.agents[name]!.userId);
  });

  it("the feedback-loop room holds fast, alternating encrypted messages", async () => {
    const { chunk } = await get<{ chunk: { type: string; sender: string; origin_server_ts: number }[] }>(
      `/_synapse/admin/v1/rooms/${encodeURIComponent(tb.rooms.loop!)}/messages?dir=b&limit=100`,
    );
    const msgs = chunk.filter((e) => e.type === "m.room.encrypted").reverse();
    expect(msgs.length).toBeGreaterThanOrEqual(30);
    expect(msgs.every((m, i) => i === 0 || m.sender !== msgs[i - 1]!.sender)).toBe(true);
    expect(msgs.at(-1)!.origin_server_ts - msgs[0]!.origin_server_ts).toBeLessThan(60_000);
  });

  it("writes a registry and a ground truth that name real subjects", () => {
    const reg = YAML.parse(fs.readFileSync(path.join(dir, tb.files.registry), "utf8")) as Registry;
    expect(reg.allowedMembers).toEqual([tb.auditor.userId]);
    expect(reg.agents.map((a) => a.name).sort()).toEqual(Object.keys(tb.agents).sort());
    // The mautrix agents, and only they, are declared with the config.yaml they run from (HS-BOT-* checks).
    const bots = reg.agents.flatMap((a) => (a.botConfig ? [[a.name, a.botConfig] as const] : []));
    expect(bots.map(([name]) => name)).toEqual(Object.keys(tb.agents).filter((n) => tb.agents[n]?.client === "mautrix"));
    for (const [name, file] of bots) expect(fs.readFileSync(file, "utf8"), name).toContain(`id: "${tb.agents[name]?.userId}"`);
    const truth = JSON.parse(fs.readFileSync(path.join(dir, tb.files.groundTruth), "utf8")) as GroundTruthEntry[];
    const rooms = new Set(Object.values(tb.rooms));
    for (const t of truth) {
      if (t.subject.type === "room") expect(rooms.has(t.subject.id), t.check).toBe(true);
      if (t.subject.type === "agent") expect(tb.agents[t.subject.id], t.check).toBeDefined();
    }
    const checks = new Set(truth.map((t) => t.check));
    for (const id of [
      "MX-ROOM-PLAINTEXT",
      "MX-ROOM-PUBLIC",
      "MX-ROOM-HISTORY",
      "MX-ROOM-GUESTS",
      "MX-ROOM-UNLISTED-MEMBER",
      "MX-ROOM-ALGORITHM",
      "MX-ROOM-ROTATION",
      "MX-ROOM-FEEDBACK-LOOP",
      "MX-USER-NO-CROSS-SIGNING",
      "MX-USER-UNVERIFIED",
      "MX-DEVICE-UNSIGNED",
      "MX-DEVICE-NO-KEYS",
      "MX-DEVICE-STALE",
      "MX-DEVICE-UNEXPECTED",
      "MX-SIBLINGS-ASYMMETRIC",
      "MX-BACKUP-MISSING",
    ]) {
      expect(checks.has(id), id).toBe(true);
    }
    expect(truth.find((t) => t.check === "MX-SIBLINGS-ASYMMETRIC")?.subject).toEqual({ type: "agent", id: "echo" });
  });
});
