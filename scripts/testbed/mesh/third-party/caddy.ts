/**
 * Caddy (Debian /usr/bin/caddy 2.6.2): `caddy run` with a Caddyfile in the state
 * dir, admin endpoint off, automatic HTTPS/ACME off, HTTP/3 off (no UDP
 * listener), storage and HOME/XDG dirs inside the state dir, so it writes nothing global.
 *
 * What it really answers (observed with curl and openssl s_client):
 * - require_and_verify, no client cert: the client's TLS 1.3 handshake completes, then
 *   alert bad_certificate (42): refused at the TLS layer. With the auditor cert: 200.
 * - request / verify_if_given: 200 without a client certificate. verify_if_given refuses a
 *   certificate from another CA (alert), request accepts anything.
 * - plain HTTP to the TLS port: "HTTP/1.0 400 Bad Request" with the body
 *   "Client sent an HTTP request to an HTTPS server." — Go's refusal, not a plaintext service.
 * - TLS 1.2 ClientHello with protocols tls1.3: alert protocol_version (70).
 * - Caddy turns on "strict SNI-Host enforcement" whenever client auth is configured: a
 *   request whose Host has no matching SNI gets "421 Misdirected Request" — with AND without
 *   a client certificate. The test bed registers endpoints by IP, so clients send no SNI and
 *   every request would be 421; `strict_sni_host insecure_off` restores ordinary answers. A
 *   real Caddy registered by IP behaves like the default: both requests 421, nothing to compare.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { filesOf, type GroupContext, type PlacedEntry, type Stoppable } from "./group";
import { SERVER_BINARIES } from "./plan";
import { startDaemon } from "./process";

function clientAuth(p: PlacedEntry, ctx: GroupContext): string[] {
  const trusted = [ctx.shared.root, ctx.shared.issuing].map((f) => `        trusted_ca_cert_file ${f}`);
  switch (p.entry.clientAuth) {
    case "require":
      return ["        mode require_and_verify", ...trusted];
    case "verify-if-given":
      return ["        mode verify_if_given", ...trusted];
    case "request":
      return ["        mode request"];
    default:
      throw new Error(`${p.entry.name}: Caddy has no client-auth mode "${p.entry.clientAuth}"`);
  }
}

function site(p: PlacedEntry, ctx: GroupContext): string {
  const { entry } = p;
  if (entry.listener !== "tls") throw new Error(`${entry.name}: the Caddy fleet serves TLS only`);
  const files = filesOf(p);
  return [
    `:${p.port} {`,
    `  bind ${ctx.host}`,
    `  tls ${files.chain} ${files.key} {`,
    `    protocols ${entry.minTls === "TLSv1.2" ? "tls1.2" : "tls1.3"}`,
    `    client_auth {`,
    ...clientAuth(p, ctx),
    `    }`,
    `  }`,
    `  respond \`{"agent":"${entry.name}","ok":true}\` 200`,
    `}`,
  ].join("\n");
}

export async function startCaddy(ctx: GroupContext): Promise<Stoppable[]> {
  const conf = [
    "# Written by scripts/testbed/mesh/third-party/caddy.ts",
    "{",
    "  admin off",
    "  auto_https off",
    "  ocsp_stapling off",
    `  storage file_system ${path.join(ctx.dir, "storage")}`,
    "  servers {",
    "    protocols h1 h2",
    "    strict_sni_host insecure_off",
    "  }",
    `  log {\n    output file ${path.join(ctx.dir, "caddy.log")}\n  }`,
    "}",
    ...ctx.entries.map((p) => site(p, ctx)),
    "",
  ].join("\n");
  const confFile = path.join(ctx.dir, "Caddyfile");
  await writeFile(confFile, conf);
  const daemon = await startDaemon({
    name: "caddy",
    command: SERVER_BINARIES.caddy,
    cwd: ctx.dir,
    host: ctx.host,
    ports: ctx.entries.map((p) => p.port),
    args: ["run", "--config", confFile, "--adapter", "caddyfile"],
    env: { HOME: ctx.dir, XDG_DATA_HOME: path.join(ctx.dir, "data"), XDG_CONFIG_HOME: path.join(ctx.dir, "config") },
    logFile: path.join(ctx.dir, "stderr.log"),
  });
  return [daemon];
}
