/**
 * stunnel (Debian /usr/bin/stunnel4 5.68) in front of a plain loopback HTTP app,
 * the way a legacy agent gets TLS bolted on: one foreground process, one service per entry.
 *
 * What it really answers (observed with curl and openssl s_client):
 * - verifyChain + requireCert, no client cert: the client's TLS 1.3 handshake completes,
 *   then alert certificate_required (116): refused at the TLS layer. With the auditor cert,
 *   the app behind it answers (HTTP/1.1 200).
 * - plain HTTP: stunnel logs "SSL_accept: ... http request" and resets the connection
 *   ("Connection reset by peer"), nothing is forwarded.
 * - TLS 1.2 ClientHello with sslVersionMin TLSv1.3: alert protocol_version (70).
 * - stunnel-expired: stunnel loads and serves a leaf that expired an hour ago without complaint.
 */
import http from "node:http";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { filesOf, type GroupContext, type PlacedEntry, type Stoppable } from "./group";
import { SERVER_BINARIES } from "./plan";
import { startDaemon } from "./process";

/** The app behind the tunnel: plain HTTP on loopback, reachable only through stunnel in the registry's eyes. */
async function startApp(host: string, agent: string): Promise<{ port: number } & Stoppable> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "connection": "close" });
    res.end(JSON.stringify({ agent, ok: true }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

function service(p: PlacedEntry, ctx: GroupContext, appPort: number): string {
  const { entry } = p;
  if (entry.listener !== "tls" || entry.clientAuth !== "require")
    throw new Error(`${entry.name}: the stunnel fleet only requires client certs`);
  const files = filesOf(p);
  return [
    `[${entry.name}]`,
    `accept = ${ctx.host}:${p.port}`,
    `connect = ${ctx.host}:${appPort}`,
    `cert = ${files.chain}`,
    `key = ${files.key}`,
    `CAfile = ${ctx.shared.clientCa}`,
    "verifyChain = yes",
    "requireCert = yes",
    `sslVersionMin = ${entry.minTls}`,
  ].join("\n");
}

export async function startStunnel(ctx: GroupContext): Promise<Stoppable[]> {
  const apps: ({ port: number } & Stoppable)[] = [];
  try {
    for (const p of ctx.entries) apps.push(await startApp(ctx.host, p.entry.name));
    const conf = [
      "; Written by scripts/testbed/mesh/third-party/stunnel.ts",
      "foreground = yes",
      "syslog = no",
      "debug = notice",
      `pid = ${path.join(ctx.dir, "stunnel.pid")}`,
      `output = ${path.join(ctx.dir, "stunnel.log")}`,
      ...ctx.entries.map((p, i) => service(p, ctx, apps[i]?.port ?? 0)),
      "",
    ].join("\n");
    const confFile = path.join(ctx.dir, "stunnel.conf");
    await writeFile(confFile, conf);
    const daemon = await startDaemon({
      name: "stunnel",
      command: SERVER_BINARIES.stunnel,
      cwd: ctx.dir,
      host: ctx.host,
      ports: ctx.entries.map((p) => p.port),
      args: [confFile],
      logFile: path.join(ctx.dir, "stderr.log"),
    });
    return [daemon, ...apps];
  } catch (e) {
    await Promise.all(apps.map((a) => a.stop()));
    throw e;
  }
}
