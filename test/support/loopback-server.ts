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
