import type { ReactNode } from "react";
import { Icon } from "./icon";

/** Tones map to the theme's status colours; every badge also carries a word (and usually an icon), never colour alone. */
export type BadgeTone = "critical" | "high" | "medium" | "low" | "ok" | "neutral";

const TONES: Record<BadgeTone, string> = {
  critical: "border-critical/40 bg-critical/10 text-critical dark:border-red-400/40 dark:bg-red-400/10 dark:text-red-300",
  high: "border-high/40 bg-high/10 text-high dark:border-orange-400/40 dark:bg-orange-400/10 dark:text-orange-300",
  medium: "border-medium/40 bg-medium/10 text-medium dark:border-yellow-400/40 dark:bg-yellow-400/10 dark:text-yellow-200",
  low: "border-low/40 bg-low/10 text-low dark:border-blue-400/40 dark:bg-blue-400/10 dark:text-blue-300",
  ok: "border-ok/40 bg-ok/10 text-ok dark:border-green-400/40 dark:bg-green-400/10 dark:text-green-300",
  neutral: "border-zinc-300 bg-zinc-100 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

/** A status pill: `<Badge tone="ok" icon="lockClosed">encrypted</Badge>`. */
export function Badge({ tone, icon, title, children }: { tone: BadgeTone; icon?: string; title?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[tone]}`}
    >
      {icon && <Icon name={icon} className="h-3.5 w-3.5" />}
      {children}
    </span>
  );
}
