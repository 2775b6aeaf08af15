/**
 * A tiny HTTP server on 127.0.0.1 that replays recorded homeserver responses, for unit tests of the homeserver client,
 * the collector's parsing and paging, and remediation. Integration tests use a real Synapse.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string; headers?: Record<string, string> }
  | "reset"; // destroy the socket mid-request, as a crashed proxy would

export type Route = (req: { method: string; path: string; query: URLSearchParams; body: unknown }) => Reply | undefined;

export interface RecordedServer {
  baseUrl: string;
  /** "METHOD /decoded/path" of every request, in order. */
  log: string[];
  close(): Promise<void>;
}

/** Start a server that answers each request with the first route returning a reply (404 otherwise). */
export async function startRecordedServer(routes: Route[]): Promise<RecordedServer> {
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const path = decodeURIComponent(url.pathname);
      const method = req.method ?? "GET";
      log.push(`${method} ${path}`);
      let body: unknown;
      try {
        body = data ? JSON.parse(data) : undefined;
      } catch {
        body = data;
      }
      const reply = routes.reduce<Reply | undefined>(
        (r, route) => r ?? route({ method, path, query: url.searchParams, body }),
        undefined,
      ) ?? { status: 404, json: { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" } };
      if (reply === "reset") return void req.socket.destroy();
      res.writeHead(reply.status ?? 200, { "Content-Type": "application/json", ...reply.headers });
      res.end("json" in reply ? JSON.stringify(reply.json) : reply.raw);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Route helper: exact method and decoded path. */
export const on =
  (method: string, path: string, reply: (q: URLSearchParams, body: unknown) => Reply | undefined): Route =>
  (req) =>
    req.method === method && req.path === path ? reply(req.query, req.body) : undefined;
