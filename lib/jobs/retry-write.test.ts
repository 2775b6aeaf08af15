/** retryWrite: a write that fails a few times (a database restarting) is repeated with growing pauses, within a bound. */
import { describe, expect, it } from "vitest";
import { retryWrite } from "./retry-write";

describe("retryWrite", () => {
  it("repeats a failing write until it succeeds, saying each failure, with doubling pauses", async () => {
    let calls = 0;
    const told: number[] = [];
    const started = Date.now();
    const result = await retryWrite(
      async () => {
        if (++calls < 3) throw new Error("Connection terminated");
        return "written";
      },
      { firstDelayMs: 20, onRetry: (_err, attempt) => told.push(attempt) },
    );
    expect(result).toBe("written");
    expect(calls).toBe(3);
    expect(told).toEqual([1, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55); // 20 + 40 ms, less a timer's rounding
  });

  it("gives up after its attempts with the last error, not a made-up one", async () => {
    let calls = 0;
    const write = async () => {
      calls++;
      throw new Error(`refused ${calls}`);
    };
    await expect(retryWrite(write, { attempts: 3, firstDelayMs: 1 })).rejects.toThrow("refused 3");
    expect(calls).toBe(3);
  });

  it("a write that succeeds at once is made once", async () => {
    let calls = 0;
    expect(await retryWrite(async () => ++calls)).toBe(1);
    expect(calls).toBe(1);
  });
});
