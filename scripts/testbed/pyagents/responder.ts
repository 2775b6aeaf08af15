/**
 * The live Python agents behind the same control channel as the js-sdk ones
 * (fleet/control-server.ts): a test asks "agent X, do these emoji match yours?"
 * without caring which library built X. The nio agent does the comparing itself
 * (nio_agent.py); this only relays the question and the agent's reported state.
 */
import { z } from "zod";
import type { AgentVerification, VerificationResponder } from "../fleet/verification-responder";
import type { PyAgent } from "./agent-process";

const View = z.object({
  agent: z.string(),
  otherUserId: z.string(),
  otherDeviceId: z.string().nullable(),
  state: z.enum(["requested", "ready", "started", "sas", "done", "cancelled"]),
  cancelCode: z.string().nullable(),
  decision: z.enum(["match", "mismatch"]).nullable(),
  /** nio only: whether its store now marks the auditor's device as verified. */
  otherDeviceVerified: z.boolean().optional(),
});
export type PyAgentVerification = AgentVerification & { otherDeviceVerified?: boolean };

function pythonResponder(agents: Map<string, PyAgent>): VerificationResponder {
  const views = new Map<string, PyAgentVerification>();
  for (const [name, agent] of agents) {
    agent.onEvent((e) => {
      const view = e.event === "verification" ? View.safeParse(e.view) : null;
      if (view?.success) views.set(name, view.data);
    });
  }
  const ask = async (agent: string, cmd: string, args: Record<string, unknown>, timeoutMs: number) => {
    const a = agents.get(agent);
    if (!a) throw new Error(`no live agent ${agent}`);
    const view = View.parse(await a.request(cmd, args, timeoutMs + 5_000));
    views.set(agent, view);
    return view;
  };
  return {
    list: () => [...views.values()],
    compare: (agent, emoji, timeoutMs = 20_000) => ask(agent, "compare", { emoji, timeoutMs }, timeoutMs),
    cancel: (agent) => ask(agent, "cancel", {}, 10_000),
    stop: () => {},
  };
}

/** One responder for the whole fleet: Python agents by name, everyone else through the js-sdk responder. */
export function withPythonAgents(js: VerificationResponder, agents: Map<string, PyAgent>): VerificationResponder {
  const py = pythonResponder(agents);
  const pick = (agent: string) => (agents.has(agent) ? py : js);
  return {
    list: () => [...js.list(), ...py.list()],
    compare: (agent, emoji, timeoutMs) => pick(agent).compare(agent, emoji, timeoutMs),
    cancel: (agent) => pick(agent).cancel(agent),
    stop: () => {
      js.stop();
      py.stop();
    },
  };
}
