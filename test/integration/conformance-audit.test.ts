/**
 * Issue #18's safety trail on a real database: opting agents into conformance probes (or out, or changing what is
 * sent) through a registry version names who did it and which agents, in the audit log; a version that changes
 * nothing about probes adds no such row, and invalid YAML changes nothing at all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-probe-audit-it-"));
process.env.VIGIL_DATA_DIR = data;
process.env.DATABASE_URL = path.join(data, "db");
const { saveRegistryVersion } = await import("@/lib/settings/registry-versions");
const { closeDb, getDb } = await import("@/lib/db/client");
const { conformanceCredentials, saveConformanceCredentials } = await import("@/lib/settings/conformance-credentials");

afterAll(async () => {
  await closeDb();
  rmSync(data, { recursive: true, force: true });
});

const PEM = '"-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----"';
const withCard = (name: string, kid: string) =>
  `  - name: ${name}\n    probes:\n      agentCard:\n        keys: [{ kid: ${kid}, publicKeyPem: ${PEM} }]\n`;
const probeRows = () => getDb().auditLog.findMany({ where: { action: "registry.probes" }, orderBy: { at: "asc" } });

describe("who enabled conformance probes", () => {
  it("records each opt-in, opt-out and change with the person or file that made it", async () => {
    expect((await saveRegistryVersion("agents:\n  - name: a\n  - name: b\n", "ui", "alice@example.org")).ok).toBe(true);
    expect(await probeRows()).toHaveLength(0);

    await saveRegistryVersion(`agents:\n${withCard("a", "k1")}  - name: b\n`, "ui", "alice@example.org");
    await saveRegistryVersion(`agents:\n${withCard("a", "k2")}${withCard("b", "k1")}`, "file", "file:agents.yaml");
    await saveRegistryVersion(`agents:\n  - name: a\n${withCard("b", "k1")}`, "ui", "bob@example.org");
    await saveRegistryVersion(`agents:\n  - name: a\n    owner: ops\n${withCard("b", "k1")}`, "ui", "bob@example.org");
    expect((await saveRegistryVersion("agents: [oops", "ui", "mallory@example.org")).ok).toBe(false);

    const rows = await probeRows();
    expect(rows.map((r) => [r.actorEmail, r.outcome, r.detail])).toEqual([
      ["alice@example.org", "ok", { enabled: ["a"], disabled: [], changed: [] }],
      ["file:agents.yaml", "ok", { enabled: ["b"], disabled: [], changed: ["a"] }],
      ["bob@example.org", "ok", { enabled: [], disabled: ["a"], changed: [] }],
    ]);
    expect(rows.every((r) => String(r.target).startsWith("registry version "))).toBe(true);
  });
});

describe("conformance credentials in the database", () => {
  it("are sealed (no plaintext in the Secret table), read back for scans, and cleared with the config section", async () => {
    const creds = {
      h: { kind: "hmac-secret" as const, value: "hmac-secret-value-1234" },
      t: { kind: "token" as const, value: "token-value-5678" },
    };
    await saveConformanceCredentials(creds, "config-file:vigil.config.yaml");
    expect(await conformanceCredentials()).toEqual(creds);
    const rows = await getDb().secret.findMany({ where: { name: { startsWith: "conformance.credential." } } });
    expect(rows.map((r) => r.name).sort()).toEqual(["conformance.credential.h", "conformance.credential.t"]);
    for (const r of rows) expect(Buffer.from(r.ciphertext).toString("utf8")).not.toMatch(/value-/);
    await saveConformanceCredentials({ t: creds.t }, "config-file:vigil.config.yaml");
    expect(await conformanceCredentials()).toEqual({ t: creds.t });
    await saveConformanceCredentials({}, "config-file:vigil.config.yaml");
    expect(await conformanceCredentials()).toEqual({});
    expect(await getDb().secret.count({ where: { name: { startsWith: "conformance.credential." } } })).toBe(0);
  });
});
