/** Latency arithmetic for the load benchmark: nearest-rank percentiles over every request, overall and per route. */

export interface Sample {
  route: string;
  ms: number;
  ok: boolean;
  /** A page reached by in-app navigation (RSC) rather than opened as a document. */
  navigation?: boolean;
  /** When the request started, ms after the window opened (for --trace). */
  atMs?: number;
}

/** Nearest-rank percentile (q in 0..1) of values sorted ascending; NaN when there are none. */
export function percentile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const ms = (n: number) => Math.round(n);

export function summarise(samples: readonly Sample[]) {
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  const byRoute = new Map<string, Sample[]>();
  for (const s of samples) byRoute.set(s.route, [...(byRoute.get(s.route) ?? []), s]);
  const perRoute = Object.fromEntries(
    [...byRoute]
      .map(([route, list]) => {
        const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
        const errors = list.filter((s) => !s.ok).length;
        return [
          route,
          {
            requests: list.length,
            errors,
            p50Ms: ms(percentile(sorted, 0.5)),
            p99Ms: ms(percentile(sorted, 0.99)),
            maxMs: ms(percentile(sorted, 1)),
          },
        ] as const;
      })
      .sort((a, b) => b[1].p99Ms - a[1].p99Ms),
  );
  return {
    requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    p50Ms: ms(percentile(all, 0.5)),
    p95Ms: ms(percentile(all, 0.95)),
    p99Ms: ms(percentile(all, 0.99)),
    maxMs: ms(percentile(all, 1)),
    navigations: samples.filter((s) => s.navigation).length,
    perRoute,
  };
}

/** A small seeded PRNG (mulberry32), so two runs draw the same orders and think times. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
