/**
 * HAProxy (Debian /usr/sbin/haproxy 2.6): one foreground process (-db), one
 * frontend per entry answering from HAProxy itself (`http-request return`), so no backend is needed.
 *
 * What it really answers (observed with curl and openssl s_client):
 * - verify required, no client cert: the client's TLS 1.3 handshake completes, then the
 *   server sends alert certificate_required (116) and closes: refused at the TLS layer.
 *   With the auditor cert: 200 and the app's body.
 * - verify optional: 200 with and without a client certificate.
 * - plain HTTP to the ssl bind: the connection is closed without a byte ("Empty reply from server").
 * - TLS 1.2 ClientHello with ssl-min-ver TLSv1.3: alert protocol_version (70).
 * - haproxy-rogue: serves the impostor leaf + impostor intermediate; curl against the mesh
 *   root says "unable to get local issuer certificate"; with -k the request is served (200).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { filesOf, type GroupContext, type PlacedEntry, type Stoppable } from "./group";
import { SERVER_BINARIES } from "./plan";
import { startDaemon } from "./process";

const VERIFY: Record<string, string> = { require: "required", optional: "optional" };

function frontend(p: PlacedEntry, ctx: GroupContext): string {
  const { entry } = p;
  const verify = VERIFY[entry.clientAuth];
  if (entry.listener !== "tls" || !verify) throw new Error(`${entry.name}: not a HAProxy configuration this fleet knows`);
  const files = filesOf(p);
  return [
    `frontend ${entry.name}`,
    `  bind ${ctx.host}:${p.port} ssl crt ${files.combined} ca-file ${ctx.shared.clientCa} verify ${verify} ssl-min-ver ${entry.minTls}`,
    `  http-request return status 200 content-type application/json string '{"agent":"${entry.name}","ok":true}'`,
  ].join("\n");
}

export async function startHaproxy(ctx: GroupContext): Promise<Stoppable[]> {
  const conf = [
    "# Written by scripts/testbed/mesh/third-party/haproxy.ts",
    "global",
    "  log stderr format raw local0 notice",
    `  pidfile ${path.join(ctx.dir, "haproxy.pid")}`,
    "  maxconn 512",
    "defaults",
    "  mode http",
    "  log global",
    "  timeout connect 5s",
    "  timeout client 10s",
    "  timeout server 10s",
    ...ctx.entries.map((p) => frontend(p, ctx)),
    "",
  ].join("\n");
  const confFile = path.join(ctx.dir, "haproxy.cfg");
  await writeFile(confFile, conf);
  const daemon = await startDaemon({
    name: "haproxy",
    command: SERVER_BINARIES.haproxy,
    cwd: ctx.dir,
    host: ctx.host,
    ports: ctx.entries.map((p) => p.port),
    args: ["-db", "-f", confFile],
    logFile: path.join(ctx.dir, "haproxy.log"),
  });
  return [daemon];
}
