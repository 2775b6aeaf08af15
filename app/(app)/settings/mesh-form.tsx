"use client";
import { useActionState } from "react";
import type { MeshSettings } from "@/lib/settings/connections";
import { saveMeshAction, type ActionState } from "./actions";
import { FormMessage } from "./form-bits";

export function MeshForm({ current, editable }: { current?: MeshSettings & { endpointText: string }; editable: boolean }) {
  const [state, save, saving] = useActionState(saveMeshAction, { ok: true } as ActionState);
  return (
    <form action={save} className="flex flex-col gap-3">
      <fieldset disabled={!editable} className="flex flex-col gap-3">
        <div>
          <label htmlFor="caPem" className="label">
            CA bundle (PEM) — the only roots trusted for the mesh
          </label>
          <textarea
            id="caPem"
            name="caPem"
            rows={3}
            required
            defaultValue={current?.caPem}
            className="input mono"
            placeholder="-----BEGIN CERTIFICATE-----"
          />
        </div>
        <div>
          <label htmlFor="clientCertPem" className="label">
            Auditor client certificate (PEM)
          </label>
          <textarea
            id="clientCertPem"
            name="clientCertPem"
            rows={3}
            required
            defaultValue={current?.clientCertPem}
            className="input mono"
          />
        </div>
        <div>
          <label htmlFor="clientKeyPem" className="label">
            Auditor client key (PEM) {current?.hasKey && <span className="font-normal">(stored — leave empty to keep it)</span>}
          </label>
          <textarea
            id="clientKeyPem"
            name="clientKeyPem"
            rows={2}
            autoComplete="off"
            className="input mono"
            placeholder="-----BEGIN PRIVATE KEY-----"
          />
        </div>
        <div>
          <label htmlFor="endpoints" className="label">
            Endpoints — one a line: host:port agent spiffe://id
          </label>
          <textarea
            id="endpoints"
            name="endpoints"
            rows={4}
            defaultValue={current?.endpointText}
            className="input mono"
            placeholder="10.0.0.5:8443 alpha spiffe://corp/agent/alpha"
          />
        </div>
        <div>
          <label htmlFor="certificatePaths" className="label">
            Certificate files or folders to track (one a line)
          </label>
          <textarea
            id="certificatePaths"
            name="certificatePaths"
            rows={2}
            defaultValue={current?.certificatePaths.join("\n")}
            className="input mono"
          />
        </div>
      </fieldset>
      {current?.clientNotAfter && <p className="text-xs text-zinc-500">Auditor certificate valid until {current.clientNotAfter}</p>}
      <FormMessage state={state} success="Mesh saved." />
      {editable && (
        <div>
          <button type="submit" className="btn-primary" disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </button>
        </div>
      )}
    </form>
  );
}
