/**
 * nginx (Debian /usr/sbin/nginx): one foreground process, one server block per
 * entry, every path (pid, logs, temp dirs) inside its own directory of the state dir.
 *
 * What it really answers (nginx 1.22.1, observed with curl and openssl s_client):
 * - ssl_verify_client on, no client cert: the TLS 1.3 handshake COMPLETES, then
 *   "HTTP/1.1 400 Bad Request" with <title>400 No required SSL certificate was sent</title>.
 *   With the auditor cert: 200 and the app's body. mTLS is enforced at the HTTP layer.
 * - ssl_verify_client on with another team's CA: no cert → 400 "No required SSL certificate
 *   was sent"; the auditor's cert → 400 "The SSL certificate error". Both refused, nothing to compare.
 * - optional / optional_no_ca: 200 with and without a client certificate.
 * - plain HTTP to any ssl port: "400 The plain HTTP request was sent to HTTPS port" (an error
 *   page, not a plaintext service).
 * - TLS 1.2 ClientHello to a TLSv1.3-only block: alert protocol_version (70), no handshake.
 * - nginx-plain (no ssl): "HTTP/1.1 200 OK" to plain HTTP; a ClientHello gets an HTTP 400 in
 *   cleartext, which a TLS client reports as "wrong version number".
 * - nginx-leaf-only: s_client shows depth 0 only, "Verify return code: 21 (unable to verify
 *   the first certificate)" against the root alone. nginx turns off OpenSSL's automatic chain
 *   building, so the issuing CA in its client-CA file does not complete the chain (observed).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { filesOf, type GroupContext, type PlacedEntry, type Stoppable } from "./group";
import { SERVER_BINARIES } from "./plan";
import { startDaemon } from "./process";

const VERIFY: Record<string, string> = {
  "require": "on",
  "optional": "optional",
  "optional-no-ca": "optional_no_ca",
  "require-foreign-ca": "on",
};

function serverBlock(p: PlacedEntry, ctx: GroupContext): string {
  const { entry } = p;
  const listen = `${ctx.host}:${p.port}`;
  const app = `location / { default_type application/json; return 200 '{"agent":"${entry.name}","ok":true}'; }`;
  if (entry.listener === "plain") return `  server {\n    listen ${listen};\n    ${app}\n  }`;
  const verify = VERIFY[entry.clientAuth];
  if (!verify) throw new Error(`${entry.name}: nginx has no client-auth mode "${entry.clientAuth}"`);
  const files = filesOf(p);
  const clientCa = entry.clientAuth === "require-foreign-ca" ? ctx.shared.foreignCa : ctx.shared.clientCa;
  return [
    `  server {`,
    `    listen ${listen} ssl;`,
    `    ssl_certificate ${files.chain};`,
    `    ssl_certificate_key ${files.key};`,
    `    ssl_protocols ${entry.minTls === "TLSv1.2" ? "TLSv1.2 TLSv1.3" : "TLSv1.3"};`,
    `    ssl_verify_client ${verify};`,
    `    ssl_client_certificate ${clientCa};`,
    `    ssl_verify_depth 2;`,
    `    ${app}`,
    `  }`,
  ].join("\n");
}

export async function startNginx(ctx: GroupContext): Promise<Stoppable[]> {
  const tmp = path.join(ctx.dir, "tmp");
  await mkdir(tmp, { recursive: true });
  const conf = [
    "# Written by scripts/testbed/mesh/third-party/nginx.ts",
    // One foreground process with no workers: nothing to orphan, one pid to stop.
    "daemon off;",
    "master_process off;",
    `pid ${path.join(ctx.dir, "nginx.pid")};`,
    `error_log ${path.join(ctx.dir, "error.log")} notice;`,
    "events { worker_connections 256; }",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${path.join(tmp, t)};`),
    ...ctx.entries.map((p) => serverBlock(p, ctx)),
    "}",
    "",
  ].join("\n");
  const confFile = path.join(ctx.dir, "nginx.conf");
  await writeFile(confFile, conf);
  // -e: the error log nginx opens before it has read the config (otherwise /var/log/nginx).
  const daemon = await startDaemon({
    name: "nginx",
    command: SERVER_BINARIES.nginx,
    cwd: ctx.dir,
    host: ctx.host,
    ports: ctx.entries.map((p) => p.port),
    args: ["-p", `${ctx.dir}/`, "-e", path.join(ctx.dir, "error.log"), "-c", confFile],
    logFile: path.join(ctx.dir, "stderr.log"),
  });
  return [daemon];
}
