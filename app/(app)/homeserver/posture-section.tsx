import { ExpiryTimeline, type TimelineCert } from "@/components/mesh/expiry-timeline";
import type { WindowKey } from "@/components/mesh/timeline-scale";
import { HomeserverVerdictsTable } from "@/components/homeserver/verdicts-table";
import { PlaintextRooms } from "@/components/homeserver/plaintext-rooms";
import type { CertFacts } from "@/lib/snapshot/types";
import type { PostureView } from "@/lib/views/homeserver";

const DAY = 24 * 3600e3;

/** The client API's leaf on the same expiry timeline as the mesh's certificates. */
function timelineCert(leaf: CertFacts, now: Date, warnDays: number): TimelineCert {
  const left = new Date(leaf.notAfter).getTime() - now.getTime();
  const status = !leaf.trusted ? "untrusted" : left <= 0 ? "expired" : left <= warnDays * DAY ? "expiring" : "valid";
  return {
    fingerprint: leaf.fingerprint256,
    subject: leaf.subject,
    spiffeId: null,
    sources: [leaf.source.kind === "endpoint" ? leaf.source.endpoint : leaf.source.path],
    notBefore: new Date(leaf.notBefore),
    notAfter: new Date(leaf.notAfter),
    status,
  };
}

/** Why a scan has no probe results: never an empty table that could read as "nothing wrong". */
function NotProbed({ posture, snapshotId }: { posture: Exclude<PostureView, { state: "probed" }>; snapshotId: string }) {
  const text =
    posture.state === "unreadable" ? (
      <>
        The probe results of snapshot {snapshotId} are unreadable: {posture.reason}
      </>
    ) : posture.failure ? (
      <>The posture probes failed in this scan: {posture.failure}</>
    ) : (
      <>
        Posture probes were not configured for this scan: add a <code>homeserverPosture</code> section to vigil.config.yaml (the public URL,
        and optionally homeserver.yaml and the federation URL), then scan. Vigil probes the public URL from outside and reads only metadata.
      </>
    );
  return (
    <p className="card text-sm text-zinc-600 dark:text-zinc-400" data-posture={posture.state}>
      {text}
    </p>
  );
}

/** The probes' verdicts against the active policy; or why this scan has none. */
export function ProbesSection({ posture, snapshotId }: { posture: PostureView; snapshotId: string }) {
  return (
    <section aria-labelledby="probes-h" className="flex flex-col gap-2">
      <h2 id="probes-h" className="text-base font-semibold">
        Probes and configuration
      </h2>
      {posture.state === "probed" ? (
        <>
          <p className="text-xs text-zinc-500">
            Judged against the active policy.{" "}
            {posture.homeserver.config ? `homeserver.yaml read from ${posture.homeserver.config.path}.` : "No homeserver.yaml was given."}
          </p>
          <HomeserverVerdictsTable verdicts={posture.verdicts} subjectId={posture.homeserver.publicBaseUrl} />
        </>
      ) : (
        <NotProbed posture={posture} snapshotId={snapshotId} />
      )}
    </section>
  );
}

/** The plaintext events of encrypted rooms and the client API's certificate: nothing when no probe ran. */
export function PostureDetails({ posture, now, windowKey }: { posture: PostureView; now: Date; windowKey: WindowKey }) {
  if (posture.state !== "probed") return null;
  const hs = posture.homeserver;
  const leaf = hs.tls?.chain[0];
  return (
    <>
      <section aria-labelledby="plaintext-h" className="flex flex-col gap-2">
        <h2 id="plaintext-h" className="text-base font-semibold">
          Plaintext events in encrypted rooms
        </h2>
        <PlaintextRooms rooms={posture.plaintextRooms} roomsRead={posture.roomsRead} windowHours={hs.timeline?.windowHours ?? 0} />
      </section>
      {leaf ? (
        <ExpiryTimeline
          certs={[timelineCert(leaf, now, posture.certExpiryWarningDays)]}
          now={now}
          windowKey={windowKey}
          hrefFor={(w) => `/homeserver?window=${w}`}
        />
      ) : (
        <p className="text-sm text-zinc-500">
          {hs.publicBaseUrl.startsWith("https:") ? "No certificate was seen." : "The client API is plain http: no certificate."}
        </p>
      )}
    </>
  );
}
