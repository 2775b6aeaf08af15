import type { Metadata } from "next";
import { NotReady } from "@/components/shell/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Mesh" };

export default async function MeshPage() {
  await requireActor();
  const status = await getSetupStatus();
  return (
    <>
      <PageHeader title="Mesh" />
      <NotReady status={status} needs="mesh" what="endpoints, certificates and what they enforce" />
    </>
  );
}
