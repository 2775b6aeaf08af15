import "server-only";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { open, seal } from "../secrets/box";
import { getSecretKey } from "../secrets/keys";
import { publicKeyFingerprint } from "./manifest";

/**
 * Vigil's evidence signing key: Ed25519, created on first use. The private key
 * (PKCS#8 PEM) is sealed in Secret "evidence.signingKey" like every other
 * secret; the public key and its fingerprint sit in Setting "evidence.publicKey"
 * so pages can show them without touching the secret.
 */
const SECRET = "evidence.signingKey";
const SETTING = "evidence.publicKey";

export const PublicKeySetting = z.object({ pem: z.string(), fingerprint: z.string(), createdAt: z.string() });
export type PublicKeySetting = z.infer<typeof PublicKeySetting>;

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: PublicKeySetting;
}

function describe(privateKey: KeyObject, createdAt: string): PublicKeySetting {
  const pub = createPublicKey(privateKey);
  return { pem: pub.export({ format: "pem", type: "spki" }).toString(), fingerprint: publicKeyFingerprint(pub), createdAt };
}

/** The public half, for display; undefined before the first export created the key. */
export async function readEvidencePublicKey(db: PrismaClient): Promise<PublicKeySetting | undefined> {
  const parsed = PublicKeySetting.safeParse((await db.setting.findUnique({ where: { key: SETTING } }))?.value);
  return parsed.success ? parsed.data : undefined;
}

/** Returns the signing key, creating and storing it on first use. Concurrent first uses converge on one key. */
export async function getEvidenceSigningKey(db: PrismaClient, actor = "system"): Promise<SigningKey> {
  const row = await db.secret.findUnique({ where: { name: SECRET } });
  if (row) {
    const privateKey = createPrivateKey(open(getSecretKey(), SECRET, Buffer.from(row.ciphertext).toString("utf8")));
    const stored = await readEvidencePublicKey(db);
    const publicKey = describe(privateKey, stored?.createdAt ?? row.createdAt.toISOString());
    // Heal a missing or stale public half from the sealed private key, which is the authority.
    if (stored?.fingerprint !== publicKey.fingerprint) {
      await db.setting.upsert({
        where: { key: SETTING },
        create: { key: SETTING, value: publicKey, updatedBy: actor },
        update: { value: publicKey, updatedBy: actor },
      });
    }
    return { privateKey, publicKey };
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const publicKey = describe(privateKey, new Date().toISOString());
  try {
    await db.$transaction([
      db.secret.create({ data: { name: SECRET, ciphertext: Buffer.from(seal(getSecretKey(), SECRET, pem), "utf8"), updatedBy: actor } }),
      db.setting.upsert({
        where: { key: SETTING },
        create: { key: SETTING, value: publicKey, updatedBy: actor },
        update: { value: publicKey, updatedBy: actor },
      }),
    ]);
  } catch (err) {
    // Another request created it first: use that one.
    if (await db.secret.findUnique({ where: { name: SECRET } })) return getEvidenceSigningKey(db, actor);
    throw err;
  }
  return { privateKey, publicKey };
}
