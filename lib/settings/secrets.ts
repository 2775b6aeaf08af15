import "server-only";
import { getDb } from "../db";
import { open, seal } from "../secrets/box";
import { getSecretKey } from "../secrets/keys";

/** Conformance probe credentials (issue #18) are sealed one per name, the name bound as associated data like the others. */
export type SecretName = "homeserver.accessToken" | "mesh.clientKey" | `conformance.credential.${string}`;

/** Reads a sealed secret; undefined when never set. Server-side only, never serialised to a view. */
export async function readSecret(name: SecretName): Promise<string | undefined> {
  const row = await getDb().secret.findUnique({ where: { name } });
  return row ? open(getSecretKey(), name, Buffer.from(row.ciphertext).toString("utf8")) : undefined;
}

/** The write half, for use inside a transaction with the settings it belongs to. */
export function sealedSecretData(name: SecretName, plaintext: string, updatedBy: string) {
  const ciphertext = Buffer.from(seal(getSecretKey(), name, plaintext), "utf8");
  return {
    where: { name },
    create: { name, ciphertext, updatedBy },
    update: { ciphertext, updatedBy },
  };
}
