/**
 * The bearer token that guards /api/metrics. Either VIGIL_METRICS_TOKEN or a token an
 * admin generated in Settings, sealed in Secret "metrics.token". The
 * environment wins, so a deployment can pin it.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { env } from "../env";
import { open, seal } from "../secrets/box";
import { getSecretKey } from "../secrets/keys";

export const METRICS_SECRET = "metrics.token";

export async function configuredMetricsToken(
  db: Pick<PrismaClient, "secret">,
): Promise<{ token: string; source: "env" | "settings" } | undefined> {
  const fromEnv = env().VIGIL_METRICS_TOKEN;
  if (fromEnv) return { token: fromEnv, source: "env" };
  const row = await db.secret.findUnique({ where: { name: METRICS_SECRET } });
  return row
    ? { token: open(getSecretKey(), METRICS_SECRET, Buffer.from(row.ciphertext).toString("utf8")), source: "settings" }
    : undefined;
}

/** Generates and seals a new token (replacing any previous one); the return value is the only clear copy. */
export async function rotateMetricsToken(db: Pick<PrismaClient, "secret">, by: string): Promise<string> {
  const token = "vgm_" + randomBytes(32).toString("base64url");
  const ciphertext = Buffer.from(seal(getSecretKey(), METRICS_SECRET, token), "utf8");
  await db.secret.upsert({
    where: { name: METRICS_SECRET },
    create: { name: METRICS_SECRET, ciphertext, updatedBy: by },
    update: { ciphertext, updatedBy: by },
  });
  return token;
}

export type TokenCheck = { ok: true } | { ok: false; status: 401 | 503; message: string };

/**
 * Checks an Authorization header. Digests are compared, not the strings, so
 * the comparison is constant-time whatever the presented length.
 */
export function checkBearer(expected: string | undefined, authorization: string | null): TokenCheck {
  if (!expected) {
    return {
      ok: false,
      status: 503,
      message: "Metrics are off: no token is configured. An admin generates one in Settings → Alerts, or set VIGIL_METRICS_TOKEN.",
    };
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m?.[1]) return { ok: false, status: 401, message: "Send the metrics token as 'Authorization: Bearer <token>'." };
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(expected)) ? { ok: true } : { ok: false, status: 401, message: "Wrong metrics token." };
}
