import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FindingList } from "@/components/posture/finding-list";
import { PartialBanner } from "@/components/posture/partial-banner";
import { Badge } from "@/components/ui/badge";
import { Link } from "@/components/ui/link";
import { UnreadableHistory } from "@/components/ui/unreadable-snapshot";
import { MonoId } from "@/components/ui/mono-id";
import { requireActor } from "@/lib/auth/session";
import { agentHref, subjectFindingsHref, userDevicesHref } from "@/lib/views/subject-href";
import { getUserDetail } from "@/lib/views/user-view-detail";
import { DevicesSection, IdentityHistorySection, IdentitySection, RoomsSection } from "./user-sections";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "User" };

/** The segment arrives percent-encoded ("@" and ":" are escaped by our links); a malformed escape is no such user. */
function decode(raw: string): string | null {
  try {
    return raw.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    return null;
  }
}

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  await requireActor();
  const userId = decode((await params).userId);
  const detail = userId ? await getUserDetail(userId) : null;
  if (!userId || !detail?.found) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex flex-wrap gap-3 text-sm">
        <Link href="/devices" className="text-sky-700 hover:underline dark:text-sky-400">
          ← Devices
        </Link>
        <Link href={userDevicesHref(userId)} className="text-sky-700 hover:underline dark:text-sky-400">
          This user in the Devices list
        </Link>
      </nav>
      <header className="mb-4 min-w-0">
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight">
          <span className="max-w-full truncate font-mono" title={userId}>
            {userId}
          </span>
          {detail.user?.displayName && <span className="text-base font-normal text-zinc-600">{detail.user.displayName}</span>}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
          <MonoId value={userId} label="user id" max="max-w-[32rem]" />
          {detail.agent ? (
            <Link href={agentHref(detail.agent)} className="hover:underline">
              <Badge tone="neutral" icon="agent">
                agent {detail.agent}
              </Badge>
            </Link>
          ) : (
            <span className="text-zinc-500">{detail.isAuditor ? "the auditor's own account" : "no declared agent"}</span>
          )}
          {detail.user?.admin && <Badge tone="medium">server admin</Badge>}
          {detail.user?.deactivated && <Badge tone="neutral">deactivated</Badge>}
        </p>
      </header>
      <PartialBanner snapshot={detail.snapshot} what="users and their devices" />
      <UnreadableHistory problems={detail.problems} />
      <Section id="identity" title="Identity">
        <IdentitySection identity={detail.identity} isAuditor={detail.isAuditor} />
      </Section>
      <Section id="devices" title={`Devices (${detail.devices.length})`}>
        <DevicesSection userId={userId} devices={detail.devices} />
      </Section>
      <Section id="rooms" title={`Rooms (${detail.rooms.total})`}>
        <RoomsSection rooms={detail.rooms} unknown={detail.roomsUnknown} />
      </Section>
      <Section id="open-findings" title={`Open findings (${detail.findings.length})`}>
        <FindingList findings={detail.findings} empty="No open findings on this user or its devices." />
        <p className="mt-2 text-xs">
          <Link href={subjectFindingsHref("user", userId)} className="text-sky-700 hover:underline dark:text-sky-400">
            Every finding on this user, resolved and accepted too
          </Link>
        </p>
      </Section>
      <Section id="identity-history" title="Identity history">
        <IdentityHistorySection history={detail.history} />
      </Section>
    </>
  );
}
