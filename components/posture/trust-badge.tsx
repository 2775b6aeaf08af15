import { Badge, type BadgeTone } from "@/components/ui/badge";

const TRUST: Record<string, { tone: BadgeTone; icon: string; word: string; why: string }> = {
  "verified-by-owner": {
    tone: "ok",
    icon: "shieldCheck",
    word: "verified by owner",
    why: "The owner's self-signing key signed this device key",
  },
  "unsigned": { tone: "high", icon: "shieldCross", word: "unsigned", why: "Not signed by its owner's self-signing key" },
  "no-keys": { tone: "medium", icon: "key", word: "no keys", why: "Never uploaded end-to-end encryption keys" },
  "bad-signature": { tone: "critical", icon: "shieldCross", word: "bad signature", why: "A signature is present but does not verify" },
};

/** A device's verification state as Vigil computed it from signatures: word + shape + colour. */
export function TrustBadge({ trust }: { trust: string }) {
  const t = TRUST[trust] ?? { tone: "neutral" as const, icon: "shieldCross", word: trust, why: "Unknown state" };
  return (
    <Badge tone={t.tone} icon={t.icon} title={t.why}>
      {t.word}
    </Badge>
  );
}
