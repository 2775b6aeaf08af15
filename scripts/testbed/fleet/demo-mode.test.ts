/**
 * The demo's self-confirming agents (demo-mode.ts) without a homeserver: what they log, that they confirm only
 * after the delay and only while nobody else answered, and that off means off. The real SAS with a real agent
 * is e2e/demo-walk.spec.ts.
 */
import type { ShowSasCallbacks } from "matrix-js-sdk/lib/crypto-api/verification.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { demoMode } from "./demo-mode";

/** A SAS as the js-sdk hands it to an agent, counting the agent's confirmations. */
function sasShown(): { sas: ShowSasCallbacks; confirmations: () => number } {
  let confirmed = 0;
  const sas: ShowSasCallbacks = {
    sas: {
      emoji: [
        ["🐶", "Dog"],
        ["🔑", "Key"],
        ["🏁", "Flag"],
        ["🍕", "Pizza"],
        ["🔥", "Fire"],
        ["🌵", "Cactus"],
        ["☂️", "Umbrella"],
      ],
    },
    confirm: async () => {
      confirmed++;
    },
    mismatch: () => {},
    cancel: () => {},
  };
  return { sas, confirmations: () => confirmed };
}

// The clock is the test's: a loaded machine must not decide whether "after the delay" has come.
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("demo mode", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("on: logs the agent's seven emoji at once, and confirms once after the delay", async () => {
    const logged: string[] = [];
    const demo = demoMode(40, (m) => logged.push(m));
    const { sas, confirmations } = sasShown();
    demo.onSas("alpha", sas, () => false);
    expect(demo.lines().at(-1)).toBe(
      "demo: alpha shows  🐶 Dog  🔑 Key  🏁 Flag  🍕 Pizza  🔥 Fire  🌵 Cactus  ☂️ Umbrella  " + "(compare with the auditor device page)",
    );
    expect(confirmations()).toBe(0);
    await sleep(120);
    expect(confirmations()).toBe(1);
    expect(demo.lines().at(-1)).toMatch(/^demo: confirming automatically as alpha/);
    expect(logged).toEqual(demo.lines()); // every line also went to the test bed's log
  });

  it("does not confirm a SAS someone already answered (a compare through the control channel, a cancel)", async () => {
    const demo = demoMode(20, () => {});
    const { sas, confirmations } = sasShown();
    demo.onSas("beta", sas, () => true);
    await sleep(80);
    expect(confirmations()).toBe(0);
    expect(demo.lines().some((l) => l.includes("confirming automatically"))).toBe(false);
  });

  it("off (the test bed's default): no log line, no confirmation; switched on and off through set()", async () => {
    const demo = demoMode(null, () => {});
    const { sas, confirmations } = sasShown();
    demo.onSas("alpha", sas, () => false);
    await sleep(40);
    expect([confirmations(), demo.lines()]).toEqual([0, []]);
    demo.set(10);
    expect(demo.confirmAfterMs()).toBe(10);
    demo.onSas("alpha", sas, () => false);
    await sleep(60);
    expect(confirmations()).toBe(1);
    demo.set(null);
    expect(demo.lines().at(-1)).toBe("demo: automatic confirmation off");
  });

  it("stop() cancels a confirmation still waiting; the log keeps only its last 50 lines", async () => {
    const demo = demoMode(30, () => {});
    const { sas, confirmations } = sasShown();
    demo.onSas("alpha", sas, () => false);
    demo.stop();
    await sleep(80);
    expect(confirmations()).toBe(0);
    for (let i = 0; i < 60; i++) demo.set(i);
    expect(demo.lines()).toHaveLength(50);
    expect(demo.lines().at(-1)).toBe("demo: agents confirm automatically 0.059 s after showing their emoji");
  });
});
