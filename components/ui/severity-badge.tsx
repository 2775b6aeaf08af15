import { Badge, type BadgeTone } from "./badge";

export type SeverityName = "critical" | "high" | "medium" | "low" | "info";

const TONE: Record<SeverityName, BadgeTone> = { critical: "critical", high: "high", medium: "medium", low: "low", info: "neutral" };
// A distinct shape per level so print and colour-blind readers can tell them apart.
const ICON: Record<SeverityName, string> = { critical: "finding", high: "finding", medium: "clock", low: "check", info: "check" };

/** `<SeverityBadge severity="critical" />`: word + shape + colour. */
export function SeverityBadge({ severity }: { severity: SeverityName }) {
  return (
    <Badge tone={TONE[severity]} icon={ICON[severity]}>
      {severity}
    </Badge>
  );
}
