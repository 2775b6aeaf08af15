/**
 * The registry's declared bots (agents with a `botConfig`), read in every scan that declares any: a local file
 * compared with the Matrix inventory needs no probe of the homeserver, so it does not wait for homeserverPosture.
 * A file that cannot be read is an error of the scan (partial) naming the agent and the file, already redacted of
 * the file's own secrets; the scan redacts its configured secrets on top.
 */
import type { Registry } from "../../registry/types";
import type { BotConfigFacts, CollectError } from "../../snapshot/types";
import { readBotConfigs } from "./read-bot-config";

export interface CollectedBotConfigs {
  bots: BotConfigFacts[];
  errors: CollectError[];
}

/** null when no agent declares a bot config (the snapshot then has no `bots`). */
export async function collectBotConfigs(registry: Pick<Registry, "agents">, signal?: AbortSignal): Promise<CollectedBotConfigs | null> {
  const declared = registry.agents.flatMap((a) => (a.botConfig ? [{ agent: a.name, file: a.botConfig }] : []));
  if (declared.length === 0) return null;
  const { facts } = await readBotConfigs(declared, signal);
  const errors = facts.flatMap((f): CollectError[] =>
    f.error ? [{ source: "homeserver", scope: `bot config of ${f.agent}`, message: f.error }] : [],
  );
  return { bots: facts, errors };
}
