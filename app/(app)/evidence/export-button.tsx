"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type State =
  | { phase: "idle" }
  | { phase: "running"; bytes: number }
  | { phase: "done"; name: string; bytes: number }
  | { phase: "error"; message: string };

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * Streams the bundle from /api/evidence/export, showing bytes as they arrive,
 * then hands it to the browser as a download. Errors (no scans in the period,
 * no permission) are shown as the server words them.
 */
export function ExportButton({ query, disabled }: { query: string; disabled?: boolean }) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const router = useRouter();

  async function run() {
    setState({ phase: "running", bytes: 0 });
    try {
      // POST with a JSON body: an export is an audited action, refused to GET and to other origins.
      const res = await fetch(`/api/evidence/export?${query}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        setState({ phase: "error", message: body.error ?? `Export failed (HTTP ${res.status}).` });
        return;
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? "vigil-evidence.zip";
      const reader = res.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.length;
        setState({ phase: "running", bytes });
      }
      const url = URL.createObjectURL(new Blob(parts, { type: "application/zip" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ phase: "done", name, bytes });
      router.refresh();
    } catch (err) {
      setState({ phase: "error", message: `The export stopped: ${(err as Error).message}. Nothing partial was saved; try again.` });
    }
  }

  // The button first, what it did to its right: the button never moves when a message appears or changes.
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className="btn btn-primary" onClick={run} disabled={disabled || state.phase === "running"}>
        {state.phase === "running" ? "Exporting…" : "Export signed bundle"}
      </button>
      {state.phase === "running" && (
        <span role="status" className="flex items-center gap-2 text-sm">
          <span
            className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-zinc-400 border-t-transparent"
            aria-hidden="true"
          />
          Building and signing… {mb(state.bytes)} received
        </span>
      )}
      {state.phase === "done" && (
        <span role="status" className="text-sm text-green-800 dark:text-green-400">
          Downloaded {state.name} ({mb(state.bytes)}).
        </span>
      )}
      {state.phase === "error" && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </span>
      )}
    </div>
  );
}
