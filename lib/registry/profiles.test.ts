import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { judgedRegistry, loadAgentProfiles, parseAgentProfile } from "./profiles";

describe("parseAgentProfile", () => {
  it("reads the test bed's env format", () => {
    const text =
      "MATRIX_HOMESERVER_URL=http://127.0.0.1:8008\nMATRIX_USER_ID=@agent-alpha:vigil.test\nMATRIX_DEVICE_ID=ALPHA01\n" +
      "MATRIX_SIBLING_AGENTS=@agent-beta:vigil.test\nMATRIX_E2EE_MODE=required\n";
    expect(parseAgentProfile("/x/agents/alpha.env", text)).toEqual({
      source: "/x/agents/alpha.env",
      name: "alpha",
      userId: "@agent-alpha:vigil.test",
      deviceId: "ALPHA01",
      siblings: ["@agent-beta:vigil.test"],
      e2eeMode: "required",
      homeserverUrl: "http://127.0.0.1:8008",
    });
  });

  it("handles comments, export, quotes, several siblings and empty values", () => {
    const text =
      "# agent\nexport MATRIX_USER_ID=\"@a:hs\"\nMATRIX_SIBLING_AGENTS='@b:hs, @c:hs'\nMATRIX_DEVICE_ID=\n" +
      "MATRIX_E2EE_MODE=optional # for now\nnot a line\n";
    expect(parseAgentProfile("a.env", text)).toEqual({
      source: "a.env",
      name: "a",
      userId: "@a:hs",
      siblings: ["@b:hs", "@c:hs"],
      e2eeMode: "optional",
    });
  });
});

describe("loadAgentProfiles", () => {
  it("reads every .env in a directory, sorted, and single files", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "profiles-"));
    writeFileSync(path.join(dir, "b.env"), "MATRIX_USER_ID=@b:hs\n");
    writeFileSync(path.join(dir, "a.env"), "MATRIX_USER_ID=@a:hs\n");
    writeFileSync(path.join(dir, "notes.txt"), "ignored");
    expect(loadAgentProfiles([dir]).map((p) => p.userId)).toEqual(["@a:hs", "@b:hs"]);
    expect(loadAgentProfiles([path.join(dir, "b.env")]).map((p) => p.name)).toEqual(["b"]);
  });

  it("a missing path is an error naming it", () => {
    expect(() => loadAgentProfiles(["/nonexistent/agents"])).toThrow(/agents: agentProfiles: ENOENT/);
  });
});

describe("judgedRegistry", () => {
  it("adds the policy's allowed members without duplicates and attaches profiles", () => {
    const r = judgedRegistry({ agents: [], allowedMembers: ["@a:hs"] }, ["@a:hs", "@ops:hs"], [{ source: "x", name: "x", siblings: [] }]);
    expect(r.allowedMembers).toEqual(["@a:hs", "@ops:hs"]);
    expect(r.profiles).toHaveLength(1);
    expect(judgedRegistry({ agents: [], allowedMembers: [] }, [], []).profiles).toBeUndefined();
  });
});
