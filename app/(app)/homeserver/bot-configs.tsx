import { Icon } from "@/components/ui/icon";
import { Link } from "@/components/ui/link";
import { PlainHeaderRow } from "@/components/ui/sort-header";
import { DataTable, EmptyRow, Td } from "@/components/ui/table";
import { Truncated } from "@/components/ui/truncated";
import type { BotConfigFacts } from "@/lib/snapshot/types";
import type { BotConfigsView } from "@/lib/views/homeserver-bots";
import { agentHref } from "@/lib/views/subject-href";

/** Word + shape + colour per verdict, as in the probes table: unknown is its own state, never a pass. */
const LOOK = {
  pass: { word: "Pass", icon: "check", cls: "text-green-800 dark:text-green-300" },
  fail: { word: "Fail", icon: "cross", cls: "text-red-700 dark:text-red-300" },
  unknown: { word: "Unknown", icon: "finding", cls: "text-zinc-600 dark:text-zinc-400" },
} as const;

/** What the config declares, in one line: "allow, default on · require off · receive unverified, …". */
function declared(facts: BotConfigFacts | undefined): string {
  if (!facts) return "not read in this scan";
  if (facts.error) return "unreadable";
  const enc = facts.encryption;
  if (!enc) return "no encryption section";
  const on = (["allow", "default", "require"] as const).filter((k) => enc[k] === true);
  const off = (["allow", "default", "require"] as const).filter((k) => enc[k] !== true);
  const levels = enc.verificationLevels;
  const words = [on.length ? `${on.join(", ")} on` : "", off.length ? `${off.join(", ")} off` : ""].filter(Boolean);
  if (levels)
    words.push(
      Object.entries(levels)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    );
  return words.join(" · ");
}

/** Each declared mautrix bot: its config file, what it declares, and every HS-BOT-* check as expected → observed. */
export function BotConfigs({ view }: { view: BotConfigsView }) {
  if (view.state === "unreadable") return <p className="text-sm text-red-700 dark:text-red-300">Bot configs: {view.reason}</p>;
  return (
    <DataTable caption="Bot configurations" head={<PlainHeaderRow labels={["Bot", "Check", "Expected", "Observed", "Verdict"]} />}>
      {view.bots.length === 0 ? (
        <EmptyRow colSpan={5}>
          No agent in the registry names its bot config (<code>botConfig:</code> the absolute path of its mautrix config.yaml).
        </EmptyRow>
      ) : (
        view.bots.flatMap((bot) =>
          bot.verdicts.map(({ meta, status, detail }, i) => {
            const look = LOOK[status];
            const href = `/findings?status=all&check=${encodeURIComponent(meta.id)}&subject=agent&subjectId=${encodeURIComponent(bot.agent)}`;
            return (
              <tr key={`${bot.agent}-${meta.id}`} className="align-top" data-bot={bot.agent} data-check={meta.id} data-verdict={status}>
                <Td className="max-w-[15rem]">
                  {i === 0 ? (
                    <>
                      <Link href={agentHref(bot.agent)} className="text-xs font-medium hover:underline">
                        {bot.agent}
                      </Link>
                      <div className="mono text-xs text-zinc-500">
                        <Truncated text={bot.file} className="max-w-full" />
                      </div>
                      <div className="text-xs text-zinc-500">{declared(bot.facts)}</div>
                    </>
                  ) : null}
                </Td>
                <Td>
                  <Link href={href} className="mono text-xs whitespace-nowrap hover:underline">
                    {meta.id}
                  </Link>
                  <div className="text-xs text-zinc-500">{meta.title}</div>
                </Td>
                <Td className="max-w-[11rem] text-xs">{meta.expectation ?? "—"}</Td>
                {/* The whole observation: it is the evidence the row exists for (text only, wrapped, never markup). */}
                <Td className="max-w-[28rem] text-xs break-words">{detail}</Td>
                <Td>
                  <span className={`inline-flex items-center gap-1 text-xs font-medium ${look.cls}`}>
                    <Icon name={look.icon} className="h-3.5 w-3.5" />
                    {look.word}
                  </span>
                </Td>
              </tr>
            );
          }),
        )
      )}
    </DataTable>
  );
}
