/**
 * The healthy homeserver's public face: nginx terminating TLS (a leaf of a throwaway root → issuing CA) and forwarding
 * only /_matrix and /_synapse/client, as Synapse's reverse-proxy docs prescribe, so /_synapse/admin is refused at the
 * proxy (404 page, not Matrix JSON). It serves a .well-known naming itself. Observed with curl (nginx 1.22.1):
 * /_synapse/admin/v1/server_version → nginx's 404 page; /_matrix/federation/v1/version → Synapse's own 404
 * M_UNRECOGNIZED (no federation listener); TLS 1.1 → alert protocol_version.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPkiPair, issueLeaf, newKey } from "../mesh/pki";
import { startDaemon, withFreshPorts, type Daemon } from "../mesh/third-party/process";
import { SERVER_BINARIES } from "../mesh/third-party/plan";

export interface PublicProxy {
  publicBaseUrl: string;
  /** The root the proxy's chain leads to: what Vigil is given as homeserverPosture.caFile. */
  caPem: string;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";

function nginxConf(dir: string, port: number, upstream: string, files: { chain: string; key: string }): string {
  const tmp = path.join(dir, "tmp");
  const self = `https://${HOST}:${port}`;
  return [
    "# Written by scripts/testbed/posture/proxy.ts",
    "daemon off;",
    "master_process off;",
    `pid ${path.join(dir, "nginx.pid")};`,
    `error_log ${path.join(dir, "error.log")} notice;`,
    "events { worker_connections 64; }",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${path.join(tmp, t)};`),
    "  server {",
    `    listen ${HOST}:${port} ssl;`,
    `    ssl_certificate ${files.chain};`,
    `    ssl_certificate_key ${files.key};`,
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    "    location ~ ^(/_matrix|/_synapse/client) {",
    `      proxy_pass ${upstream};`,
    "      proxy_set_header X-Forwarded-For $remote_addr;",
    "      proxy_set_header Host $host;",
    "    }",
    `    location = /.well-known/matrix/client { default_type application/json; return 200 '{"m.homeserver":{"base_url":"${self}"}}'; }`,
    "    location / { return 404; }",
    "  }",
    "}",
    "",
  ].join("\n");
}

export async function startPublicProxy(dir: string, upstream: string): Promise<PublicProxy> {
  await mkdir(path.join(dir, "tmp"), { recursive: true });
  const { root, issuing } = await createPkiPair();
  const now = Date.now();
  const leaf = await issueLeaf(issuing, {
    commonName: "matrix-public",
    key: await newKey("ec"),
    notBefore: new Date(now - 3600e3),
    notAfter: new Date(now + 90 * 24 * 3600e3),
  });
  const files = { chain: path.join(dir, "public.chain.pem"), key: path.join(dir, "public.key.pem") };
  await writeFile(files.chain, leaf.fullChainPem);
  await writeFile(files.key, leaf.keyPem, { mode: 0o600 });
  const { daemon, port } = await withFreshPorts(HOST, 1, async ([port]): Promise<{ daemon: Daemon; port: number }> => {
    if (port === undefined) throw new Error("no free port");
    const conf = path.join(dir, "nginx.conf");
    await writeFile(conf, nginxConf(dir, port, upstream, files));
    const daemon = await startDaemon({
      name: "nginx (homeserver proxy)",
      command: SERVER_BINARIES.nginx,
      cwd: dir,
      host: HOST,
      ports: [port],
      args: ["-p", `${dir}/`, "-e", path.join(dir, "error.log"), "-c", conf],
      logFile: path.join(dir, "stderr.log"),
    });
    return { daemon, port };
  });
  return { publicBaseUrl: `https://${HOST}:${port}`, caPem: root.certPem, stop: () => daemon.stop() };
}
