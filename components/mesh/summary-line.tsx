import { Link } from "@/components/ui/link";
import type { MeshOverview } from "@/lib/views/mesh";
import { meshHref } from "./filter-chips";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One sentence a security engineer can act on; each part links to the filtered list. Says "all good" only when it is. */
export function MeshSummary({ counts }: { counts: MeshOverview["counts"] }) {
  const parts: { text: string; href: string }[] = [];
  if (counts.noMtls)
    parts.push({ text: `${plural(counts.noMtls, "endpoint", "endpoints")} without mTLS`, href: meshHref({ status: "fail" }) });
  if (counts.plainHttp)
    parts.push({
      text: `${plural(counts.plainHttp, "endpoint answers", "endpoints answer")} plain HTTP`,
      href: meshHref({ status: "fail" }),
    });
  if (counts.legacyTls)
    parts.push({
      text: `${plural(counts.legacyTls, "endpoint accepts", "endpoints accept")} legacy TLS`,
      href: meshHref({ status: "fail" }),
    });
  if (counts.expired)
    parts.push({
      text: `${plural(counts.expired, "certificate has", "certificates have")} expired`,
      href: meshHref({ expiringSoon: true }),
    });
  // "Expiring" is the policy's warning window, not a flat 24 h: in a mesh of 24 h certificates every one "expires within 24 h".
  if (counts.expiring)
    parts.push({
      text: `${plural(counts.expiring, "certificate expires", "certificates expire")} soon (inside the renewal window)`,
      href: meshHref({ expiringSoon: true }),
    });
  if (counts.untrusted)
    parts.push({
      text: `${plural(counts.untrusted, "certificate does", "certificates do")} not chain to the mesh CA`,
      href: meshHref({ status: "fail" }),
    });
  if (counts.unreachable)
    parts.push({ text: `${plural(counts.unreachable, "endpoint", "endpoints")} unreachable`, href: meshHref({ status: "unreachable" }) });
  return (
    <p className="text-sm" data-testid="mesh-summary">
      <span className="font-medium">Mesh: </span>
      {parts.length === 0
        ? `all ${plural(counts.endpoints, "endpoint", "endpoints")} enforce mTLS and no certificate needs attention.`
        : parts.map((p, i) => (
            <span key={p.text}>
              {i > 0 && ", "}
              <Link href={p.href} className="underline decoration-zinc-400 underline-offset-2 hover:decoration-current">
                {p.text}
              </Link>
            </span>
          ))}
      {parts.length > 0 && <span className="text-zinc-500"> — of {plural(counts.endpoints, "endpoint", "endpoints")} probed.</span>}
    </p>
  );
}
