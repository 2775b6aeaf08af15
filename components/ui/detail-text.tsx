import { TimeAgo } from "./time-ago";

/** An ISO-8601 UTC timestamp as checks write them into a finding's detail (e.g. a certificate's notAfter). */
const ISO = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)/;

/**
 * A finding's stored detail, with each absolute timestamp in it rendered as a live relative time
 * (exact UTC on hover): "Certificate expires 2026-11-30T00:20:07Z" reads "Certificate expires in 48 min"
 * now and "… 2 h ago" later, never a frozen "in 49 min". The rest stays text (hostile strings included).
 */
export function DetailText({ text }: { text: string }) {
  const parts = text.split(ISO);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <TimeAgo key={i} at={part} /> : part))}</>;
}
