import { describe, expect, it } from "vitest";
import { agent, ctx, verdicts } from "./__fixtures__/context";
import { mxSiblingsAsymmetric } from "./mx-siblings-asymmetric";

describe("MX-SIBLINGS-ASYMMETRIC", () => {
  it("fails the agent that is missing the reciprocal declaration", () => {
    const c = ctx({
      agents: [
        agent("alpha", { siblings: ["@beta:hs"] }),
        agent("beta", { siblings: ["@alpha:hs"] }),
        agent("delta", { siblings: ["@echo:hs"] }),
        agent("echo", { siblings: [] }),
      ],
    });
    expect(verdicts(mxSiblingsAsymmetric, c)).toEqual(["alpha:pass", "beta:pass", "delta:pass", "echo:fail"]);
    expect(mxSiblingsAsymmetric.run(c).find((r) => r.subject.id === "echo")?.subject.type).toBe("agent");
  });
});
