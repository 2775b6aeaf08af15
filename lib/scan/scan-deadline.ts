/**
 * A scan's time limit (#14), as one AbortSignal the collectors take down to their sockets: when the limit passes,
 * every homeserver request and mesh or conformance probe still in flight is cancelled and its connection closed,
 * instead of running on in the background after the scan has failed. Each source also races the limit here, so a
 * source that does not stop at once still fails at the limit, with an error naming it.
 */

export class ScanTimeLimitError extends Error {
  override name = "ScanTimeLimitError";
}

const inWords = (ms: number) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

export interface ScanDeadline {
  /** Aborts when the limit passes; its reason is a ScanTimeLimitError naming the limit. */
  readonly signal: AbortSignal;
  /** `work`, or a ScanTimeLimitError saying `what` did not finish in time (whatever `work` read is dropped). */
  race<T>(work: Promise<T>, what: string): Promise<T>;
  /** Clears the timer once the scan's collection is over (a finished scan must not abort later). */
  dispose(): void;
}

/** Starts the clock of a scan whose collection may take `limitMs`. */
export function startScanDeadline(limitMs: number): ScanDeadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new ScanTimeLimitError(`the scan's time limit (${inWords(limitMs)}) was reached; the request was cancelled`)),
    limitMs,
  );
  timer.unref(); // a scan's clock never keeps the process alive on its own
  const { signal } = controller;
  const late = (what: string) =>
    new ScanTimeLimitError(`${what} did not finish within the scan's time limit (${inWords(limitMs)}); nothing it read was kept`);

  return {
    signal,
    async race<T>(work: Promise<T>, what: string): Promise<T> {
      if (signal.aborted) {
        work.catch(() => undefined); // started before the check; its outcome no longer matters
        throw late(what);
      }
      let onAbort: (() => void) | undefined;
      const expired = new Promise<never>((_, reject) => {
        onAbort = () => reject(late(what));
        signal.addEventListener("abort", onAbort, { once: true });
      });
      try {
        // A source that stops on the signal rejects with its own words; the limit's are the ones that explain it.
        return await Promise.race([work.catch((e: unknown) => Promise.reject(signal.aborted ? late(what) : e)), expired]);
      } finally {
        if (onAbort) signal.removeEventListener("abort", onAbort);
      }
    },
    dispose: () => clearTimeout(timer),
  };
}
