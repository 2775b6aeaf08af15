"use client";
import dynamic from "next/dynamic";
import type { AgentChoice } from "@/lib/auditor-device/agent-choices";

/**
 * The Matrix SDK and its WebAssembly crypto are a separate chunk, fetched only
 * when this page renders in a browser (never on the server, never elsewhere).
 */
const AuditorDevicePanel = dynamic(() => import("./auditor-device-panel").then((m) => m.AuditorDevicePanel), {
  ssr: false,
  loading: () => <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the crypto engine…</p>,
});

export function AuditorDeviceLoader(props: { baseUrl: string; suggestedUserId: string; agents: AgentChoice[] }) {
  return <AuditorDevicePanel {...props} />;
}
