import { readFileSync } from "node:fs";
import path from "node:path";
import type { Metadata } from "next";
import YAML from "yaml";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtc } from "@/components/ui/time-ago";
import { can, requireActor } from "@/lib/auth/session";
import { DEFAULT_POLICY } from "@/lib/policy/defaults";
import { syncPolicyFile } from "@/lib/settings/policy-versions";
import { listPolicyVersions } from "@/lib/views/versions";
import { VersionHistory } from "../versioned-yaml/version-history";
import { FileSyncButtons, PolicyEditor } from "./policy-editor";

export const metadata: Metadata = { title: "Policy" };

/** The documented defaults as a starting point; plain defaults if the example is not shipped with the build. */
function exampleYaml(): string {
  try {
    return readFileSync(path.join(process.cwd(), "lib/policy/policy.example.yaml"), "utf8");
  } catch {
    return `# Vigil's defaults\n${YAML.stringify({ ...DEFAULT_POLICY })}`;
  }
}

export default async function PolicyPage() {
  const actor = await requireActor();
  const editable = can(actor, "settings.update");
  // Noticing a file edited on disk happens here too, not only before a scan.
  const sync = await syncPolicyFile();
  const versions = await listPolicyVersions();
  const active = versions.find((v) => v.active);
  const yaml = active?.yaml ?? exampleYaml();
  const file = sync.paths[0];
  return (
    <>
      <PageHeader
        title="Policy"
        subtitle={
          active ? (
            <>
              In force: the version from the {active.source === "ui" ? "UI" : "file"}, saved by {active.createdBy} at{" "}
              {formatUtc(active.createdAt)}.
            </>
          ) : (
            "In force: Vigil's defaults (shown below) — no policy was saved yet."
          )
        }
      />
      {sync.state === "conflict" && file && (
        <div role="alert" className="card mb-4 border-amber-500 text-sm" data-testid="policy-conflict">
          <p className="font-medium">The policy file and the policy in force differ.</p>
          <p>
            In force: the version edited in the UI{active ? ` by ${active.createdBy} at ${formatUtc(active.createdAt)}` : ""}. The file{" "}
            <span className="mono">{file}</span> has other content and is <strong>not</strong> applied. Load the file to make it the policy,
            or write the policy in force to the file.
          </p>
          {editable && <FileSyncButtons writable={sync.writable === true} />}
        </div>
      )}
      {sync.state === "invalid" && (
        <p role="alert" className="mb-4 whitespace-pre-wrap text-sm text-red-700 dark:text-red-400">
          {file ? <span className="mono">{file}</span> : "Policy file"}: not applied — {sync.message} (the previous policy stays in force)
        </p>
      )}
      {(sync.state === "in-sync" || sync.state === "loaded") && file && (
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          The policy in force matches <span className="mono">{file}</span>.
        </p>
      )}
      <div className="grid gap-5 xl:grid-cols-[3fr_2fr]">
        <section aria-labelledby="editor-title" className="card">
          <h2 id="editor-title" className="mb-3 text-base font-semibold">
            {editable ? "Edit" : "Current policy"}
          </h2>
          <PolicyEditor yaml={yaml} editable={editable} />
        </section>
        <VersionHistory titleId="history-title" versions={versions} />
      </div>
    </>
  );
}
