/**
 * Agent endpoints for the test bed: real Node TLS/HTTP servers on loopback,
 * configured the way a healthy or a mis-deployed agent would be.
 */
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";

export type Fault =
  | "healthy"
  | "expiring"
  | "expired"
  | "long-lived"
  | "rogue-ca"
  | "identity-mismatch"
  | "no-mtls"
  | "tls12"
  | "plaintext"
  | "weak-key"
  | "unreachable";

export interface RunningServer {
  port: number;
  close(): Promise<void>;
  /** An unreachable endpoint's reservation: freed once every endpoint has its port (see startEndpointServer). */
  free?(): Promise<void>;
}

export interface ServerSpec {
  fault: Fault;
  host: string;
  port?: number; // 0 / undefined: any free port
  certPem: string;
  keyPem: string;
  caPem: string; // client certificates are verified against this
  agent: string;
}

const answer = (agent: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", "connection": "close" });
  res.end(JSON.stringify({ agent, ok: true }));
};

function tlsOptions(s: ServerSpec): https.ServerOptions {
  return {
    cert: s.certPem,
    key: s.keyPem,
    ca: s.caPem,
    // The healthy baseline: TLS 1.3 only, client certificate required and verified.
    minVersion: s.fault === "tls12" ? "TLSv1.2" : "TLSv1.3",
    requestCert: s.fault !== "no-mtls",
    rejectUnauthorized: s.fault !== "no-mtls",
    // OpenSSL's default security level refuses to even load an RSA-1024 key.
    ...(s.fault === "weak-key" ? { ciphers: "DEFAULT:@SECLEVEL=0" } : {}),
  };
}

function listen(server: net.Server, host: string, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

const closer =
  (server: net.Server, extra: () => void = () => {}) =>
  () =>
    new Promise<void>((resolve) => {
      extra();
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });

/**
 * "plaintext": one port speaking both — TLS when the first byte is a
 * handshake record (0x16), plain HTTP otherwise. That is how a dual-protocol
 * listener silently serves cleartext next to a perfectly good TLS config.
 * Sniffed connections are piped to internal servers: a TLS server reads from
 * the socket handle directly, so unshift()ing the first bytes would lose them.
 */
async function startSniffing(s: ServerSpec): Promise<RunningServer> {
  const tlsSide = https.createServer(tlsOptions({ ...s, fault: "healthy" }), answer(s.agent));
  tlsSide.on("tlsClientError", () => {});
  const plainSide = http.createServer(answer(s.agent));
  const [tlsPort, plainPort] = [await listen(tlsSide, "127.0.0.1"), await listen(plainSide, "127.0.0.1")];
  const sockets = new Set<net.Socket>();
  const front = net.createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => sock.destroy());
    sock.once("data", (first) => {
      const inner = net.connect(first[0] === 0x16 ? tlsPort : plainPort, "127.0.0.1");
      sockets.add(inner);
      inner.on("close", () => {
        sockets.delete(inner);
        sock.destroy();
      });
      inner.on("error", () => sock.destroy());
      sock.on("close", () => inner.destroy());
      inner.write(first);
      sock.pipe(inner).pipe(sock);
    });
  });
  const port = await listen(front, s.host, s.port);
  return {
    port,
    close: async () => {
      await closer(front, () => sockets.forEach((x) => x.destroy()))();
      await Promise.all([closer(tlsSide)(), closer(plainSide)()]);
    },
  };
}

export async function startEndpointServer(s: ServerSpec): Promise<RunningServer> {
  if (s.fault === "unreachable") {
    // Reserve a port, freed by the caller once every endpoint has one: registered, but nobody listens. Freed at once,
    // the OS could hand the same port to the next unreachable endpoint (seen under load: two endpoints, one port).
    const tmp = net.createServer();
    const port = await listen(tmp, s.host, s.port);
    return { port, close: async () => {}, free: () => new Promise<void>((r) => tmp.close(() => r())) };
  }
  if (s.fault === "plaintext") return startSniffing(s);
  const server = https.createServer(tlsOptions(s), answer(s.agent));
  server.on("tlsClientError", () => {}); // probes without certs, old versions and cleartext are expected noise
  server.keepAliveTimeout = 1000;
  const port = await listen(server, s.host, s.port);
  return { port, close: closer(server) };
}
