import type { MeshOverview } from "@/lib/views/mesh";
import { CertStatusBadge } from "./status-badge";
import { Truncated } from "@/components/ui/truncated";
import { TimeAgo } from "@/components/ui/time-ago";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, Td } from "@/components/ui/table";
import { Link } from "@/components/ui/link";
import { certificateHref } from "@/lib/views/subject-href";

/** Certificates Vigil tracks as files (no endpoint serves them), e.g. a directory cert-manager writes to. */
export function CertFilesTable({ files, now }: { files: MeshOverview["files"]; now: Date }) {
  return (
    <section aria-labelledby="files-h" className="flex flex-col gap-2">
      <h2 id="files-h" className="text-base font-semibold">
        Tracked certificate files <span className="text-sm font-normal text-zinc-500">({files.length})</span>
      </h2>
      {files.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No certificate files are tracked. Add paths under <code className="mono">mesh.certificatePaths</code> to watch certificates no
          endpoint serves.
        </p>
      ) : (
        <DataTable
          caption="Tracked certificate files"
          head={<PlainHeaderRow labels={["Status", "File", "Subject", "SPIFFE id", "Key", "Expires"]} />}
        >
          {files.map((f) => (
            <tr key={f.id}>
              <Td>
                <CertStatusBadge status={f.status} />
              </Td>
              <Td className="max-w-72">
                <Truncated text={f.source.replace(/^file:/, "")} className="max-w-full mono" />
              </Td>
              <Td className="max-w-64">
                <Link href={certificateHref(f.fingerprint)} className="block max-w-full hover:underline">
                  <Truncated text={f.subject} className="max-w-full" />
                </Link>
              </Td>
              <Td className="max-w-64">
                <Truncated text={f.spiffeId} className="max-w-full mono" />
              </Td>
              <Td className="text-xs">
                {f.keyType ?? "?"} {f.keyBits ?? ""}
              </Td>
              <Td className="text-xs">
                <TimeAgo at={f.notAfter} now={now} />
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
