import { PlainHeader } from "@/components/ui/sort-header";
import { DataTable } from "@/components/ui/table";
import { groupFingerprint } from "@/lib/evidence/manifest";
import type { PublicKeySetting } from "@/lib/evidence/signing-key";

export interface ExportRow {
  id: string;
  createdAt: Date;
  createdBy: string;
  periodStart: Date;
  periodEnd: Date;
  frameworks: string[];
  bundleSha256: string;
  sizeBytes: number;
  fileName: string;
}

export function ExportHistory({ rows }: { rows: ExportRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No bundle has been exported yet.</p>;
  return (
    <DataTable
      caption="Export history"
      head={
        <tr>
          {["When", "Who", "Period", "Frameworks", "Bundle SHA-256"].map((l) => (
            <PlainHeader key={l} label={l} />
          ))}
          <PlainHeader label="Size" className="text-right" />
        </tr>
      }
    >
      {rows.map((r) => (
        <tr key={r.id}>
          <td className="whitespace-nowrap px-2 py-1.5">
            <time dateTime={r.createdAt.toISOString()}>{r.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
          </td>
          <td className="px-2 py-1.5">{r.createdBy}</td>
          <td className="whitespace-nowrap px-2 py-1.5">
            {r.periodStart.toISOString().slice(0, 10)} – {r.periodEnd.toISOString().slice(0, 10)}
          </td>
          <td className="px-2 py-1.5">{r.frameworks.join(", ")}</td>
          <td className="px-2 py-1.5 font-mono text-xs" title={r.fileName}>
            <span className="break-all">{r.bundleSha256}</span>
          </td>
          <td className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums">{(r.sizeBytes / 1024).toFixed(0)} KiB</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The evidence key's fingerprint, which an auditor pins with `vigil evidence verify --fingerprint`: shown from the start. */
export function SigningKeySection({ publicKey }: { publicKey: PublicKeySetting }) {
  return (
    <section aria-labelledby="evidence-key" className="card flex flex-col gap-2 text-sm">
      <h2 id="evidence-key" className="font-semibold">
        Signing key
      </h2>
      <p>
        Bundles are signed with Ed25519. Key fingerprint (SHA-256 of the raw public key):{" "}
        <span data-testid="evidence-fingerprint" data-fingerprint={publicKey.fingerprint} className="font-mono break-all">
          {groupFingerprint(publicKey.fingerprint)}
        </span>
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        Created {publicKey.createdAt.slice(0, 10)}. Give this fingerprint to your auditor through a channel other than the bundle.
      </p>
      <details>
        <summary className="cursor-pointer">Public key (PEM) and how to verify</summary>
        <pre className="mt-2 overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">{publicKey.pem}</pre>
        <pre className="mt-2 overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">{`vigil evidence verify bundle.zip --fingerprint ${publicKey.fingerprint}

# or with standard tools:
unzip -q bundle.zip -d bundle && cd bundle
openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
openssl pkey -pubin -in public-key.pem -outform DER | tail -c 32 | sha256sum   # = the fingerprint above
sha256sum -c SHA256SUMS`}</pre>
      </details>
    </section>
  );
}
