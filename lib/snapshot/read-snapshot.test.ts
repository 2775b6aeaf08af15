/**
 * Stored snapshots read back through one schema and one migration path. The fixture is a
 * snapshot of a real test-bed scan as the database stored it before snapshots were versioned
 * (no schemaVersion), cut down to a few rooms and users: every stored row of today looks like it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSnapshot, UnreadableSnapshotError } from "./read-snapshot";
import type { Snapshot } from "./types";
import { migrateSnapshot, SNAPSHOT_SCHEMA_VERSION, toStoredSnapshot } from "./version";

const storedBeforeVersioning: unknown = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "__fixtures__/stored-v1.json"), "utf8"));
const copy = (): Record<string, unknown> => structuredClone(storedBeforeVersioning) as Record<string, unknown>;

function readable(data: unknown): Snapshot {
  const read = readSnapshot(data, "s1");
  if (read instanceof UnreadableSnapshotError) throw read;
  return read;
}

const reasonFor = (data: unknown) => {
  const read = readSnapshot(data, "s1");
  return read instanceof UnreadableSnapshotError ? read.message : "readable";
};

describe("readSnapshot on a row stored before versioning", () => {
  it("reads it as version 1, every field kept as stored", () => {
    expect(storedBeforeVersioning).not.toHaveProperty("schemaVersion");
    expect(readable(storedBeforeVersioning)).toEqual({ ...copy(), schemaVersion: 1 });
  });

  it("keeps the fields added since the schema was written: chain completeness and what each probe's answer said", () => {
    const read = readable(storedBeforeVersioning);
    const endpoints = read.mesh?.endpoints ?? [];
    expect(endpoints.some((e) => e.chain[0]?.chainComplete === false && e.chain[0].missingIssuer !== undefined)).toBe(true);
    expect(endpoints.some((e) => Object.values(e.probes).some((p) => p.httpSummary !== undefined))).toBe(true);
    const redirected = structuredClone(read);
    const probe = redirected.mesh?.endpoints[0]?.probes.withClientCert;
    if (!probe) throw new Error("fixture endpoint 0 has no probe with the client certificate");
    Object.assign(probe, { httpStatus: 302, httpLocation: "https://127.0.0.1:1/login" });
    const leaf = redirected.mesh?.endpoints[0]?.chain[0];
    if (!leaf) throw new Error("fixture endpoint 0 has no leaf");
    Object.assign(leaf, { chainComplete: false, missingIssuer: "CN=Issuing CA" });
    expect(readable(redirected)).toEqual(redirected);
  });

  it("reads the bots' configs, added since as an optional part: absent in it, kept as stored when present", () => {
    expect(readable(storedBeforeVersioning).bots).toBeUndefined();
    const bots = [
      { agent: "hotel", path: "/srv/hotel/config.yaml", section: "encryption", encryption: { allow: true, verificationLevels: {} } },
      { agent: "india", path: "/srv/india/config.yaml", error: "/srv/india/config.yaml: ENOENT" },
    ];
    expect(readable({ ...copy(), bots })).toEqual({ ...copy(), bots, schemaVersion: 1 });
  });

  it("round-trips what this Vigil stores now: versioned, registry included", () => {
    const read = readable(storedBeforeVersioning);
    const registry = read.registry ?? { agents: [], allowedMembers: [] };
    const stored = JSON.parse(JSON.stringify(toStoredSnapshot(read, registry))) as unknown;
    expect(stored).toMatchObject({ schemaVersion: SNAPSHOT_SCHEMA_VERSION });
    expect(readable(stored)).toEqual(read);
  });
});

describe("readSnapshot on what it cannot read: a typed error naming the snapshot and the field, never a throw", () => {
  it("a snapshot from a newer Vigil", () => {
    expect(reasonFor({ ...copy(), schemaVersion: 9 })).toBe(
      "snapshot s1 is unreadable: (root): schemaVersion 9 was written by a newer Vigil; this one reads up to 1",
    );
  });

  it("a damaged field deep inside", () => {
    const damaged = copy();
    const mesh = damaged.mesh as { endpoints: { chain: { notAfter: unknown }[] }[] };
    const leaf = mesh.endpoints.find((e) => e.chain.length > 0)?.chain[0];
    if (!leaf) throw new Error("fixture has no endpoint with a chain");
    leaf.notAfter = 1767225600000;
    const at = mesh.endpoints.findIndex((e) => e.chain[0] === leaf);
    expect(reasonFor(damaged)).toBe(
      `snapshot s1 is unreadable: mesh.endpoints.${at}.chain.0.notAfter: Invalid input: expected string, received number`,
    );
  });

  it("a recent field of the wrong type: they are declared, not merely passed through", () => {
    const damaged = copy();
    const mesh = damaged.mesh as { endpoints: { chain: Record<string, unknown>[]; probes: Record<string, Record<string, unknown>> }[] };
    const first = mesh.endpoints[0];
    const probe = first?.probes.withClientCert;
    const leaf = first?.chain[0];
    if (!probe || !leaf) throw new Error("fixture endpoint 0 has no probe or leaf");
    probe.httpSummary = 200;
    leaf.chainComplete = "yes";
    expect(reasonFor(damaged)).toBe(
      "snapshot s1 is unreadable: mesh.endpoints.0.chain.0.chainComplete: Invalid input: expected boolean, received string; " +
        "mesh.endpoints.0.probes.withClientCert.httpSummary: Invalid input: expected string, received number",
    );
  });

  it("a bot config's fact of the wrong type", () => {
    const bots = [{ agent: "hotel", path: "/srv/hotel/config.yaml", encryption: { require: "yes" } }];
    expect(reasonFor({ ...copy(), bots })).toBe(
      "snapshot s1 is unreadable: bots.0.encryption.require: Invalid input: expected boolean, received string",
    );
  });

  it("a required part missing, and several at once (the first three are quoted)", () => {
    const { errors, ...noErrors } = copy();
    void errors;
    expect(reasonFor(noErrors)).toBe("snapshot s1 is unreadable: errors: Invalid input: expected array, received undefined");
    const broken = { ...copy(), takenAt: "yesterday", errors: "none", matrix: 1, mesh: 2 };
    expect(reasonFor(broken)).toMatch(/^snapshot s1 is unreadable: takenAt: .*; matrix: .*; mesh: .* \(and 1 more\)$/);
  });

  it.each([
    ["null", null, "not a JSON object"],
    ["a missing row", undefined, "not a JSON object"],
    ["a string", "{}", "not a JSON object"],
    ["an array", [], "not a JSON object"],
    ["a version that is not a number", { ...copy(), schemaVersion: "1" }, "schemaVersion is not a positive whole number"],
    ["version 0", { ...copy(), schemaVersion: 0 }, "schemaVersion is not a positive whole number"],
  ])("%s", (_what, data, reason) => {
    const read = readSnapshot(data, "s1");
    expect(read).toBeInstanceOf(UnreadableSnapshotError);
    expect(read).toMatchObject({ snapshotId: "s1", message: `snapshot s1 is unreadable: (root): ${reason}` });
  });
});

describe("migrateSnapshot: the path a future shape change takes", () => {
  // Two made-up steps stand in for the day the shape changes: the loop is what is tested.
  const steps = {
    1: (v1: Record<string, unknown>) => ({ ...v1, renamed: v1.takenAt, takenAt: undefined }),
    2: (v2: Record<string, unknown>) => ({ ...v2, seenBy: "v2 → v3" }),
  };

  it("applies each step from the stored version up, in order, and stamps the result", () => {
    expect(migrateSnapshot({ takenAt: "t" }, steps, 3)).toEqual({
      ok: true,
      from: 1,
      snapshot: { renamed: "t", takenAt: undefined, seenBy: "v2 → v3", schemaVersion: 3 },
    });
    expect(migrateSnapshot({ schemaVersion: 2, takenAt: "t" }, steps, 3)).toEqual({
      ok: true,
      from: 2,
      snapshot: { takenAt: "t", seenBy: "v2 → v3", schemaVersion: 3 },
    });
    expect(migrateSnapshot({ schemaVersion: 3, takenAt: "t" }, steps, 3)).toEqual({
      ok: true,
      from: 3,
      snapshot: { takenAt: "t", schemaVersion: 3 },
    });
  });

  it("refuses a gap in the steps instead of passing an old shape off as new", () => {
    expect(migrateSnapshot({ takenAt: "t" }, { 2: steps[2] }, 3)).toEqual({ ok: false, reason: "no migration from schemaVersion 1 to 2" });
  });

  it("today: version 1 is current and needs no step", () => {
    expect(SNAPSHOT_SCHEMA_VERSION).toBe(1);
    expect(migrateSnapshot(storedBeforeVersioning)).toEqual({ ok: true, from: 1, snapshot: { ...copy(), schemaVersion: 1 } });
  });
});
