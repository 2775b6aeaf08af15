/**
 * vigil.config.yaml on a real disk, imported into a real database and watched
 * with real fs.watch: a change (written the way editors and secret managers
 * write, by renaming a new file over the old) is re-imported once, debounced;
 * a file that fails validation changes nothing and its error, with file, line
 * and key, is what Settings shows; a rotated PEM is a change too; policy and
 * registry files are re-synced; unrelated files and a stopped watcher import nothing.
 */
import { mkdtempSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaf, makePki, type TestPki } from "../support/mesh-pki";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-config-file-it-"));
process.env.VIGIL_DATA_DIR = data;
process.env.DATABASE_URL = path.join(data, "db");

// Imported after the environment is set: these read it once.
const { importConfigFile } = await import("@/lib/settings/import-config-file");
const { watchConfigFile } = await import("@/lib/settings/watch-config-file");
const { readConfigFileStatus } = await import("@/lib/settings/config-file-status");
type ConfigFileStatus = NonNullable<Awaited<ReturnType<typeof readConfigFileStatus>>>;
const { getConnectionSettings } = await import("@/lib/settings/connections");
const { activePolicy, syncPolicyFile } = await import("@/lib/settings/policy-versions");
const { activeRegistry } = await import("@/lib/settings/registry-versions");
const { getDb, closeDb } = await import("@/lib/db/client");

const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-config-dir-"));
const file = path.join(dir, "vigil.config.yaml");
let pki: TestPki;
let generation = 0;

/** Writes the way editors and secret managers do: a new file renamed over the old one. */
function replace(name: string, text: string) {
  const tmp = path.join(dir, `.${name}.${++generation}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path.join(dir, name));
}

const config = (endpoints: string[], extra = "") =>
  "mesh:\n  caFile: ca.pem\n  clientCertFile: auditor.pem\n  clientKeyFile: auditor-key.pem\n  endpoints:\n" +
  endpoints.map((e) => `    - endpoint: ${e}\n`).join("") +
  "registry: agents.yaml\npolicy: policy.yaml\n" +
  extra;

// The watcher's reports, and a bounded wait for the next one.
const waiters: ((s: ConfigFileStatus) => void)[] = [];
const imports: ConfigFileStatus[] = [];
const onImport = (s: ConfigFileStatus) => {
  imports.push(s);
  for (const w of waiters.splice(0)) w(s);
};
function nextImport(withinMs = 20_000): Promise<ConfigFileStatus> {
  return new Promise((resolve, reject) => {
    const waiter = (s: ConfigFileStatus) => {
      clearTimeout(timer);
      resolve(s);
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(new Error(`no import within ${withinMs} ms`));
    }, withinMs);
    waiters.push(waiter);
  });
}
const endpoints = async () => (await getConnectionSettings()).mesh?.endpoints.map((e) => e.endpoint);

let watcher: { stop(): void };
beforeAll(async () => {
  pki = await makePki();
  writeFileSync(path.join(dir, "ca.pem"), pki.ca.certPem);
  writeFileSync(path.join(dir, "auditor.pem"), pki.auditor.certPem);
  writeFileSync(path.join(dir, "auditor-key.pem"), pki.auditor.keyPem);
  writeFileSync(path.join(dir, "agents.yaml"), "agents:\n  - name: alpha\n    matrixUserId: '@agent-alpha:example.org'\n");
  writeFileSync(path.join(dir, "policy.yaml"), "matrix:\n  staleDeviceDays: 7\n");
  writeFileSync(file, config(["127.0.0.1:8443"]));
});
afterAll(async () => {
  watcher?.stop();
  await closeDb();
});

describe("importing vigil.config.yaml", () => {
  it("imports mesh, registry and policy from the files it names", async () => {
    expect(await importConfigFile(file)).toMatchObject({ path: file, state: "imported" });
    expect(await endpoints()).toEqual(["127.0.0.1:8443"]);
    expect((await activePolicy()).matrix.staleDeviceDays).toBe(7);
    expect((await activeRegistry()).registry.agents.map((a) => a.name)).toEqual(["alpha"]);
    expect(await readConfigFileStatus()).toMatchObject({ state: "imported" });
  });

  it("the same files again: unchanged, nothing re-applied", async () => {
    const audits = await getDb().auditLog.count({ where: { action: "settings.import-file" } });
    expect(await importConfigFile(file)).toMatchObject({ state: "unchanged" });
    expect(await getDb().auditLog.count({ where: { action: "settings.import-file" } })).toBe(audits);
  });
});

describe("watching vigil.config.yaml", () => {
  beforeAll(() => {
    watcher = watchConfigFile(file, { debounceMs: 400, onImport });
  });

  it("an edit is re-imported once, however many events the save makes", async () => {
    const next = nextImport();
    const before = imports.length;
    // Three saves in a row, as an editor's save-then-format might: one import of the last.
    replace("vigil.config.yaml", config(["127.0.0.1:8443", "127.0.0.1:9443"]));
    replace("vigil.config.yaml", config(["127.0.0.1:8443", "127.0.0.1:9444"]));
    replace("vigil.config.yaml", config(["127.0.0.1:8443", "127.0.0.1:9445"]));
    expect(await next).toMatchObject({ state: "imported" });
    expect(await endpoints()).toEqual(["127.0.0.1:8443", "127.0.0.1:9445"]);
    await expect(nextImport(1_500)).rejects.toThrow(/no import/);
    expect(imports.length - before).toBe(1);
  });

  it("an invalid edit changes nothing, and Settings shows the file, line and key", async () => {
    const next = nextImport();
    replace("vigil.config.yaml", config(["127.0.0.1:1"], "mesh_timeout: 3\n"));
    const status = await next;
    expect(status).toMatchObject({ state: "invalid", message: "vigil.config.yaml:1: unknown key mesh_timeout" });
    expect(await endpoints()).toEqual(["127.0.0.1:8443", "127.0.0.1:9445"]);
    expect(await readConfigFileStatus()).toMatchObject({ path: file, state: "invalid", message: status.message });
  });

  it("a PEM named in the file that cannot be read is an error naming its key; nothing changes", async () => {
    const next = nextImport();
    replace("vigil.config.yaml", config(["127.0.0.1:2"]).replace("clientKeyFile: auditor-key.pem", "clientKeyFile: missing-key.pem"));
    expect(await next).toMatchObject({
      state: "invalid",
      message: expect.stringMatching(/^vigil\.config\.yaml: mesh\.clientKeyFile: ENOENT/),
    });
    expect(await endpoints()).toEqual(["127.0.0.1:8443", "127.0.0.1:9445"]);
  });

  it("the fixed file is imported again", async () => {
    const next = nextImport();
    replace("vigil.config.yaml", config(["127.0.0.1:8443"]));
    expect(await next).toMatchObject({ state: "imported" });
    expect(await endpoints()).toEqual(["127.0.0.1:8443"]);
    expect(await readConfigFileStatus()).toMatchObject({ state: "imported" });
  });

  it("a rotated client certificate is a change: the new one is in force", async () => {
    const before = (await getConnectionSettings()).mesh?.clientNotAfter;
    const rotated = await leaf(pki, "auditor", { notAfter: new Date(Date.now() + 20 * 3600e3), spiffeId: null });
    const next = nextImport();
    replace("auditor.pem", rotated.fullChainPem);
    expect(await next).toMatchObject({ state: "imported" });
    const after = (await getConnectionSettings()).mesh?.clientNotAfter;
    expect(after).not.toBe(before);
    expect(Math.abs(Date.parse(after ?? "") - (Date.now() + 20 * 3600e3))).toBeLessThan(120_000);
  });

  it("a policy file edit is synced; a policy naming an unknown check id is refused with its line", async () => {
    let next = nextImport();
    replace("policy.yaml", "matrix:\n  staleDeviceDays: 3\n");
    await next;
    expect((await activePolicy()).matrix.staleDeviceDays).toBe(3);
    next = nextImport();
    replace("policy.yaml", "severities:\n  MX-NOPE: low\n");
    await next;
    expect((await activePolicy()).matrix.staleDeviceDays).toBe(3);
    expect(await syncPolicyFile()).toMatchObject({ state: "invalid", message: "policy.yaml:2: severities.MX-NOPE: unknown check id" });
  });

  it("a real check id in severities is accepted (the catalogue reaches the policy parser)", async () => {
    const next = nextImport();
    replace("policy.yaml", "severities:\n  MX-DEVICE-STALE: high\n");
    await next;
    expect((await activePolicy()).severities).toEqual({ "MX-DEVICE-STALE": "high" });
  });

  it("a file the config does not name changes nothing", async () => {
    replace("notes.txt", "not Vigil's\n");
    await expect(nextImport(1_500)).rejects.toThrow(/no import/);
  });

  it("a stopped watcher imports nothing", async () => {
    watcher.stop();
    replace("vigil.config.yaml", config(["127.0.0.1:7777"]));
    await expect(nextImport(1_500)).rejects.toThrow(/no import/);
    expect(await endpoints()).toEqual(["127.0.0.1:8443"]);
  });
});
