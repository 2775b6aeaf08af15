/**
 * Generates a Synapse config for a throwaway loopback homeserver: SQLite,
 * shared-secret registration only, no federation, rate limits out of the way
 * so seeding and tests never sleep on a 429.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import YAML from "yaml";

/** What must survive restarts: the port and secret are baked into matrix.json. */
export interface SynapseState {
  serverName: string;
  port: number;
  registrationSecret: string;
  synapseVersion: string;
  createdAt: string;
}

export const STATE_FILE = "state.json";

/** Ask the kernel for a free loopback port (only at first start; kept afterwards). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function readState(dir: string): SynapseState | null {
  const f = path.join(dir, STATE_FILE);
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as SynapseState) : null;
}

const secret = () => crypto.randomBytes(32).toString("base64url");

/** Synapse's key file format: "ed25519 <key id> <unpadded base64 seed>". */
function signingKeyLine(): string {
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  const seed = Buffer.from(privateKey.export({ format: "jwk" }).d as string, "base64url");
  return `ed25519 a_${crypto.randomBytes(2).toString("hex")} ${seed.toString("base64").replace(/=+$/, "")}\n`;
}

/**
 * Which homeserver.yaml to write. "testbed": the fleet's Synapse (no encryption default, so the fleet can build its
 * deliberate plaintext room). "hardened": the same with encryption on by default, for a healthy posture behind a
 * proxy (posture.ts). "weak": the posture faults the HS-* checks must find, as deployments really get them wrong.
 */
export type SynapseProfile = "testbed" | "hardened" | "weak";

function profileSettings(profile: SynapseProfile): Record<string, unknown> {
  if (profile === "hardened") return { encryption_enabled_by_default_for_room_type: "all" };
  if (profile === "testbed") return {};
  return {
    // Open registration with no token, email or captcha (Synapse insists on saying so explicitly), and guests.
    enable_registration: true,
    enable_registration_without_verification: true,
    allow_guest_access: true,
    encryption_enabled_by_default_for_room_type: "off",
    allow_public_rooms_over_federation: true,
    // A .well-known that sends clients to a host that is not this server.
    public_baseurl: "https://matrix.elsewhere.test/",
    serve_client_wellknown: true,
  };
}

/** Effectively unlimited: tests fire hundreds of requests in seconds. */
const UNLIMITED = { per_second: 100000, burst_count: 100000 };

function homeserverYaml(dir: string, st: SynapseState, profile: SynapseProfile): Record<string, unknown> {
  const yaml: Record<string, unknown> = {
    server_name: st.serverName,
    public_baseurl: `http://127.0.0.1:${st.port}/`,
    listeners: [
      {
        port: st.port,
        bind_addresses: ["127.0.0.1"],
        type: "http",
        tls: false,
        x_forwarded: false,
        // Client API only (includes /_synapse/admin and /health); no federation listener.
        resources: [{ names: ["client"], compress: false }],
      },
    ],
    database: { name: "sqlite3", args: { database: path.join(dir, "homeserver.db") } },
    log_config: path.join(dir, "log.config"),
    media_store_path: path.join(dir, "media_store"),
    signing_key_path: path.join(dir, "signing.key"),
    registration_shared_secret: st.registrationSecret,
    // Throwaway accounts: cheap password hashing keeps registration/login fast.
    bcrypt_rounds: 4,
    enable_registration: false,
    macaroon_secret_key: secret(),
    form_secret: secret(),
    report_stats: false,
    enable_metrics: false,
    url_preview_enabled: false,
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    federation_domain_whitelist: [],
    presence: { enabled: false },
    rc_message: UNLIMITED,
    rc_registration: UNLIMITED,
    rc_login: { address: UNLIMITED, account: UNLIMITED, failed_attempts: UNLIMITED },
    rc_joins: { local: UNLIMITED, remote: UNLIMITED },
    rc_joins_per_room: UNLIMITED,
    rc_invites: { per_room: UNLIMITED, per_user: UNLIMITED, per_issuer: UNLIMITED },
    rc_3pid_validation: UNLIMITED,
    rc_admin_redaction: UNLIMITED,
    rc_key_requests: UNLIMITED,
    rc_room_creation: UNLIMITED,
    rc_profile: UNLIMITED,
    rc_user_directory: UNLIMITED,
    rc_reports: UNLIMITED,
    rc_delayed_event_mgmt: UNLIMITED,
    ...profileSettings(profile),
  };
  if (profile === "weak") {
    // The admin API and federation on the one public listener (Synapse's sample config), with no whitelist.
    yaml.listeners = [
      {
        port: st.port,
        bind_addresses: ["127.0.0.1"],
        type: "http",
        tls: false,
        x_forwarded: false,
        resources: [{ names: ["client", "federation"], compress: false }],
      },
    ];
    delete yaml.federation_domain_whitelist;
  }
  return yaml;
}

function logConfig(dir: string): string {
  return YAML.stringify({
    version: 1,
    formatters: { precise: { format: "%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s" } },
    handlers: {
      file: {
        class: "logging.FileHandler",
        formatter: "precise",
        filename: path.join(dir, "homeserver.log"),
        encoding: "utf8",
      },
    },
    loggers: { "synapse": { level: "INFO" }, "synapse.storage.SQL": { level: "WARNING" } },
    root: { level: "INFO", handlers: ["file"] },
    disable_existing_loggers: false,
  });
}

/**
 * Create the state dir on first start (port, secret, signing key); on later
 * starts only rewrite homeserver.yaml from the kept state, so config changes
 * in this file apply without wiping the database.
 */
export async function prepareConfig(
  dir: string,
  serverName: string,
  synapseVersion: string,
  profile: SynapseProfile = "testbed",
): Promise<SynapseState> {
  fs.mkdirSync(path.join(dir, "media_store"), { recursive: true });
  let st = readState(dir);
  if (st && st.serverName !== serverName) {
    throw new Error(`${dir} holds server ${st.serverName}, not ${serverName}; wipe it or use another dir`);
  }
  if (!st) {
    st = {
      serverName,
      port: await freePort(),
      registrationSecret: secret(),
      synapseVersion,
      createdAt: new Date().toISOString(),
    };
    fs.writeFileSync(path.join(dir, STATE_FILE), JSON.stringify(st, null, 2), { mode: 0o600 });
  }
  const keyFile = path.join(dir, "signing.key");
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, signingKeyLine(), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, "log.config"), logConfig(dir));
  fs.writeFileSync(path.join(dir, "homeserver.yaml"), YAML.stringify(homeserverYaml(dir, st, profile)), { mode: 0o600 });
  return st;
}
