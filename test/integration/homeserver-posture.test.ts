/**
 * The homeserver's own posture end to end: two real Synapses of the test bed's own (scripts/testbed/posture), a
 * hardened one behind nginx over TLS and a weak one reached directly, each scanned through the real pipeline
 * (collectSnapshot with homeserverPosture), judged by the HS-* checks and MX-ROOM-PLAINTEXT-EVENTS, and held to the
 * ground truth exactly: every fault on the weak server, nothing on the hardened one, and nothing left undecided.
 * The weak server's bot wrote plaintext into an encrypted room; its text must appear nowhere Vigil keeps. Each server
 * also runs real mautrix bots declared with their config.yaml (HS-BOT-*): a healthy one on the hardened server; on the
 * weak one a bot whose python-olm is hidden (installed without mautrix[encryption]) and one with lax settings. The
 * bots' configs are read in every scan: a scan without homeserverPosture judges them the same.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db/client";
import { DEFAULT_POLICY } from "@/lib/policy/defaults";
import { homeserverChecks } from "@/lib/rules/checks/homeserver";
import { evaluate, type Evaluation } from "@/lib/rules/evaluate";
import type { Registry } from "@/lib/registry/types";
import { findingKey } from "@/lib/rules/types";
import { collectSnapshot, type Collected } from "@/lib/scan/collect-snapshot";
import { startPostureTestbed, type PostureServer, type PostureTestbed } from "@/scripts/testbed/posture/posture";
import { testbedDir } from "@/scripts/testbed/synapse/paths";
import { SYNAPSE_VERSION } from "@/scripts/testbed/synapse/venv";
import { toStoredSnapshot } from "@/lib/snapshot/version";
import { getHomeserverView } from "@/lib/views/homeserver";
import type { BotConfigsView } from "@/lib/views/homeserver-bots";

// The Homeserver page's view reads a stored snapshot: an embedded database of this test's own.
process.env.DATABASE_URL = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vigil-hs-posture-")), "db");

let bed: PostureTestbed;
const scans = new Map<"hardened" | "weak", Collected>();

async function scan(server: PostureServer): Promise<Collected> {
  return collectSnapshot({
    homeserver: { baseUrl: server.baseUrl, accessToken: server.auditor.accessToken },
    homeserverPosture: {
      publicBaseUrl: server.publicBaseUrl,
      configFile: server.configFile,
      ...(server.caPem ? { caPem: server.caPem } : {}),
    },
    registry: server.registry,
    policy: DEFAULT_POLICY,
  });
}

/** The same scan with no homeserverPosture: the Matrix inventory and the registry (its bots' configs) only. */
function scanWithoutProbes(server: PostureServer, registry: Registry): Promise<Collected> {
  return collectSnapshot({
    homeserver: { baseUrl: server.baseUrl, accessToken: server.auditor.accessToken },
    registry,
    policy: DEFAULT_POLICY,
  });
}

/** "HS-BOT-…|agent|<name>|<status>" (and "|<detail>" with `details`) of each bot check's result, sorted. */
const botVerdicts = (results: Evaluation["results"], details = false) =>
  results
    .filter((r) => r.check.startsWith("HS-BOT-"))
    .map((r) => `${r.check}|agent|${r.result.subject.id}|${r.result.status}${details ? `|${r.result.detail}` : ""}`)
    .sort();

const shownBots = (view: Extract<BotConfigsView, { state: "ready" }>) =>
  view.bots.flatMap((b) => b.verdicts.map((v) => `${v.meta.id}|agent|${b.agent}|${v.status}`)).sort();

function judge(side: "hardened" | "weak") {
  const collected = scans.get(side);
  if (!collected) throw new Error(`no scan of the ${side} server`);
  const server = bed[side];
  const e = evaluate(homeserverChecks, {
    snapshot: collected.snapshot,
    policy: DEFAULT_POLICY,
    registry: server.registry,
    now: new Date(),
  });
  return { ...e, failing: e.findings.map((f) => findingKey(f)).sort(), expected: server.groundTruth.map((t) => findingKey(t)).sort() };
}

beforeAll(async () => {
  bed = await startPostureTestbed(path.join(testbedDir(), "posture"));
  scans.set("hardened", await scan(bed.hardened));
  scans.set("weak", await scan(bed.weak));
});

afterAll(async () => {
  await bed?.stop();
  await closeDb();
});

describe("homeserver posture: hardened and weak Synapse → collector → HS-* checks", () => {
  it("collects both completely, with the version from the Admin API", () => {
    for (const side of ["hardened", "weak"] as const) {
      const s = scans.get(side);
      expect(s?.snapshot.errors, side).toEqual([]);
      expect(s?.status, side).toBe("complete");
      expect(s?.snapshot.homeserver).toMatchObject({ version: SYNAPSE_VERSION, versionSource: "admin-api" });
    }
  });

  it("the weak server raises exactly its ground truth, every check decided", () => {
    const { failing, expected, errors, results } = judge("weak");
    expect(errors).toEqual([]);
    expect(failing).toEqual(expected);
    expect(results.filter((r) => r.result.status === "unknown").map((r) => `${r.check}: ${r.result.detail}`)).toEqual([]);
  });

  it("the hardened server raises none, and every check passed rather than shrugged", () => {
    const { failing, errors, results } = judge("hardened");
    expect(errors).toEqual([]);
    expect(failing).toEqual([]);
    expect(results.filter((r) => r.result.status !== "pass").map((r) => `${r.check}: ${r.result.detail}`)).toEqual([]);
    // Every HS-* check and the room's plaintext-events check examined something.
    expect(new Set(results.map((r) => r.check))).toEqual(new Set(homeserverChecks.map((c) => c.meta.id)));
  });

  it("names the plaintext event's sender and time, not the message written before encryption", () => {
    const finding = judge("weak").findings.find((f) => f.check === "MX-ROOM-PLAINTEXT-EVENTS");
    expect(finding?.evidence.plaintextEvents).toEqual([{ type: "m.room.message", sender: bed.weak.bot.userId, at: expect.any(String) }]);
  });

  it("keeps no message content and no guest token: only metadata leaves the collector", () => {
    const weak = scans.get("weak");
    const kept = JSON.stringify({ snapshot: weak?.snapshot, findings: judge("weak").findings });
    expect(bed.weak.markers).toHaveLength(2);
    for (const marker of bed.weak.markers) expect(kept).not.toContain(marker);
    const room = weak?.snapshot.homeserver?.timeline?.rooms.find((r) => r.roomId === bed.weak.roomId);
    for (const e of room?.unencrypted ?? []) expect(Object.keys(e).sort()).toEqual(["roomEncrypted", "sender", "ts", "type"]);
    expect(weak?.snapshot.homeserver?.probes.guestRegistration).toMatchObject({ status: 200, guestDeactivated: true });
    expect(kept).not.toMatch(/syt_[A-Za-z0-9]/);
    expect(kept).not.toContain("registration_shared_secret");
  });

  it("reads each bot's encryption section and none of its credentials", () => {
    for (const side of ["hardened", "weak"] as const) {
      const bots = scans.get(side)?.snapshot.bots;
      const server = bed[side];
      expect(bots?.map((b) => [b.agent, b.section, b.error])).toEqual(server.bots.agents.map((a) => [a.name, "encryption", undefined]));
      const kept = JSON.stringify({ snapshot: scans.get(side)?.snapshot, findings: judge(side).findings });
      for (const password of server.bots.passwords) expect(kept).not.toContain(password);
    }
  });

  it("sees the bot without the crypto extra fall back as mautrix does: logged in, no keys, and says so in its log", () => {
    const finding = judge("weak").findings.find((f) => f.check === "HS-BOT-CRYPTO-INACTIVE");
    expect(finding?.subject).toEqual({ type: "agent", id: "bot-no-extra" });
    expect(finding?.evidence).toMatchObject({ devices: [{ trust: "no-keys" }], crossSigning: "absent" });
    const log = fs.readFileSync(bed.weak.bots.logFiles["bot-no-extra"] ?? "", "utf8");
    expect(log).toContain("encryption dependencies not installed");
    expect(log).toContain("No module named 'olm'");
    const lax = judge("weak").findings.filter((f) => f.subject.id === "bot-lax");
    expect(lax.map((f) => f.detail).sort()).toEqual([
      "encryption.require is false",
      "receive: unverified, weaker than cross-signed-tofu; send: unverified, weaker than cross-signed-tofu",
    ]);
  });

  it("makes a bot config that cannot be read an error of the scan and an unknown, never a pass, and quotes no secret", async () => {
    const secret = "broken-bot-password-0f9e8d7c6b5a";
    const file = path.join(path.dirname(bed.weak.configFile), "broken-bot.yaml");
    fs.writeFileSync(file, `user:\n  credentials: { password: "${secret}\n  : : [\nencryption: { allow: yes`);
    const broken = { name: "bot-broken", matrixUserId: bed.weak.bot.userId, deviceIds: [], siblings: [], botConfig: file };
    const registry = { ...bed.weak.registry, agents: [...bed.weak.registry.agents, broken] };
    const collected = await scanWithoutProbes(bed.weak, registry);
    expect(collected.status).toBe("partial");
    expect(collected.snapshot.errors).toEqual([
      { source: "homeserver", scope: "bot config of bot-broken", message: expect.stringContaining(file) },
    ]);
    const { results } = evaluate(homeserverChecks, { snapshot: collected.snapshot, policy: DEFAULT_POLICY, registry, now: new Date() });
    const verdicts = results.filter((r) => r.result.subject.id === "bot-broken").map((r) => `${r.check}: ${r.result.status}`);
    expect(verdicts).toEqual([
      "HS-BOT-ENCRYPTION-CONFIG: unknown",
      "HS-BOT-VERIFICATION-LEVELS: unknown",
      "HS-BOT-CRYPTO-INACTIVE: unknown",
    ]);
    expect(JSON.stringify({ snapshot: collected.snapshot, results })).not.toContain(secret);
  });

  it("shows each stored scan's bots on the Homeserver page's view with the scan's own verdicts", async () => {
    for (const side of ["weak", "hardened"] as const) {
      const collected = scans.get(side);
      if (!collected) throw new Error(`no scan of the ${side} server`);
      const db = getDb();
      const scan = await db.scan.create({ data: { trigger: "test" } });
      const data = toStoredSnapshot(collected.snapshot, bed[side].registry) as object;
      await db.snapshot.create({ data: { scanId: scan.id, takenAt: new Date(), status: collected.status, data } });
      const view = await getHomeserverView();
      if (view.state !== "ready" || view.bots.state !== "ready") throw new Error(`view not ready: ${JSON.stringify(view)}`);
      expect(shownBots(view.bots), side).toEqual(botVerdicts(judge(side).results));
      if (view.posture.state !== "probed") throw new Error(`posture not shown: ${JSON.stringify(view.posture)}`);
      expect(view.posture.verdicts.map((v) => v.meta.id)).not.toContain("HS-BOT-CRYPTO-INACTIVE");
    }
  });

  it("judges the bots in a scan without homeserverPosture: a local file against the inventory needs no probe", async () => {
    for (const side of ["weak", "hardened"] as const) {
      const server = bed[side];
      const collected = await scanWithoutProbes(server, server.registry);
      expect(collected.snapshot.errors, side).toEqual([]);
      expect(collected.status, side).toBe("complete");
      expect(collected.snapshot.homeserver, side).toBeUndefined();
      const { results } = evaluate(homeserverChecks, {
        snapshot: collected.snapshot,
        policy: DEFAULT_POLICY,
        registry: server.registry,
        now: new Date(),
      });
      const withoutProbes = botVerdicts(results, true);
      // Exactly the verdicts (and words) of the scan that probed: nothing of the bot checks depends on the probes.
      expect(withoutProbes, side).toEqual(botVerdicts(judge(side).results, true));
      expect(
        withoutProbes.filter((v) => v.includes("|unknown|")),
        side,
      ).toEqual([]);
      const statuses = new Set(botVerdicts(results).map((v) => v.split("|").at(-1)));
      expect(statuses, side).toEqual(new Set(side === "weak" ? ["pass", "fail"] : ["pass"]));
      for (const password of server.bots.passwords) expect(JSON.stringify(collected.snapshot)).not.toContain(password);

      // The Homeserver page shows the bots of that scan, and says no probe ran rather than showing the older probes.
      const db = getDb();
      const scan = await db.scan.create({ data: { trigger: "test" } });
      const data = toStoredSnapshot(collected.snapshot, server.registry) as object;
      await db.snapshot.create({ data: { scanId: scan.id, takenAt: new Date(), status: collected.status, data } });
      const view = await getHomeserverView();
      if (view.state !== "ready" || view.bots.state !== "ready") throw new Error(`view not ready: ${JSON.stringify(view)}`);
      expect(view.posture, side).toEqual({ state: "not-probed" });
      expect(shownBots(view.bots), side).toEqual(botVerdicts(results));
    }
  });

  it("sees the hardened server's proxy refuse the admin path and its TLS chain lead to the given CA", () => {
    const hs = scans.get("hardened")?.snapshot.homeserver;
    expect(hs?.probes.adminApi).toMatchObject({ status: 404, json: false });
    expect(hs?.tls?.chain[0]).toMatchObject({ trusted: true, chainComplete: true });
    expect(hs?.tls?.probes.tls11?.protocol).toBeUndefined();
  });
});
