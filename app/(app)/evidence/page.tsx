import type { Metadata } from "next";
import { NotReady } from "@/components/shell/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Evidence" };

export default async function EvidencePage() {
  await requireActor();
  const status = await getSetupStatus();
  return (
    <>
      <PageHeader title="Evidence" />
      <NotReady status={status} needs="any" what="exportable compliance evidence" />
    </>
  );
}
