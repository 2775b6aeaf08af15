import { readFileSync } from "node:fs";
import path from "node:path";
import { testbedDir } from "./env";

/** An account the fleet wrote into matrix.json. */
export interface Account {
  userId: string;
  password: string;
  accessToken: string;
  primaryDeviceId: string;
}

interface MatrixJson {
  homeserver: { baseUrl: string };
  auditor: Account;
  agents: Record<string, Account & { crossSigning?: boolean; client?: string }>;
}

const read = (): MatrixJson => JSON.parse(readFileSync(path.join(testbedDir, "matrix.json"), "utf8")) as MatrixJson;

/** The running test bed's facts, as the fleet wrote them (.testbed/matrix.json). */
export function matrixTestbed(): { baseUrl: string; auditor: Account } {
  const tb = read();
  return { baseUrl: tb.homeserver.baseUrl, auditor: tb.auditor };
}

/** An agent by name; `client` demands the library that built it (js-sdk, mautrix, nio). */
export function testbedAgent(name: string, client?: string): Account {
  const a = read().agents[name];
  if (!a) throw new Error(`matrix.json has no agent ${name}`);
  if (client && a.client !== client) throw new Error(`agent ${name} is not a ${client} agent: the test bed predates it`);
  return a;
}

/** The Client-Server API as the auditor (or `token`), JSON in and out; a non-2xx answer throws with its body. */
export async function matrix<T>(method: string, p: string, body?: unknown, token?: string): Promise<T> {
  const { baseUrl, auditor } = matrixTestbed();
  const headers = { "Authorization": `Bearer ${token ?? auditor.accessToken}`, "content-type": "application/json" };
  const res = await fetch(baseUrl + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The live fleet's control channel (scripts/testbed/fleet/control-server.ts): GET without a body, POST with one. */
export async function fleet<T>(p: string, body?: unknown): Promise<T> {
  const ctl = JSON.parse(readFileSync(path.join(testbedDir, "fleet-control.json"), "utf8")) as { url: string; token: string };
  const init = body === undefined ? { method: "GET" } : { method: "POST", body: JSON.stringify(body) };
  const r = await fetch(ctl.url + p, { ...init, headers: { Authorization: `Bearer ${ctl.token}` } });
  if (!r.ok) throw new Error(`fleet ${p} → ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}
