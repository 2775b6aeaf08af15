import { Section } from "@/components/ui/section";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FindingList } from "@/components/posture/finding-list";
import { PartialBanner } from "@/components/posture/partial-banner";
import { TrustBadge } from "@/components/posture/trust-badge";
import { SignatureTable } from "@/components/posture/signature-table";
import { DeviceHistoryList } from "@/components/posture/device-history";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Link } from "@/components/ui/link";
import { UnreadableHistory } from "@/components/ui/unreadable-snapshot";
import { MonoId } from "@/components/ui/mono-id";
import { TimeAgo } from "@/components/ui/time-ago";
import { Truncated } from "@/components/ui/truncated";
import { requireActor } from "@/lib/auth/session";
import { getDeviceDetail } from "@/lib/views/device-detail";
import { agentHref, userDevicesHref, userHref } from "@/lib/views/subject-href";

export const metadata: Metadata = { title: "Device" };

/** Route params arrive percent-encoded when the id was ("@" and ":" are escaped by our links). */
const decode = (raw: string) => (raw.includes("%") ? decodeURIComponent(raw) : raw);

export default async function DevicePage({ params }: { params: Promise<{ userId: string; deviceId: string }> }) {
  await requireActor();
  const p = await params;
  const userId = decode(p.userId);
  const deviceId = decode(p.deviceId);
  const detail = await getDeviceDetail(userId, deviceId);
  if (!detail?.found) notFound();
  const { device, row, history } = detail;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex flex-wrap gap-3 text-sm">
        <Link href="/devices" className="text-sky-700 hover:underline dark:text-sky-400">
          ← Devices
        </Link>
        <Link href={userDevicesHref(userId)} className="text-sky-700 hover:underline dark:text-sky-400">
          All devices of this user
        </Link>
      </nav>
      <header className="mb-4 min-w-0">
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight">
          {device ? <TrustBadge trust={device.trust} /> : <Badge tone="neutral">not in the latest scan</Badge>}
          <span className="truncate font-mono" title={deviceId}>
            {deviceId}
          </span>
          <Truncated
            text={device?.displayName ?? row?.displayName}
            empty=""
            className="max-w-[24rem] text-base font-normal text-zinc-600"
          />
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-zinc-500">owner</span>
          <MonoId value={userId} label="user id" max="max-w-[32rem]" />
          <Link href={userHref(userId)} className="text-sky-700 hover:underline dark:text-sky-400">
            user page
          </Link>
          {row?.agentName && (
            <Link href={agentHref(row.agentName)} className="hover:underline">
              <Badge tone="neutral" icon="agent">
                agent {row.agentName}
              </Badge>
            </Link>
          )}
          {row?.agentName && !row.expected && (
            <Badge tone="high" icon="finding">
              not declared for this agent
            </Badge>
          )}
        </p>
        {device?.problem && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{device.problem}</p>}
      </header>
      <PartialBanner snapshot={detail.snapshot} what="users' devices" />
      <UnreadableHistory problems={detail.problems} />
      <Section id="keys" title="Keys">
        {!device ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">The latest scan did not see this device; its history is below.</p>
        ) : detail.keys.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">This device has not published E2EE keys.</p>
        ) : (
          <dl className="flex flex-col gap-2">
            {detail.keys.map((k) => (
              <div key={k.algorithm} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-key={k.algorithm}>
                <dt className="w-24 text-xs text-zinc-500">{k.algorithm}</dt>
                <dd className="mono break-all text-sm" title={k.value}>
                  {k.grouped}
                </dd>
                <CopyButton value={k.value} label={`${k.algorithm} key`} />
              </div>
            ))}
            {device.keys?.algorithms && (
              <div className="flex flex-wrap items-center gap-x-3">
                <dt className="w-24 text-xs text-zinc-500">algorithms</dt>
                <dd className="mono break-all text-xs">{device.keys.algorithms.join(", ")}</dd>
              </div>
            )}
          </dl>
        )}
        {device?.lastSeenTs !== undefined && (
          <p className="mt-2 text-xs text-zinc-500">
            Last active <TimeAgo at={device.lastSeenTs} />
            {device.lastSeenIp && <> from {device.lastSeenIp}</>}
          </p>
        )}
      </Section>
      {device && (
        <Section id="signatures" title="Signatures">
          <SignatureTable rows={detail.signatures} />
        </Section>
      )}
      <Section id="open-findings" title={`Open findings (${detail.open.length})`}>
        <FindingList findings={detail.open} empty="No open findings for this device." />
      </Section>
      <Section id="past-findings" title={`Past findings (${detail.past.length})`}>
        <FindingList findings={detail.past} empty="No resolved or accepted findings for this device." />
      </Section>
      <Section id="history" title="History">
        <DeviceHistoryList history={history} />
      </Section>
    </>
  );
}
