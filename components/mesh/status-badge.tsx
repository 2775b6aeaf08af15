import { Icon } from "@/components/ui/icon";
import type { CertStatus, EndpointStatus } from "@/lib/scan/mesh-rows";

/** Word + shape + colour, never colour alone: readable by colour-blind users and in print. */
interface Look {
  word: string;
  icon: string;
  tone: string;
}

const TONE = {
  ok: "border-green-700/30 bg-green-50 text-green-800 dark:border-green-400/30 dark:bg-green-950 dark:text-green-300",
  warn: "border-amber-700/30 bg-amber-50 text-amber-800 dark:border-amber-400/30 dark:bg-amber-950 dark:text-amber-300",
  bad: "border-red-700/30 bg-red-50 text-red-800 dark:border-red-400/30 dark:bg-red-950 dark:text-red-300",
  muted: "border-zinc-400/40 bg-zinc-100 text-zinc-700 dark:border-zinc-500/40 dark:bg-zinc-800 dark:text-zinc-300",
} as const;

export const ENDPOINT_LOOK: Record<EndpointStatus, Look> = {
  ok: { word: "OK", icon: "shieldCheck", tone: TONE.ok },
  warn: { word: "Warning", icon: "finding", tone: TONE.warn },
  fail: { word: "Failing", icon: "shieldCross", tone: TONE.bad },
  unknown: { word: "Not fully determined", icon: "finding", tone: TONE.muted },
  unreachable: { word: "Unreachable", icon: "cross", tone: TONE.muted },
};

export const CERT_LOOK: Record<CertStatus, Look> = {
  valid: { word: "Valid", icon: "check", tone: TONE.ok },
  expiring: { word: "Expiring", icon: "clock", tone: TONE.warn },
  expired: { word: "Expired", icon: "cross", tone: TONE.bad },
  untrusted: { word: "Untrusted", icon: "shieldCross", tone: TONE.bad },
};

function Badge({ look }: { look: Look }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${look.tone}`}>
      <Icon name={look.icon} className="h-3.5 w-3.5" />
      {look.word}
    </span>
  );
}

export function EndpointStatusBadge({ status }: { status: string }) {
  return <Badge look={ENDPOINT_LOOK[status as EndpointStatus] ?? { word: status, icon: "finding", tone: TONE.muted }} />;
}

export function CertStatusBadge({ status }: { status: string }) {
  return <Badge look={CERT_LOOK[status as CertStatus] ?? { word: status, icon: "finding", tone: TONE.muted }} />;
}

/**
 * A yes/no fact where one answer is the safe one. `null`: the probe could not tell,
 * said as such rather than guessed.
 */
export function Flag({ value, good, yes = "Yes", no = "No" }: { value: boolean | null; good: boolean; yes?: string; no?: string }) {
  if (value === null) return <span className="text-xs text-zinc-500">unknown</span>;
  const ok = value === good;
  return (
    <span
      className={`inline-flex items-center gap-1 text-xs font-medium ${ok ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-300"}`}
    >
      <Icon name={ok ? "check" : "cross"} className="h-3.5 w-3.5" />
      {value ? yes : no}
    </span>
  );
}
