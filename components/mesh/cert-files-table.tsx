import type { MeshOverview } from "@/lib/views/mesh";
import { CertStatusBadge } from "./status-badge";
import { Truncated } from "@/components/ui/truncated";
import { TimeAgo } from "@/components/ui/time-ago";

/** Certificates Vigil tracks as files (no endpoint serves them), e.g. a directory cert-manager writes to. */
export function CertFilesTable({ files, now }: { files: MeshOverview["files"]; now: Date }) {
  return (
    <section aria-labelledby="files-h" className="flex flex-col gap-2">
      <h2 id="files-h" className="text-base font-semibold">Tracked certificate files <span className="text-sm font-normal text-zinc-500">({files.length})</span></h2>
      {files.length === 0 ? (
        <p className="text-sm text-zinc-500">No certificate files are tracked. Add paths under <code className="mono">mesh.certificatePaths</code> to watch certificates no endpoint serves.</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">File</th>
                <th scope="col" className="px-3 py-2">Subject</th>
                <th scope="col" className="px-3 py-2">SPIFFE id</th>
                <th scope="col" className="px-3 py-2">Key</th>
                <th scope="col" className="px-3 py-2">Expires</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="px-3 py-2"><CertStatusBadge status={f.status} /></td>
                  <td className="max-w-72 px-3 py-2"><Truncated text={f.source.replace(/^file:/, "")} className="max-w-full mono" /></td>
                  <td className="max-w-64 px-3 py-2"><Truncated text={f.subject} className="max-w-full" /></td>
                  <td className="max-w-64 px-3 py-2"><Truncated text={f.spiffeId} className="max-w-full mono" /></td>
                  <td className="px-3 py-2 text-xs">{f.keyType ?? "?"} {f.keyBits ?? ""}</td>
                  <td className="px-3 py-2 text-xs"><TimeAgo at={f.notAfter} now={now} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
