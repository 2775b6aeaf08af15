import "server-only";
import { z } from "zod";
import type { ProberCredential } from "../config/schema";
import { getDb } from "../db";
import { readSecret, sealedSecretData } from "./secrets";

/**
 * The conformance probes' credentials (issue #18) as the web app keeps them: names and kinds in a setting, each value
 * sealed (lib/secrets/box.ts, AES-256-GCM, its name bound as associated data) in the Secret table — never in a view,
 * never in the registry. Imported from vigil.config.yaml and cleared with it: removing the section stops the probes.
 */
export const CONFORMANCE_CREDENTIALS_KEY = "conformance.credentials";
const Names = z.array(
  z.object({ name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), kind: z.enum(["hmac-secret", "ed25519-key", "token"]) }),
);
const secretName = (name: string) => `conformance.credential.${name}` as const;

/** Replaces the stored credentials with these, in one transaction (all or nothing). */
export async function saveConformanceCredentials(credentials: Record<string, ProberCredential>, actor: string): Promise<void> {
  const db = getDb();
  const names = Names.parse(Object.entries(credentials).map(([name, c]) => ({ name, kind: c.kind })));
  await db.$transaction([
    db.secret.deleteMany({ where: { name: { startsWith: "conformance.credential.", notIn: names.map((n) => secretName(n.name)) } } }),
    ...Object.entries(credentials).map(([name, c]) => db.secret.upsert(sealedSecretData(secretName(name), c.value, actor))),
    names.length
      ? db.setting.upsert({
          where: { key: CONFORMANCE_CREDENTIALS_KEY },
          create: { key: CONFORMANCE_CREDENTIALS_KEY, value: names, updatedBy: actor },
          update: { value: names, updatedBy: actor },
        })
      : db.setting.deleteMany({ where: { key: CONFORMANCE_CREDENTIALS_KEY } }),
  ]);
}

/** The credentials for a scan, unsealed; a name whose secret is missing is left out (its probes then say so). */
export async function conformanceCredentials(): Promise<Record<string, ProberCredential>> {
  const row = await getDb().setting.findUnique({ where: { key: CONFORMANCE_CREDENTIALS_KEY } });
  const parsed = Names.safeParse(row?.value);
  if (!parsed.success) return {};
  const out: Record<string, ProberCredential> = {};
  for (const { name, kind } of parsed.data) {
    const value = await readSecret(secretName(name));
    if (value !== undefined) out[name] = { kind, value };
  }
  return out;
}
