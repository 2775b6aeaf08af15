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

async function fetchScans(): Promise<ScanRow[]> {
  const res = await fetch("/api/scans", { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not read scan progress (HTTP ${res.status}).`);
  return ((await res.json()) as { scans: ScanRow[] }).scans;
}

async function startScan(): Promise<string | null> {
  const res = await fetch("/api/scans", { method: "POST" });
  const body = (await res.json().catch(() => ({}))) as { scanId?: string | null; error?: string };
  if (res.status === 403) throw new Error(body.error ?? "Your role may not start a scan; ask an auditor or admin.");
  if (res.status === 409) throw new Error(body.error ?? "A scan is already running; wait for it to finish.");
  if (!res.ok) throw new Error(body.error ?? `The scan could not start (HTTP ${res.status}).`);
  return body.scanId ?? null;
}

function followedScan(scans: ScanRow[] | undefined, following: string | null): ScanRow | undefined {
  if (!scans || following === null) return undefined;
  return following === "running" ? scans.find((s) => s.status === "running") : scans.find((s) => s.id === following);
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

  // Poll every second only while the followed scan runs; the interval stops itself when it ends.
  const scans = useQuery({
    queryKey: ["scans"],
    queryFn: fetchScans,
    enabled: following !== null,
    staleTime: 0,
    refetchInterval: (q) => (followedScan(q.state.data, following)?.status === "running" ? 1000 : false),
  });
  const current = followedScan(scans.data, following);
  // "running" stands for a scan whose id the server did not return: done once none runs.
  const finished = following !== null && scans.isFetched && (current ? current.status !== "running" : following === "running");
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
            const id = await startScan();
            setFollowing(id ?? "running");
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
            <span>Stage: {current?.stage ?? "starting"}</span>
            <span>{pct}%</span>
          </div>
          <div role="progressbar" aria-label="Scan progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
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
