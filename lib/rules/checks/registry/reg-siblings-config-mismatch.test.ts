import { describe, expect, it } from "vitest";
import { agent, ctx, verdicts } from "../matrix/__fixtures__/context";
import { regSiblingsConfigMismatch } from "./reg-siblings-config-mismatch";

describe("REG-SIBLINGS-CONFIG-MISMATCH", () => {
  it("compares sets (order does not matter); extra or missing siblings fail", () => {
    const c = ctx({
      agents: [agent("a", { siblings: ["@b:hs", "@c:hs"] }), agent("b", { siblings: ["@a:hs"] }), agent("c", { siblings: [] })],
    });
    const p = (name: string, siblings: string[]) => ({ source: `${name}.env`, name, userId: `@${name}:hs`, siblings });
    c.registry.profiles = [p("a", ["@c:hs", "@b:hs"]), p("b", []), p("c", ["@a:hs"]), p("stranger", ["@a:hs"])];
    expect(verdicts(regSiblingsConfigMismatch, c)).toEqual(["a:pass", "b:fail", "c:fail"]);
    const b = regSiblingsConfigMismatch.run(c).find((r) => r.subject.id === "b");
    expect(b?.detail).toBe("Siblings differ — declared but not configured: @a:hs");
  });
});
