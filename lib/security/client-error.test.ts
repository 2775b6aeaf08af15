import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The process logger reads VIGIL_LOG_FILE when it loads: point it at a file of this test's own first.
const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-client-error-"));
const logFile = path.join(dir, "log.jsonl");
process.env.VIGIL_LOG_FILE = logFile;
const { isInternalError, toClientError } = await import("./client-error");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class FindingStateError extends Error {}

const logLines = (): Record<string, unknown>[] =>
  readFileSync(logFile, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("client errors", () => {
  it("pass a message written for a person, redacted", () => {
    const said = "That finding is already resolved.";
    expect(toClientError(new FindingStateError(said), "t")).toMatchObject({ message: said, internal: false });
    expect(toClientError(new Error("token syt_abcdefghijkl rejected"), "t").message).toBe("token syt_[redacted] rejected");
  });

  it("hide database errors (the NUL-in-a-name report), programming errors and non-errors behind a request id", () => {
    const raw = 'Invalid `prisma.user.create()` invocation: invalid byte sequence for encoding "UTF8": 0x00';
    const prisma = Object.assign(new Error(raw), { code: "22021" });
    for (const err of [prisma, new TypeError("x is undefined"), "a string", Object.assign(new Error("boom"), { code: "P2002" })]) {
      expect(isInternalError(err)).toBe(true);
      const out = toClientError(err, "users.manage");
      expect(out.internal).toBe(true);
      expect(out.message).toBe(`Something went wrong on the server (request id ${out.requestId}). The details are in the server log.`);
      expect(out.message).not.toMatch(/prisma|0x00|undefined|boom/);
      // The server log has the whole error as one JSON line under the same request id.
      expect(logLines().at(-1)).toMatchObject({ level: "error", requestId: out.requestId, context: "users.manage" });
    }
    expect(logLines()[0]?.err).toMatchObject({ message: expect.stringContaining("invalid byte sequence") as unknown });
    expect(logLines()[2]?.err).toBe("a string");
  });
});
