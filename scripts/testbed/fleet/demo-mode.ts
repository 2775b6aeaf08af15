/**
 * A demo behaviour, never a test bed default: in `npm run demo` (up.ts --demo) a person walks the
 * auditor device's emoji verification, and nobody is there to hand the agent what the browser shows
 * (the tests do that through the control channel). So a js-sdk agent writes its seven emoji to the
 * demo's log, for the person to compare with the browser, and confirms on its own a few seconds later.
 * A real agent confirms only when its operator compared the emoji; that is why this is off unless the
 * demo (or a test that means to walk the demo) switches it on.
 */
import type { ShowSasCallbacks } from "matrix-js-sdk/lib/crypto-api/verification.js";

/** How long an agent waits after showing its emoji before it confirms in demo mode. */
export const DEMO_CONFIRM_AFTER_MS = 5_000;
/** The demo log the control channel hands back keeps this many lines (bounded memory). */
const KEPT_LINES = 50;

export interface DemoMode {
  /** null: off (agents confirm only through the control channel's compare). */
  confirmAfterMs(): number | null;
  set(confirmAfterMs: number | null): void;
  /** The last lines demo mode logged, oldest first. */
  lines(): string[];
  /**
   * A SAS the agent just computed: log its emoji, and confirm after the delay unless `decided()` says
   * someone already answered (a compare through the control channel, or a cancel).
   */
  onSas(agent: string, sas: ShowSasCallbacks, decided: () => boolean): void;
  stop(): void;
}

export function demoMode(initialConfirmAfterMs: number | null, log: (m: string) => void): DemoMode {
  let after = initialConfirmAfterMs;
  const kept: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const say = (m: string) => {
    kept.push(m);
    if (kept.length > KEPT_LINES) kept.shift();
    log(m);
  };
  if (after !== null) say(`demo: agents confirm automatically ${after / 1000} s after showing their emoji`);
  return {
    confirmAfterMs: () => after,
    set: (ms) => {
      after = ms;
      say(ms === null ? "demo: automatic confirmation off" : `demo: agents confirm automatically ${ms / 1000} s after showing their emoji`);
    },
    lines: () => [...kept],
    onSas(agent, sas, decided) {
      if (after === null) return;
      const emoji = (sas.sas.emoji ?? []).map(([symbol, name]) => `${symbol} ${name}`).join("  ");
      say(`demo: ${agent} shows  ${emoji}  (compare with the auditor device page)`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (decided()) return;
        say(`demo: confirming automatically as ${agent} (a real agent confirms only after its operator compared the emoji)`);
        sas.confirm().catch((e: unknown) => say(`demo: ${agent}: confirming failed: ${(e as Error).message}`));
      }, after);
      timers.add(timer);
    },
    stop: () => {
      timers.forEach(clearTimeout);
      timers.clear();
    },
  };
}
