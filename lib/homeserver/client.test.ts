import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { on, startRecordedServer, type RecordedServer } from "../../test/support/recorded-server";
import { closedPort } from "../../test/support/closed-port";
import { countRequests, listenOnLoopback, waitUntil, type Closer } from "../../test/support/loopback-server";
import { createHomeserverClient, MatrixApiError } from "./client";

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const Ok = z.looseObject({ ok: z.boolean() });

describe("homeserver client", () => {
  it("retries 429 and 5xx with backoff, then succeeds; counts every attempt", async () => {
    let n = 0;
    const limited = { status: 429, json: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 5 } };
    server = await startRecordedServer([
      on("GET", "/x", () => (++n === 1 ? limited : n === 2 ? { status: 503, raw: "" } : { json: { ok: true } })),
    ]);
    const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 });
    await expect(http.get("x", "/x", Ok)).resolves.toEqual({ ok: true });
    expect(http.stats).toEqual({ requests: 3, retries: 2, byLabel: { x: 3 } });
  });

  it("classifies failures", async () => {
    server = await startRecordedServer([
      on("GET", "/gone", () => ({ status: 404, json: { errcode: "M_NOT_FOUND", error: "nope" } })),
      on("GET", "/shape", () => ({ json: { ok: "yes" } })),
      on("GET", "/reset", () => "reset"),
    ]);
    const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1, retries: 1 });
    const kind = (p: string) =>
      http.get("k", p, Ok).then(
        () => "ok",
        (e: MatrixApiError) => e.kind,
      );
    expect(await kind("/gone")).toBe("not-found");
    expect(await kind("/shape")).toBe("malformed");
    expect(await kind("/reset")).toBe("network");
  });

  it("refuses to send a token no header can carry, naming the problem but never the token; nothing is sent", async () => {
    server = await startRecordedServer([on("GET", "/x", () => ({ json: { ok: true } }))]);
    for (const token of ["syt_secret\nrest_of_it", "syt_secret€rest_of_it"]) {
      const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: token, backoffMs: 1 });
      const error = await http.get("x", "/x", Ok).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MatrixApiError);
      const why = /cannot be sent in an HTTP header: it contains a (line break|non-ASCII character) at position 11/;
      expect(error).toMatchObject({ kind: "unknown-token", message: expect.stringMatching(why) });
      expect(String((error as Error).message)).not.toMatch(/secret|rest_of_it/);
    }
    expect(server.log).toEqual([]);
  });

  it("redacts a token the homeserver echoes back in its error", async () => {
    const token = "syt_dGVzdA_EchoedBackByServer_0aB1c2";
    const echo = { status: 400, json: { errcode: "M_BAD", error: `bad token ${token} (Bearer ${token})` } };
    server = await startRecordedServer([on("GET", "/echo", () => echo)]);
    const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: token, backoffMs: 1 });
    const error = await http.get("x", "/echo", Ok).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "client", status: 400, errcode: "M_BAD" });
    expect((error as Error).message).toMatch(/HTTP 400 \(M_BAD\): bad token \[redacted\]/);
    expect((error as Error).message).not.toContain("EchoedBackByServer");
  });
});

describe("retry policy per call", () => {
  const flaky = (status: number) => {
    let n = 0;
    return on("POST", "/w", () => (++n === 1 ? { status, json: { errcode: "M_UNKNOWN", error: "busy" } } : { json: { ok: true } }));
  };

  it("a write is not repeated after a 5xx: it may have been applied", async () => {
    server = await startRecordedServer([flaky(503)]);
    const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 });
    await expect(http.post("w", "/w", {}, Ok)).rejects.toMatchObject({ kind: "server", status: 503 });
    expect(server.log).toEqual(["POST /w"]);
  });

  it("a write is repeated after a 429: the server did not act on it", async () => {
    server = await startRecordedServer([flaky(429)]);
    const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 });
    await expect(http.post("w", "/w", {}, Ok)).resolves.toEqual({ ok: true });
    expect(server.log).toEqual(["POST /w", "POST /w"]);
  });

  it("a POST that only reads may say so and is retried like a GET", async () => {
    server = await startRecordedServer([flaky(503)]);
    const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 });
    await expect(http.post("w", "/w", {}, Ok, { retry: "transient" })).resolves.toEqual({ ok: true });
    expect(http.stats).toMatchObject({ requests: 2, retries: 1 });
  });

  it("'once' makes a single attempt even for a read", async () => {
    let n = 0;
    server = await startRecordedServer([on("GET", "/r", () => (++n === 1 ? { status: 502, raw: "<html>" } : { json: { ok: true } }))]);
    const http = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1 });
    await expect(http.get("r", "/r", Ok, { retry: "once" })).rejects.toMatchObject({ kind: "server", status: 502 });
    expect(server.log).toEqual(["GET /r"]);
  });

  it("a refused connection is retried for a write (nothing was sent), then reported as network with fetch's reason kept", async () => {
    const http = createHomeserverClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, accessToken: "t", backoffMs: 1, retries: 2 });
    const e = await http.put("w", "/w", {}, Ok).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ kind: "network", message: expect.stringMatching(/ECONNREFUSED/) });
    expect((e as Error).cause).toBeInstanceOf(Error);
    expect(http.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it("a caller's signal already aborted: nothing is sent, and the error gives the caller's reason", async () => {
    server = await startRecordedServer([on("GET", "/x", () => ({ json: { ok: true } }))]);
    const signal = AbortSignal.abort(new Error("the scan's time limit (2 s) was reached"));
    const client = createHomeserverClient({ baseUrl: server.baseUrl, accessToken: "t", backoffMs: 1, signal });
    await expect(client.get("x", "/x", Ok)).rejects.toMatchObject({
      kind: "network",
      message: "GET /x: cancelled: the scan's time limit (2 s) was reached",
    });
    expect(server.log).toEqual([]);
  });

  it("aborted in flight: the request is cancelled, its connection closed, and it is not retried", async () => {
    const closers: Closer[] = [];
    // Headers and the first bytes of a body, then nothing: only the caller's signal can end this read.
    const stall = http.createServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).write('{"o'));
    const requests = countRequests(stall);
    const baseUrl = `http://${await listenOnLoopback(stall, closers)}`;
    try {
      const controller = new AbortController();
      const client = createHomeserverClient({ baseUrl, accessToken: "t", backoffMs: 1, timeoutMs: 60_000, signal: controller.signal });
      const asked = client.get("x", "/x", Ok);
      expect(await waitUntil(() => requests.open() === 1, 5_000)).toBe(true);
      controller.abort(new Error("the scan's time limit (2 s) was reached"));
      await expect(asked).rejects.toMatchObject({
        kind: "network",
        message: expect.stringMatching(/^GET \/x: cancelled: the scan's time limit/),
      });
      expect(await waitUntil(() => requests.open() === 0, 2_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 300)); // a retry (reads retry network errors) would arrive by now
      expect(requests.accepted()).toBe(1);
      expect(client.stats).toMatchObject({ requests: 1, retries: 0 });
    } finally {
      for (const close of closers) await close();
    }
  });
});
