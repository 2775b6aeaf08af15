import type { Metadata } from "next";
import { NotReady } from "@/components/shell/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage() {
  await requireActor();
  const status = await getSetupStatus();
  return (
    <>
      <PageHeader title="Devices" />
      <NotReady status={status} needs="matrix" what="every agent device and its verification state" />
    </>
  );
}
