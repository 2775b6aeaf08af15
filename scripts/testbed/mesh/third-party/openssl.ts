/**
 * `openssl s_server -www` (Debian /usr/bin/openssl 3.0): one process per entry.
 * It serves one connection at a time, which is fine for a handful of probes.
 *
 * What it really answers (observed with curl and openssl s_client):
 * - -Verify 2 (require), no client cert: the client's TLS 1.3 handshake completes, then
 *   alert certificate_required (116). With the auditor cert: "HTTP/1.0 200 ok" and a status page.
 * - -verify 2 (ask, do not require): "HTTP/1.0 200 ok" without a client certificate.
 * - plain HTTP: closed without a byte ("Empty reply from server").
 * - TLS 1.2 ClientHello with -tls1_3: alert protocol_version (70).
 * - -cert_chain: the issuing CA is sent after the leaf (s_client shows depths 0 and 1).
 */
import path from "node:path";
import { filesOf, type GroupContext, type PlacedEntry, type Stoppable } from "./group";
import { SERVER_BINARIES } from "./plan";
import { startDaemon } from "./process";

function args(p: PlacedEntry, ctx: GroupContext): string[] {
  const { entry } = p;
  const verify = entry.clientAuth === "require" ? "-Verify" : entry.clientAuth === "optional" ? "-verify" : undefined;
  if (entry.listener !== "tls" || !verify) throw new Error(`${entry.name}: not an s_server configuration this fleet knows`);
  const files = filesOf(p);
  return [
    "s_server",
    "-accept",
    `${ctx.host}:${p.port}`,
    "-www",
    "-quiet",
    "-cert",
    files.leaf,
    "-key",
    files.key,
    ...(entry.sends === "chain" ? ["-cert_chain", files.issuing] : []),
    "-CAfile",
    ctx.shared.clientCa,
    verify,
    "2",
    ...(entry.minTls === "TLSv1.3" ? ["-tls1_3"] : ["-min_protocol", "TLSv1.2"]),
  ];
}

export async function startOpensslServer(ctx: GroupContext): Promise<Stoppable[]> {
  const started: Stoppable[] = [];
  try {
    for (const p of ctx.entries) {
      started.push(
        await startDaemon({
          name: `openssl s_server (${p.entry.name})`,
          command: SERVER_BINARIES.openssl,
          cwd: ctx.dir,
          host: ctx.host,
          ports: [p.port],
          args: args(p, ctx),
          logFile: path.join(ctx.dir, `${p.entry.name}.log`),
        }),
      );
    }
    return started;
  } catch (e) {
    await Promise.all(started.map((s) => s.stop()));
    throw e;
  }
}
