import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { can, requireActor } from "@/lib/auth/session";
import { readConfigFileStatus } from "@/lib/settings/config-file-status";
import { getConnectionSettings } from "@/lib/settings/connections";
import { endpointLines } from "@/lib/settings/endpoint-lines";
import { HomeserverForm } from "./homeserver-form";
import { MeshForm } from "./mesh-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const [connections, file] = await Promise.all([getConnectionSettings(), readConfigFileStatus()]);
  const editable = can(actor, "settings.update");
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle={
          editable
            ? "Connections to the homeserver and the mesh. Secrets are sealed at rest and never shown again."
            : "You can read these settings; changing them needs the admin role."
        }
      />
      {file && file.state !== "absent" && (
        <p
          role={file.state === "invalid" ? "alert" : undefined}
          className={`mb-4 text-sm ${file.state === "invalid" ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}
        >
          <span className="mono">{file.path}</span>:{" "}
          {file.state === "invalid" ? (
            <>
              not applied — <span className="whitespace-pre-wrap">{file.message}</span> (previous settings stay in force)
            </>
          ) : (
            `${file.state} at ${file.at}`
          )}
        </p>
      )}
      <div className="grid gap-5 xl:grid-cols-2">
        <section aria-labelledby="hs-title" className="card">
          <h2 id="hs-title" className="mb-3 text-base font-semibold">
            Homeserver
          </h2>
          <HomeserverForm current={connections.homeserver} editable={editable} />
        </section>
        <section aria-labelledby="mesh-title" className="card">
          <h2 id="mesh-title" className="mb-3 text-base font-semibold">
            Mesh
          </h2>
          <MeshForm
            editable={editable}
            current={connections.mesh && { ...connections.mesh, endpointText: endpointLines(connections.mesh.endpoints) }}
          />
        </section>
      </div>
    </>
  );
}
