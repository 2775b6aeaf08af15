import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuditorDeviceLoader } from "@/components/auditor-device/auditor-device-loader";
import { PageHeader } from "@/components/ui/page-header";
import { agentChoices } from "@/lib/auditor-device/agent-choices";
import { originOf, publishHomeserverOrigin } from "@/lib/auditor-device/homeserver-origin";
import { can, requireActor } from "@/lib/auth/session";
import { getConnectionSettings } from "@/lib/settings/connections";

export const metadata: Metadata = { title: "Auditor device" };

/**
 * The auditor's own Matrix device, in this browser: identity, recovery key,
 * verification of agents, key backup. The crypto (WebAssembly) loads only here.
 */
export default async function AuditorDevicePage() {
  const actor = await requireActor();
  const { homeserver } = await getConnectionSettings();
  const origin = homeserver ? originOf(homeserver.baseUrl) : null;
  // The CSP of this very response was computed before we knew the origin; reload once when it changed.
  if (origin && publishHomeserverOrigin(origin)) redirect("/auditor-device");
  const header = (
    <PageHeader
      title="Auditor device"
      subtitle="Your Matrix device in this browser: its identity, the agents it has verified, and the key backup."
    />
  );
  if (!can(actor, "device.verify")) {
    return (
      <>
        {header}
        <p className="text-sm">This needs the auditor role; you are a {actor.role}.</p>
      </>
    );
  }
  if (!homeserver || !origin) {
    return (
      <>
        {header}
        <p className="text-sm">Connect a homeserver in Settings first: the auditor device signs in to it.</p>
      </>
    );
  }
  return (
    <>
      {header}
      <AuditorDeviceLoader baseUrl={homeserver.baseUrl} suggestedUserId={homeserver.userId ?? ""} agents={await agentChoices()} />
    </>
  );
}
