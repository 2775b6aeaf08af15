import type http from "node:http";
import type net from "node:net";

/** What a test must undo at the end, last first. */
export type Closer = () => Promise<void> | void;

/**
 * Listens on a free loopback port and registers its closing in `closers`; the returned address is
 * host:port. Every connection is destroyed at the end, so closing never waits on a socket a test left open.
 */
export async function listenOnLoopback(server: net.Server, closers: Closer[]): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const sockets = new Set<net.Socket>();
  server.on("connection", (s: net.Socket) => sockets.add(s));
  closers.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

export interface OpenCount {
  /** Accepted and not yet closed. */
  open(): number;
  /** Accepted since the count began. */
  accepted(): number;
}

/**
 * Counts a server's connections from accept to close: what a test of cancellation watches (call before listening).
 * A server that never reads must still resume its sockets, or it never sees the client's FIN and counts it open.
 */
export function countConnections(server: net.Server): OpenCount {
  let open = 0;
  let accepted = 0;
  server.on("connection", (s: net.Socket) => {
    open++;
    accepted++;
    s.once("close", () => open--);
  });
  return { open: () => open, accepted: () => accepted };
}

/** Counts an HTTP server's requests from arrival until the response ends or its connection closes. */
export function countRequests(server: http.Server): OpenCount {
  let open = 0;
  let accepted = 0;
  server.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    open++;
    accepted++;
    res.once("close", () => open--);
  });
  return { open: () => open, accepted: () => accepted };
}

/** Polls `condition` every 25 ms until it holds (true) or `timeoutMs` passes (false): a bounded wait, never a fixed sleep. */
export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}
