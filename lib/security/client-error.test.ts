import { afterEach, describe, expect, it, vi } from "vitest";
import { isInternalError, toClientError } from "./client-error";

class FindingStateError extends Error {}

afterEach(() => vi.restoreAllMocks());

describe("client errors", () => {
  it("pass a message written for a person, redacted", () => {
    const said = "That finding is already resolved.";
    expect(toClientError(new FindingStateError(said), "t")).toMatchObject({ message: said, internal: false });
    expect(toClientError(new Error("token syt_abcdefghijkl rejected"), "t").message).toBe("token syt_[redacted] rejected");
  });

  it("hide database errors (the NUL-in-a-name report), programming errors and non-errors behind a request id", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const raw = "Invalid `prisma.user.create()` invocation: invalid byte sequence for encoding \"UTF8\": 0x00";
    const prisma = Object.assign(new Error(raw), { code: "22021" });
    for (const err of [prisma, new TypeError("x is undefined"), "a string", Object.assign(new Error("boom"), { code: "P2002" })]) {
      expect(isInternalError(err)).toBe(true);
      const out = toClientError(err, "users.manage");
      expect(out.internal).toBe(true);
      expect(out.message).toBe(`Something went wrong on the server (request id ${out.requestId}). The details are in the server log.`);
      expect(out.message).not.toMatch(/prisma|0x00|undefined|boom/);
      expect(lines.at(-1)).toContain(`[request ${out.requestId}] users.manage:`);
    }
    expect(lines[0]).toContain("invalid byte sequence");
  });
});
