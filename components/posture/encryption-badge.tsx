import { Badge } from "@/components/ui/badge";

/** Padlock closed + "encrypted" (green) or open + "plaintext" (red): shape and word, not colour alone. */
export function EncryptionBadge({ encrypted, algorithm }: { encrypted: boolean; algorithm?: string | null }) {
  return encrypted ? (
    <Badge tone={algorithm && algorithm !== "m.megolm.v1.aes-sha2" ? "high" : "ok"} icon="lockClosed" title={algorithm ?? undefined}>
      encrypted
    </Badge>
  ) : (
    <Badge tone="critical" icon="lockOpen" title="No m.room.encryption state event">
      plaintext
    </Badge>
  );
}
