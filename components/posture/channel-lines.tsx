import { Link } from "@/components/ui/link";
import { Icon } from "@/components/ui/icon";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface Part {
  text: string;
  href: string;
  bad: boolean;
}

function Line({ label, icon, parts }: { label: string; icon: string; parts: Part[] }) {
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <Icon name={icon} className="h-4 w-4 text-zinc-500" />
      <span className="font-semibold">{label}:</span>
      {parts.map((p, i) => (
        <span key={p.href}>
          <Link
            href={p.href}
            className={`underline-offset-2 hover:underline ${p.bad ? "font-medium text-critical dark:text-red-300" : "text-ok dark:text-green-300"}`}
          >
            {p.text}
          </Link>
          {i < parts.length - 1 && ","}
        </span>
      ))}
    </li>
  );
}

/** "Matrix: 1 plaintext room with agents, 5 unverified agent devices" — each part links to its filtered list. */
export function ChannelLines({
  matrix,
  mesh,
}: {
  matrix: { plaintextAgentRooms: number; unverifiedAgentDevices: number } | null;
  mesh: { noMtls: number; expiring: number; expired: number } | null;
}) {
  return (
    <ul aria-label="Posture per channel" className="card mb-5 flex flex-col gap-2">
      {matrix && (
        <Line
          label="Matrix"
          icon="room"
          parts={[
            {
              text: plural(matrix.plaintextAgentRooms, "plaintext room with agents", "plaintext rooms with agents"),
              href: "/rooms?plaintext=1&agents=1",
              bad: matrix.plaintextAgentRooms > 0,
            },
            {
              text: plural(matrix.unverifiedAgentDevices, "unverified agent device", "unverified agent devices"),
              href: "/devices?unverified=1&agents=1",
              bad: matrix.unverifiedAgentDevices > 0,
            },
          ]}
        />
      )}
      {mesh && (
        <Line
          label="Mesh"
          icon="mesh"
          parts={[
            {
              text: plural(mesh.noMtls, "endpoint without mTLS", "endpoints without mTLS"),
              href: "/findings?check=MESH-MTLS-NOT-ENFORCED",
              bad: mesh.noMtls > 0,
            },
            {
              text: `${plural(mesh.expiring, "certificate expires", "certificates expire")} soon`,
              href: "/findings?check=MESH-CERT-EXPIRING",
              bad: mesh.expiring > 0,
            },
            {
              text: plural(mesh.expired, "certificate expired", "certificates expired"),
              href: "/findings?check=MESH-CERT-EXPIRED",
              bad: mesh.expired > 0,
            },
          ]}
        />
      )}
    </ul>
  );
}
