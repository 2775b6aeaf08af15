import type { Metadata } from "next";
import { NotReady } from "@/components/shell/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getSetupStatus } from "@/lib/views/setup-status";

export const metadata: Metadata = { title: "Rooms" };

export default async function RoomsPage() {
  await requireActor();
  const status = await getSetupStatus();
  return (
    <>
      <PageHeader title="Rooms" />
      <NotReady status={status} needs="matrix" what="rooms and whether they are end-to-end encrypted" />
    </>
  );
}
