import type { Metadata } from "next";
import { NotReady } from "@/components/shell/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  await requireActor();
  const status = await getSetupStatus();
  return (
    <>
      <PageHeader title="Agents" />
      <NotReady status={status} needs="any" what="each agent across Matrix and the mesh" />
    </>
  );
}
