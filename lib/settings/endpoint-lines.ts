import { MeshEndpoint } from "../config/schema";

/**
 * The Settings page's endpoint list: one endpoint a line, "host:port [agent]
 * [spiffe://id]", blank lines and # comments ignored. Errors name the line.
 */
export function parseEndpointLines(text: string): { ok: true; endpoints: MeshEndpoint[] } | { ok: false; error: string } {
  const endpoints: MeshEndpoint[] = [];
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [endpoint, ...rest] = line.split(/\s+/);
    const spiffeId = rest.find((w) => w.startsWith("spiffe://"));
    const agent = rest.find((w) => !w.startsWith("spiffe://"));
    const parsed = MeshEndpoint.safeParse({ endpoint, agent, spiffeId });
    if (!parsed.success)
      return { ok: false, error: `Endpoints, line ${i + 1} ("${line.slice(0, 80)}"): ${parsed.error.issues[0]?.message}` };
    endpoints.push(parsed.data);
  }
  return { ok: true, endpoints };
}

export const endpointLines = (endpoints: MeshEndpoint[]): string =>
  endpoints.map((e) => [e.endpoint, e.agent, e.spiffeId].filter(Boolean).join(" ")).join("\n");
