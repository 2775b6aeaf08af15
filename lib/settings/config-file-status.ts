import "server-only";
import { z } from "zod";
import { getDb } from "../db";

const STATUS_KEY = "config.file.status";

/** The outcome of the last import of vigil.config.yaml, as the Settings page shows it. */
export const ConfigFileStatus = z.object({
  path: z.string(),
  state: z.enum(["absent", "imported", "unchanged", "invalid"]),
  /** Every problem, one a line (file, line, key), when invalid. */
  message: z.string().optional(),
  at: z.string(),
});
export type ConfigFileStatus = z.infer<typeof ConfigFileStatus>;

export async function writeConfigFileStatus(status: ConfigFileStatus, actor: string): Promise<void> {
  const value = ConfigFileStatus.parse(status);
  await getDb().setting.upsert({
    where: { key: STATUS_KEY },
    create: { key: STATUS_KEY, value, updatedBy: actor },
    update: { value, updatedBy: actor },
  });
}

/** The last import's status; undefined before the first (or when a stored value no longer parses). */
export async function readConfigFileStatus(): Promise<ConfigFileStatus | undefined> {
  const row = await getDb().setting.findUnique({ where: { key: STATUS_KEY } });
  const parsed = ConfigFileStatus.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}
