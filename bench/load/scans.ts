/**
 * Keeps a scan running through the benchmark's window the way a person (or a scheduler) would: an auditor asks for
 * one through POST /api/scans whenever none is pending, checking twice a second. Then reads back, through GET
 * /api/scans, which scans overlapped the window and for what share of it one was running.
 */
import { z } from "zod";
import type { Person } from "./client";

const POLL_MS = 500;

const ScanList = z.object({
  pending: z.boolean(),
  scans: z.array(
    z.object({
      id: z.string(),
      trigger: z.string(),
      status: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
});

async function listScans(scanner: Person): Promise<z.infer<typeof ScanList>> {
  const a = await scanner.request("GET", "/api/scans");
  if (a.status !== 200) throw new Error(`GET /api/scans answered ${a.status}: ${(a.error ?? a.body).slice(0, 200)}`);
  return ScanList.parse(JSON.parse(a.body));
}

/** Asks for a scan whenever none is pending, until `deadline`. Returns how many requests were accepted (202 or 200). */
export async function scanUntilDeadline(scanner: Person, deadline: number): Promise<{ accepted: number; refused: string[] }> {
  let accepted = 0;
  const refused: string[] = [];
  while (Date.now() < deadline) {
    const { pending } = await listScans(scanner);
    if (!pending) {
      // A same-origin POST, as the Scan button sends it (withAction refuses other origins).
      const origin = new URL("/", scanner.baseUrl).origin;
      const a = await scanner.request("POST", "/api/scans", { headers: { origin, "content-type": "application/json" }, body: "{}" });
      if (a.status === 202 || a.status === 200) accepted++;
      else if (refused.length < 5) refused.push(`${a.status}: ${(a.error ?? a.body).slice(0, 200)}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return { accepted, refused };
}

/** The scans that ran at some point between `from` and `to`, and the share of that time a scan was running. */
export async function observeScans(scanner: Person, from: number, to: number) {
  const { scans } = await listScans(scanner);
  const overlapping = scans
    .filter((s) => s.trigger !== "bench")
    .map((s) => ({ ...s, start: Date.parse(s.startedAt), end: s.finishedAt ? Date.parse(s.finishedAt) : to }))
    .filter((s) => s.start <= to && s.end >= from);
  // Scans never overlap (one at a time), so their clipped lengths add up.
  const busyMs = overlapping.reduce((sum, s) => sum + Math.min(s.end, to) - Math.max(s.start, from), 0);
  const statuses: Record<string, number> = {};
  for (const s of overlapping) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  const finished = overlapping.filter((s) => s.finishedAt).map((s) => s.end - s.start);
  return {
    during: overlapping.length,
    busyPercent: Math.round((busyMs / (to - from)) * 100),
    statuses,
    medianDurationMs: finished.sort((a, b) => a - b)[Math.floor(finished.length / 2)] ?? null,
  };
}
