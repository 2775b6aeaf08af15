import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger, redactDeep } from "./logger";

const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-log-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = "syt_YWxwaGE_kTqZbWJnUoHvyRmCdXsA_1nQpDx";
const KEY = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGlogtest\n-----END PRIVATE KEY-----";

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("log", () => {
  it("writes one JSON line per call with a named level, a time and the bound context", () => {
    const file = path.join(dir, "context.jsonl");
    const logger = createLogger({ destination: file });
    logger.child({ requestId: "req-1", actor: "alice@example.org" }).info({ scanId: "scan-1", durationMs: 12 }, "scan finished");
    const [line] = lines(file);
    expect(line).toMatchObject({ level: "info", requestId: "req-1", actor: "alice@example.org", scanId: "scan-1", durationMs: 12 });
    expect(line?.msg).toBe("scan finished");
    expect(typeof line?.time).toBe("string");
  });

  it("censors secret fields by name at any depth, and secret-shaped strings in messages, fields and errors", () => {
    const file = path.join(dir, "secrets.jsonl");
    const logger = createLogger({ destination: file });
    const err = new Error(`homeserver said 401 for Bearer ${TOKEN}`, { cause: new Error(`key ${KEY}`) });
    logger.error(
      { err, accessToken: "plain-secret-value", config: { mesh: { clientKeyPem: "pem-in-a-field" } }, url: `x?access_token=${TOKEN}` },
      `msg ${TOKEN}`,
    );
    logger.warn("formatted %s", TOKEN);
    const text = readFileSync(file, "utf8");
    for (const leaked of [TOKEN, "MC4CAQAwBQYDK2VwBCIEIGlogtest", "plain-secret-value", "pem-in-a-field"])
      expect(text).not.toContain(leaked);
    const [first, second] = lines(file);
    expect(first?.err).toMatchObject({ type: "Error", message: "homeserver said 401 for Bearer [redacted]" });
    expect(first?.accessToken).toBe("[redacted]");
    expect(second?.msg).toBe("formatted syt_[redacted]");
  });

  it("drops lines below the level, and 'silent' writes nothing; an unknown level falls back to info", () => {
    const file = path.join(dir, "levels.jsonl");
    createLogger({ destination: file, level: "warn" }).info("not written");
    createLogger({ destination: file, level: "silent" }).error("not written either");
    createLogger({ destination: file, level: "LOUD" }).info("written at info");
    expect(lines(file).map((l) => l.msg)).toEqual(["written at info"]);
  });

  it("stops at a depth instead of following a cycle", () => {
    const loop: Record<string, unknown> = { name: "a" };
    loop.self = loop;
    expect(JSON.stringify(redactDeep(loop))).toContain("[too deep]");
  });
});
