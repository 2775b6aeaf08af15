import "server-only";
import { z } from "zod";
import { getDb } from "../db";

/**
 * The homeserverPosture section of vigil.config.yaml, remembered at import: the public URL to probe, the federation
 * URL, homeserver.yaml's path (re-read by every scan) and the CA the client API's certificate must chain to (a
 * public certificate, not a secret). Absent: no posture probe is sent.
 */
export const HOMESERVER_POSTURE_KEY = "homeserver.posture";

const Posture = z.object({
  publicBaseUrl: z.url({ protocol: /^https?$/ }),
  federationUrl: z.url({ protocol: /^https?$/ }).optional(),
  configFile: z.string().min(1).optional(),
  caPem: z.string().min(1).optional(),
});
export type HomeserverPostureSetting = z.infer<typeof Posture>;

export async function saveHomeserverPosture(value: HomeserverPostureSetting | undefined, actor: string): Promise<void> {
  const db = getDb();
  if (!value) {
    await db.setting.deleteMany({ where: { key: HOMESERVER_POSTURE_KEY } });
    return;
  }
  const parsed = Posture.parse(value);
  await db.setting.upsert({
    where: { key: HOMESERVER_POSTURE_KEY },
    create: { key: HOMESERVER_POSTURE_KEY, value: parsed, updatedBy: actor },
    update: { value: parsed, updatedBy: actor },
  });
}

/** The remembered section, or undefined when none (or when the row no longer parses: then no probe rather than a guess). */
export async function homeserverPosture(): Promise<HomeserverPostureSetting | undefined> {
  const row = await getDb().setting.findUnique({ where: { key: HOMESERVER_POSTURE_KEY } });
  const parsed = Posture.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}
