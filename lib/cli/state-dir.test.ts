import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../snapshot/types";
import { runBaselineCommand } from "./baseline-command";
import { BASELINE_FILE, LAST_FILE, openState, saveLastScan, StateError } from "./state-dir";

let dir: string;
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-state-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

// As `vigil scan` stores it (toStoredSnapshot): versioned, with the registry it was judged against.
const snapshot: Snapshot = {
  schemaVersion: 1,
  takenAt: "2026-11-01T10:00:00.000Z",
  errors: [],
  matrix: {
    homeserver: { baseUrl: "http://127.0.0.1:8008", serverName: "hs" },
    view: "admin",
    auditor: { userId: "@auditor:hs" },
    rooms: [{ roomId: "!r:hs", name: "ops \u202e<script>", encryption: null, members: ["@agent-a:hs"] }],
    users: [{ userId: "@agent-a:hs", crossSigning: { state: "present", masterKey: "MK" }, verifiedByAuditor: false }],
    devices: [{ userId: "@agent-a:hs", deviceId: "A1", trust: "unsigned" }],
  },
  registry: { agents: [{ name: "a", matrixUserId: "@agent-a:hs", deviceIds: ["A1"], siblings: [] }], allowedMembers: [] },
};
const findings = [{ key: "MX-ROOM-PLAINTEXT|room|!r:hs", check: "MX-ROOM-PLAINTEXT", severity: "critical" as const }];

function run(argv: string[]) {
  let out = "";
  let err = "";
  const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) }, env: { NODE_ENV: "test" as const } };
  const code = runBaselineCommand(argv, io, new Date("2026-11-02T00:00:00Z"));
  return { code, out, err };
}

describe("state directory", () => {
  it("keeps a scan as written (hostile strings verbatim), mode 0600, with no temp file left behind", () => {
    saveLastScan(openState(dir), { savedAt: "2026-11-01T10:00:05.000Z", snapshot, findings });
    const state = openState(dir);
    expect(state.last?.snapshot).toEqual(snapshot);
    expect(state.last?.findings).toEqual(findings);
    expect(state.baseline).toBeUndefined();
    expect(fs.statSync(path.join(dir, LAST_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([LAST_FILE]);
  });

  it("reads a snapshot kept before snapshots were versioned as version 1", () => {
    const { schemaVersion, ...unversioned } = snapshot;
    saveLastScan(openState(dir), { savedAt: "2026-11-01T10:00:05.000Z", snapshot: unversioned, findings });
    expect(JSON.parse(fs.readFileSync(path.join(dir, LAST_FILE), "utf8"))).not.toHaveProperty("snapshot.schemaVersion");
    expect(openState(dir).last?.snapshot).toEqual({ ...unversioned, schemaVersion });
  });

  it("creates a missing directory, and refuses a path that is a file", () => {
    expect(openState(path.join(dir, "a/b")).last).toBeUndefined();
    fs.writeFileSync(path.join(dir, "plain"), "x");
    expect(() => openState(path.join(dir, "plain"))).toThrow(StateError);
  });

  const last = { schemaVersion: 1, kind: "vigil/last-complete-scan" };
  const wrongShape = { ...last, savedAt: "2026-11-01T00:00:00Z", snapshot: { takenAt: "yesterday", errors: [] }, findings: [] };
  const cases: [string, string, RegExp][] = [
    ["corrupt JSON", '{"schemaVersion": 1, "kind": ', /last\.json: is not valid JSON/],
    ["a foreign JSON file", JSON.stringify({ hello: "world" }), /last\.json: is not a Vigil state file/],
    [
      "a baseline in place of the last scan",
      JSON.stringify({ schemaVersion: 1, kind: "vigil/accepted-baseline" }),
      /last\.json: holds "vigil\/accepted-baseline", expected "vigil\/last-complete-scan"/,
    ],
    [
      "a newer schema version",
      JSON.stringify({ ...last, schemaVersion: 2 }),
      /last\.json: has schemaVersion 2; this Vigil reads version 1/,
    ],
    ["the right header on the wrong shape", JSON.stringify(wrongShape), /last\.json: does not have the expected shape \(snapshot\.takenAt/],
    [
      "a snapshot from a newer Vigil",
      JSON.stringify({ ...wrongShape, snapshot: { schemaVersion: 9, takenAt: "2026-11-01T00:00:00Z", errors: [] } }),
      /last\.json: does not have the expected shape \(snapshot: schemaVersion 9 was written by a newer Vigil; this one reads up to 1\)/,
    ],
  ];
  for (const [what, text, message] of cases) {
    it(`names the file for ${what}, and leaves it untouched`, () => {
      const file = path.join(dir, LAST_FILE);
      fs.writeFileSync(file, text);
      expect(() => openState(dir)).toThrow(message);
      expect(run(["accept", "--state", dir])).toMatchObject({ code: 2, err: expect.stringMatching(message) });
      expect(fs.readFileSync(file, "utf8")).toBe(text);
      expect(fs.existsSync(path.join(dir, BASELINE_FILE))).toBe(false);
    });
  }
});

describe("vigil baseline accept", () => {
  it("refuses when no complete scan was kept", () => {
    const r = run(["accept", "--state", dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no complete scan to accept \(last\.json is missing\)/);
    expect(fs.existsSync(path.join(dir, BASELINE_FILE))).toBe(false);
  });

  it("copies the last complete scan into baseline.json, with who and when", () => {
    saveLastScan(openState(dir), { savedAt: "2026-11-01T10:00:05.000Z", snapshot, findings });
    const r = run(["accept", "--state", dir, "--by", "ci@example.org"]);
    expect(r).toMatchObject({
      code: 0,
      out: expect.stringMatching(/Accepted the complete scan of 2026-11-01T10:00:00.000Z as the baseline/),
    });
    expect(openState(dir).baseline).toEqual({
      schemaVersion: 1,
      kind: "vigil/accepted-baseline",
      acceptedAt: "2026-11-02T00:00:00.000Z",
      acceptedBy: "ci@example.org",
      snapshot,
    });
    expect(fs.statSync(path.join(dir, BASELINE_FILE)).mode & 0o777).toBe(0o600);
  });

  it("bad usage is exit 2 with the usage line", () => {
    expect(run(["accept"])).toMatchObject({ code: 2, err: expect.stringMatching(/usage: vigil baseline accept --state/) });
    expect(run(["reject", "--state", dir]).code).toBe(2);
  });
});
