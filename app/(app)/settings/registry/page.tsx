import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtc } from "@/components/ui/time-ago";
import { can, requireActor } from "@/lib/auth/session";
import { activeRegistry, syncRegistryFiles } from "@/lib/settings/registry-versions";
import { getActiveRegistryVersion, listRegistryVersions } from "@/lib/views/versions";
import { VersionHistory } from "../versioned-yaml/version-history";
import { LoadFromFiles, RegistryEditor } from "./registry-editor";

export const metadata: Metadata = { title: "Agent registry" };

const EMPTY_YAML =
  'agents:\n  - name: alpha\n    matrixUserId: "@agent-alpha:example.org"\n    deviceIds: [ALPHA01]\n    siblings: []\nallowedMembers: []\n';

export default async function RegistryPage() {
  const actor = await requireActor();
  const editable = can(actor, "settings.update");
  const sync = await syncRegistryFiles();
  const [versions, activeRow] = await Promise.all([listRegistryVersions(), getActiveRegistryVersion()]);
  let summary: string;
  let profileCount = 0;
  try {
    const { registry, profiles } = await activeRegistry();
    profileCount = profiles.length;
    summary = `${registry.agents.length} agent(s), ${registry.allowedMembers.length} allowed member(s)`;
  } catch (err) {
    summary = `could not be read: ${(err as Error).message}`;
  }
  return (
    <>
      <PageHeader
        title="Agent registry"
        subtitle={
          activeRow ? (
            <>
              In force: the version from the {activeRow.source === "ui" ? "UI" : "files"} ({summary}), saved by {activeRow.createdBy} at{" "}
              {formatUtc(activeRow.createdAt)}. Agent profiles read: {profileCount}.
            </>
          ) : (
            "No registry yet: agent checks have no declared agents to judge."
          )
        }
      />
      {sync.state === "conflict" && (
        <div role="alert" className="card mb-4 border-amber-500 text-sm" data-testid="registry-conflict">
          <p className="font-medium">The registry files and the registry in force differ.</p>
          <p>
            In force: the version imported in the UI. The files (
            {sync.paths.map((p) => (
              <span key={p} className="mono mr-1">
                {p}
              </span>
            ))}
            ) have other content and are <strong>not</strong> applied.
          </p>
          {editable && <LoadFromFiles />}
        </div>
      )}
      {sync.state === "invalid" && (
        <p role="alert" className="mb-4 whitespace-pre-wrap text-sm text-red-700 dark:text-red-400">
          Registry files not applied — {sync.message} (the previous registry stays in force)
        </p>
      )}
      <div className="grid gap-5 xl:grid-cols-[3fr_2fr]">
        <section aria-labelledby="reg-editor" className="card">
          <h2 id="reg-editor" className="mb-3 text-base font-semibold">
            {editable ? "Import" : "Current registry"}
          </h2>
          <RegistryEditor yaml={activeRow?.yaml ?? EMPTY_YAML} editable={editable} />
        </section>
        <VersionHistory titleId="reg-history" versions={versions} />
      </div>
    </>
  );
}
