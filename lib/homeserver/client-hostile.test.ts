/**
 * A hostile homeserver, on a real loopback socket: it redirects Vigil to an
 * "internal" page, answers errors with HTML, floods a Matrix error message or
 * the body itself. Nothing it says outside a Matrix error may reach a scan
 * error (which viewers read), and its token must never follow a redirect.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testHomeserver } from "../connections/test-homeserver";
import { createHomeserverClient, MatrixApiError } from "./client";

const INTERNAL_TEXT = "INTERNAL-ONLY: payroll db at 10.0.0.5, admin password in /etc/shadow";
const TOKEN = "syt_aG9zdGlsZQ_hostiletokenvalue_1aB2c3";
let internalHits: { authorization?: string }[] = [];
let base = "";
let internalBase = "";
const servers: http.Server[] = [];

const listen = async (handler: http.RequestListener) => {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  internalBase = await listen((req, res) => {
    internalHits.push({ authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "text/plain" }).end(INTERNAL_TEXT);
  });
  base = await listen((req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/_matrix/client/versions")) return void res.writeHead(302, { location: `${internalBase}/status` }).end();
    if (path.startsWith("/redirect")) return void res.writeHead(307, { location: `${internalBase}/status` }).end();
    if (path.startsWith("/html-error")) return void res.writeHead(500, { "content-type": "text/html" }).end(`<h1>${INTERNAL_TEXT}</h1>`);
    if (path.startsWith("/long-error")) {
      const body = JSON.stringify({ errcode: "M_FORBIDDEN", error: `no\u001b[31m ${"x".repeat(5000)}` });
      return void res.writeHead(403, { "content-type": "application/json" }).end(body);
    }
    if (path.startsWith("/flood")) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ errcode: "M_UNKNOWN", error: "y".repeat(100), pad: "z".repeat(100_000) }));
      return;
    }
    res.writeHead(404).end();
  });
});
afterAll(() => {
  for (const s of servers) s.close();
});

const client = () => createHomeserverClient({ baseUrl: base, accessToken: TOKEN, retries: 1, backoffMs: 1 });
const failure = async (p: Promise<unknown>): Promise<MatrixApiError> => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MatrixApiError);
  return e as MatrixApiError;
};

describe("the collector against a hostile homeserver", () => {
  it("does not follow a redirect to an internal page: no request reaches it, nothing of it is shown", async () => {
    internalHits = [];
    const e = await failure(client().get("probe", "/redirect", z.object({})));
    expect(e.message).toMatch(/answered with a redirect, which Vigil does not follow/);
    expect(e.message).not.toContain("INTERNAL-ONLY");
    expect(internalHits).toHaveLength(0);
  });

  it("never echoes a body that is not a Matrix error", async () => {
    const e = await failure(client().get("probe", "/html-error", z.object({})));
    expect(e.kind).toBe("server");
    expect(e.message).toContain("the body is not a Matrix error, so it is not shown");
    expect(e.message).not.toContain("INTERNAL-ONLY");
  });

  it("caps a Matrix error's message and escapes its control characters", async () => {
    const e = await failure(client().get("probe", "/long-error", z.object({})));
    expect(e.errcode).toBe("M_FORBIDDEN");
    expect(e.message).toContain("no\\u001b[31m");
    expect(e.message).not.toContain("\u001b");
    expect(e.message.length).toBeLessThan(400);
  });

  it("refuses an error body past its cap without reading the rest", async () => {
    const e = await failure(client().get("probe", "/flood", z.object({})));
    expect(e.kind).toBe("malformed");
    expect(e.message).toMatch(/larger than 16 KB/);
  });

  it("the connection test also refuses the redirect, and the token never reaches the internal page", async () => {
    internalHits = [];
    const report = await testHomeserver(base, TOKEN);
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toMatchObject({ step: "reachable", ok: false, detail: expect.stringMatching(/answered with a redirect/) });
    expect(JSON.stringify(report)).not.toContain("INTERNAL-ONLY");
    expect(internalHits).toHaveLength(0);
  });
});
