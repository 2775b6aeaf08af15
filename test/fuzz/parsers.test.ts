/**
 * Every parser of outside data under a seeded fuzz run (#14): no crash (an exception that is not the parser's typed
 * error), no hang, every rejection a typed error with a clear message. A few hundred cases each, so the suite stays
 * fast; bench/fuzz/run.ts runs the same targets with >= 10,000 cases each.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { clearMessage, fuzz } from "@/test/support/fuzz-harness";
import { fuzzWorkDir, makeFuzzTargets, mutatedJson } from "@/test/support/fuzz-targets";
import fc from "fast-check";

const workDir = fuzzWorkDir();
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));
const targets = await makeFuzzTargets(workDir);
const SEED = 1414;

describe("fuzzed parsers", () => {
  it("cover every outside-data parser named in #14", () => {
    expect(targets.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "homeserver: rooms",
        "homeserver: room state",
        "homeserver: devices",
        "homeserver: keys/query",
        "homeserver: backup",
        "PEM bundle",
        "X.509 certificate and chain",
        "HTTP answer",
        "config YAML",
        "policy YAML",
        "bot config YAML",
        "evidence zip",
        "webhook signature",
        "stored snapshot",
      ]),
    );
  });

  it.each(targets.map((t) => [t.name, t] as const))(
    "%s: no crash, no hang, typed rejections",
    async (_name, target) => {
      const report = await fuzz(target, { cases: target.name === "evidence zip" ? 60 : 250, seed: SEED, caseTimeoutMs: 2_000 });
      expect(report.examples).toEqual([]);
      expect(report).toMatchObject({ crashes: 0, hangs: 0 });
      // The arbitraries reach both sides: some inputs parse, and (where the parser can refuse) some are refused.
      expect(report.returned + report.rejected).toBe(report.cases);
      expect(report.returned).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe("the harness itself", () => {
  it("counts a foreign exception as a crash, an unclear typed one as a crash, and a slow case as a hang", async () => {
    class Typed extends Error {}
    const input = fc.constant(1);
    const crash = await fuzz(
      { name: "c", input, run: () => JSON.parse("{"), typed: (e) => e instanceof Typed },
      { cases: 3, seed: 1, caseTimeoutMs: 500 },
    );
    expect(crash).toMatchObject({ crashes: 3, rejected: 0 });
    const unclear = await fuzz(
      {
        name: "u",
        input,
        run: () => {
          throw new Typed("value was undefined");
        },
        typed: (e) => e instanceof Typed,
      },
      { cases: 2, seed: 1, caseTimeoutMs: 500 },
    );
    expect(unclear).toMatchObject({ crashes: 2, rejected: 0 });
    const hang = await fuzz(
      { name: "h", input, run: () => new Promise(() => {}), typed: () => false },
      { cases: 2, seed: 1, caseTimeoutMs: 50 },
    );
    expect(hang).toMatchObject({ hangs: 2, returned: 0 });
    expect(clearMessage(new Typed("vigil.config.yaml:3: mesh: expected object"))).toBeUndefined();
  });

  it("mutatedJson changes exactly one node of valid data", () => {
    const base = { a: [1, 2], b: { c: "x" } };
    for (const v of fc.sample(mutatedJson(base), { numRuns: 50, seed: 7 }))
      expect(JSON.stringify(v) === JSON.stringify(base) || v !== base).toBe(true);
  });
});
