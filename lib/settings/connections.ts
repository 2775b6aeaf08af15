import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { MeshEndpoint } from "../config/schema";
import { readSecret, sealedSecretData } from "./secrets";

/**
 * Connection settings as stored: everything but the secrets, which live sealed
 * in the Secret table. This is also exactly what a view may see — the schema
 * re-parses what leaves the server so a secret cannot slip out.
 */
export const HomeserverSettings = z.object({
  baseUrl: z.string(),
  userId: z.string().optional(),
  admin: z.boolean().optional(),
  serverVersion: z.string().optional(),
  hasToken: z.boolean(),
  source: z.enum(["ui", "file", "env"]),
});
export type HomeserverSettings = z.infer<typeof HomeserverSettings>;

export const MeshSettings = z.object({
  caPem: z.string(),
  clientCertPem: z.string(),
  clientSubject: z.string().optional(),
  clientNotAfter: z.string().optional(),
  hasKey: z.boolean(),
  endpoints: z.array(MeshEndpoint),
  certificatePaths: z.array(z.string()),
  source: z.enum(["ui", "file", "env"]),
});
export type MeshSettings = z.infer<typeof MeshSettings>;

export interface ConnectionSettings {
  homeserver?: HomeserverSettings;
  mesh?: MeshSettings;
}

async function readSetting<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
  const row = await getDb().setting.findUnique({ where: { key } });
  if (!row) return undefined;
  const parsed = schema.safeParse(row.value);
  // A stored value from an older shape is shown as unset rather than crashing every page.
  return parsed.success ? parsed.data : undefined;
}

/** Browser-safe view of the connections. */
export async function getConnectionSettings(): Promise<ConnectionSettings> {
  const [homeserver, mesh] = await Promise.all([
    readSetting("connections.homeserver", HomeserverSettings),
    readSetting("connections.mesh", MeshSettings),
  ]);
  return { homeserver, mesh };
}

/** Settings plus secrets, for collectors. Never pass this to a client component. */
export async function getConnectionSecrets() {
  const settings = await getConnectionSettings();
  return {
    ...settings,
    accessToken: settings.homeserver?.hasToken ? await readSecret("homeserver.accessToken") : undefined,
    clientKeyPem: settings.mesh?.hasKey ? await readSecret("mesh.clientKey") : undefined,
  };
}

/** Writes the homeserver settings and token in one transaction: all or nothing. */
export async function storeHomeserver(settings: HomeserverSettings, accessToken: string | undefined, actor: string) {
  const value = HomeserverSettings.parse(settings);
  await getDb().$transaction([
    getDb().setting.upsert({
      where: { key: "connections.homeserver" },
      create: { key: "connections.homeserver", value, updatedBy: actor },
      update: { value, updatedBy: actor },
    }),
    ...(accessToken ? [getDb().secret.upsert(sealedSecretData("homeserver.accessToken", accessToken, actor))] : []),
  ]);
}

export async function storeMesh(settings: MeshSettings, clientKeyPem: string | undefined, actor: string) {
  const value = MeshSettings.parse(settings);
  await getDb().$transaction([
    getDb().setting.upsert({
      where: { key: "connections.mesh" },
      create: { key: "connections.mesh", value, updatedBy: actor },
      update: { value, updatedBy: actor },
    }),
    ...(clientKeyPem ? [getDb().secret.upsert(sealedSecretData("mesh.clientKey", clientKeyPem, actor))] : []),
  ]);
}
