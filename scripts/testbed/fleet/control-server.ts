/**
 * The live fleet's control channel: a loopback HTTP port, guarded by a random
 * bearer token, through which a test tells an agent what the auditor's screen
 * shows (the agent cannot see the browser) or asks it to cancel. Its address
 * and token go to <dir>/fleet-control.json (mode 0600) for tests to read.
 * GET/POST /demo reads or switches the demo's automatic confirmation (demo-mode.ts):
 * the demo starts with it on, and a browser test that walks the demo switches it on and off again.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { DemoMode } from "./demo-mode";
import type { VerificationResponder } from "./verification-responder";

export const FLEET_CONTROL_JSON = "fleet-control.json";

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

/** Serve the responder on 127.0.0.1 (ephemeral port) and publish how to reach it. */
export async function startControlServer(dir: string, responder: VerificationResponder, demo?: DemoMode): Promise<ControlServer> {
  const token = crypto.randomBytes(24).toString("base64url");
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "bad token" });
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const m = /^\/verifications\/([a-z0-9-]+)\/(compare|cancel)$/.exec(url.pathname);
    (async () => {
      if (req.method === "GET" && url.pathname === "/verifications") return send(200, { verifications: responder.list() });
      if (req.method === "POST" && m?.[2] === "compare") {
        const body = (await readJson(req)) as { emoji?: unknown };
        const names = Array.isArray(body.emoji) ? body.emoji.filter((x): x is string => typeof x === "string") : [];
        return send(200, await responder.compare(m[1] ?? "", names));
      }
      if (req.method === "POST" && m?.[2] === "cancel") return send(200, await responder.cancel(m[1] ?? ""));
      if (url.pathname === "/demo" && demo) {
        if (req.method === "POST") {
          const ms = ((await readJson(req)) as { confirmAfterMs?: unknown }).confirmAfterMs;
          if (ms !== null && !(typeof ms === "number" && Number.isInteger(ms) && ms >= 0 && ms <= 60_000))
            return send(400, { error: "confirmAfterMs: null (off) or whole milliseconds from 0 to 60000" });
          demo.set(ms);
        }
        return send(200, { confirmAfterMs: demo.confirmAfterMs(), log: demo.lines() });
      }
      send(404, { error: "unknown route" });
    })().catch((e: unknown) => send(409, { error: (e as Error).message }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const file = path.join(dir, FLEET_CONTROL_JSON);
  fs.writeFileSync(file, JSON.stringify({ url, token, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        fs.rmSync(file, { force: true });
        server.close(() => resolve());
      }),
  };
}
