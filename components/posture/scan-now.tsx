"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Icon } from "@/components/ui/icon";

interface ScanRow {
  id: string;
  status: "running" | "complete" | "partial" | "failed";
  stage: string | null;
  progress: number;
}

interface ScanList {
  scans: ScanRow[];
  /** A scan job is due or running: not finished, even while no Scan row runs yet. */
  pending: boolean;
}

async function fetchScans(): Promise<ScanList> {
  const res = await fetch("/api/scans", { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not read scan progress (HTTP ${res.status}).`);
  const body = (await res.json()) as { scans: ScanRow[]; pending?: boolean };
  return { scans: body.scans, pending: body.pending === true };
}

/** What the server did with "Scan now": queued a new scan, or joined the one queued or running. */
interface ScanRequest {
  outcome: "queued" | "joined";
  scanId: string | null;
}

async function startScan(): Promise<ScanRequest> {
  const res = await fetch("/api/scans", { method: "POST" });
  const body = (await res.json().catch(() => ({}))) as { outcome?: string; scanId?: string | null; error?: string };
  if (res.status === 403) throw new Error(body.error ?? "Your role may not start a scan; ask an auditor or admin.");
  if (!res.ok) throw new Error(body.error ?? `The scan could not start (HTTP ${res.status}).`);
  return { outcome: body.outcome === "joined" ? "joined" : "queued", scanId: body.scanId ?? null };
}

function followedScan(list: ScanList | undefined, following: string | null): ScanRow | undefined {
  if (!list || following === null) return undefined;
  return following === "running" ? list.scans.find((s) => s.status === "running") : list.scans.find((s) => s.id === following);
}

/** Still going: the followed scan runs, or (followed by "running") a scan job is pending. */
function stillGoing(list: ScanList | undefined, following: string | null): boolean {
  const current = followedScan(list, following);
  if (current) return current.status === "running";
  return following === "running" && list?.pending === true;
}

/**
 * "Scan now": starts a scan, follows it every second with a progress bar, and
 * refreshes the server-rendered page when it ends. `runningScanId` resumes
 * following a scan that was already running when the page loaded.
 */
export function ScanNow({ runningScanId, canScan }: { runningScanId: string | null; canScan: boolean }) {
  const router = useRouter();
  const [following, setFollowing] = useState<string | null>(runningScanId);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [joined, setJoined] = useState(false);

  // Poll every second only while the followed scan runs; the interval stops itself when it ends.
  const scans = useQuery({
    queryKey: ["scans"],
    queryFn: fetchScans,
    enabled: following !== null,
    staleTime: 0,
    refetchInterval: (q) => (stillGoing(q.state.data, following) ? 1000 : false),
  });
  const current = followedScan(scans.data, following);
  // "running" stands for a scan whose id the server did not return yet: done once none runs or waits.
  const finished = following !== null && scans.isFetched && !stillGoing(scans.data, following);
  const running = following !== null && !finished;

  // Re-render the server components with the new snapshot (an external system: the router).
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);

  const pct = Math.round((current?.status === "running" ? current.progress : 0) * 100);
  return (
    <div className="flex flex-col items-end gap-2">
      <button
        type="button"
        className="btn-primary"
        disabled={running || starting || !canScan}
        title={canScan ? undefined : "Needs the auditor role"}
        onClick={async () => {
          setError(null);
          setStarting(true);
          try {
            const request = await startScan();
            setJoined(request.outcome === "joined");
            setFollowing(request.scanId ?? "running");
            await scans.refetch();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setStarting(false);
          }
        }}
      >
        <Icon name="refresh" />
        {running ? "Scanning…" : "Scan now"}
      </button>
      {running && (
        <div className="w-64" role="status" aria-live="polite">
          <div className="mb-1 flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
            <span>
              {joined ? "Joined the scan already under way · " : ""}Stage: {current?.stage ?? "queued"}
            </span>
            <span>{pct}%</span>
          </div>
          <div
            role="progressbar"
            aria-label="Scan progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
          >
            <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${Math.max(pct, 3)}%` }} />
          </div>
        </div>
      )}
      {(error || scans.error || (finished && current?.status === "failed")) && (
        <p role="alert" className="max-w-sm text-right text-sm text-critical dark:text-red-300">
          {error ?? scans.error?.message ?? "The scan failed; its errors are listed under Last scan."}
        </p>
      )}
    </div>
  );
}
