import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, Throttle } from "./throttle";

describe("Throttle", () => {
  it("allows the free failures, then doubles the wait with each failure, up to the cap", () => {
    const t = new Throttle(ACCOUNT_RULE);
    let now = 1_000_000;
    for (let i = 0; i < 5; i++) t.fail("a", now);
    expect(t.waitMs("a", now)).toBe(0);
    t.fail("a", now);
    expect(t.waitMs("a", now)).toBe(1_000);
    now += 1_000;
    t.fail("a", now);
    expect(t.waitMs("a", now)).toBe(2_000);
    for (let i = 0; i < 40; i++) t.fail("a", now);
    expect(t.waitMs("a", now)).toBe(15 * 60_000);
  });

  it("reproduces the report: 50 wrong passwords leave the account waiting, so the right one is not even checked", () => {
    const t = new Throttle(ACCOUNT_RULE);
    const now = 5_000_000;
    for (let i = 0; i < 50; i++) t.fail("admin@vigil.test", now + i * 10);
    expect(t.waitMs("admin@vigil.test", now + 500)).toBeGreaterThan(60_000);
  });

  it("bounds audit writes: the first failures, then only each doubling; one refusal per blocked period", () => {
    const t = new Throttle(ACCOUNT_RULE);
    const audited = Array.from({ length: 64 }, () => t.fail("k", 1).audit).filter(Boolean).length;
    expect(audited).toBe(5 + 4); // failures 1..5, then 8, 16, 32 and 64
    expect(t.firstRefusal("k", 2)).toBe(true);
    expect(t.firstRefusal("k", 3)).toBe(false);
  });

  it("forgets a key after a quiet day, clears on success, and stays within its size", () => {
    const t = new Throttle(ACCOUNT_RULE, 3);
    for (let i = 0; i < 10; i++) t.fail("x", 0);
    expect(t.waitMs("x", 1)).toBeGreaterThan(0);
    expect(t.waitMs("x", 24 * 3_600_000 + 1)).toBe(0);
    for (let i = 0; i < 10; i++) t.fail("y", 0);
    t.clear("y");
    expect(t.waitMs("y", 1)).toBe(0);
    for (const k of ["p", "q", "r", "s"]) for (let i = 0; i < 10; i++) t.fail(k, 0);
    expect(t.waitMs("p", 1)).toBe(0); // the oldest was evicted
    expect(t.waitMs("s", 1)).toBeGreaterThan(0);
  });
});
