/**
 * Every parser of outside data, as a fuzz target (#14): the seeded run in the suite (test/fuzz/parsers.test.ts) and
 * bench/fuzz/run.ts (>= 10,000 cases each) drive the same targets through the same harness (fuzz-harness.ts).
 * A target says which errors are its typed rejections; anything else it throws is a crash. Inputs are fast-check
 * arbitraries: shapeless data, and valid inputs with one node replaced or bytes flipped, which is where parsers break.
 */
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { signWebhook, verifyWebhookSignature } from "../../lib/alerts/signature";
import { factsFromState } from "../../lib/collect/matrix/room-state";
import * as schemas from "../../lib/collect/matrix/schemas";
import { auditorKeys, evaluateDeviceTrust, evaluateUserTrust, type KeysQueryResponse } from "../../lib/collect/matrix/trust";
import { certFacts, CertificateUnreadableError } from "../../lib/collect/mesh/cert-facts";
import { signatureAlgorithmOf } from "../../lib/collect/mesh/der";
import { answerComplete, parseHttpAnswer, statusOf } from "../../lib/collect/mesh/http-response";
import { parseCertificateBundle, PemError } from "../../lib/collect/mesh/pem";
import { verifyChain } from "../../lib/collect/mesh/trust";
import { ConfigFile } from "../../lib/config/schema";
import { verifyBundle } from "../../lib/evidence/verify-bundle";
import { writeBundle } from "../../lib/evidence/write-bundle";
import { openZip, readEntry, ZipFormatError } from "../../lib/evidence/zip-reader";
import { BotConfigError, readBotConfig } from "../../lib/collect/bot-config/read-bot-config";
import { createHomeserverClient, MatrixApiError } from "../../lib/homeserver/client";
import { parsePolicyYaml } from "../../lib/policy/load";
import { checkById } from "../../lib/rules/catalogue";
import { readSnapshot, UnreadableSnapshotError } from "../../lib/snapshot/read-snapshot";
import { ConfigError } from "../../lib/yaml/errors";
import { parseYamlFile } from "../../lib/yaml/load-file";
import { botConfigYaml } from "../../scripts/testbed/pyagents/bot-config";
import { leaf, makePki } from "./mesh-pki";
import { syntheticSource } from "./synthetic-evidence-source";

export interface FuzzTarget<T = unknown> {
  name: string;
  input: fc.Arbitrary<T>;
  /** Runs the parser; throws only what `typed` accepts (or crashes). */
  run(input: T): unknown;
  /** The parser's own error types: a rejection, not a crash. */
  typed: (err: unknown) => boolean;
}

/** A JSON value with one node (the n-th, pre-order) replaced: valid data broken in one place. */
export function mutatedJson(base: unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.nat(), fc.oneof(fc.jsonValue(), fc.constantFrom(null, undefined, "", -1, 1e308, "x".repeat(5_000), [], {})))
    .map(([n, value]) => {
      const copy = structuredClone(base) as unknown;
      let seen = 0;
      const target = n % Math.max(count(copy), 1);
      const walk = (node: unknown): unknown => {
        if (seen++ === target) return value;
        if (Array.isArray(node)) return node.map(walk);
        if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
        return node;
      };
      return walk(copy);
    });
}

function count(node: unknown): number {
  if (Array.isArray(node)) return 1 + node.reduce<number>((s, v) => s + count(v), 0);
  if (node && typeof node === "object") return 1 + Object.values(node).reduce<number>((s, v) => s + count(v), 0);
  return 1;
}

/** Bytes with a few flipped, cut short, or spliced with random bytes. */
export function mutatedBytes(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const out = Uint8Array.from(base);
      for (const [at, xor] of flips) out[at % out.length] = (out[at % out.length] ?? 0) ^ xor;
      return out;
    }),
    fc.nat().map((n) => base.slice(0, n % base.length)),
    fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 })).map(([at, junk]) => {
      const i = at % base.length;
      return Uint8Array.from([...base.slice(0, i), ...junk, ...base.slice(i + junk.length)]);
    }),
  );
}

const yamlish = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .array(
      fc.tuple(
        fc.constantFrom("homeserver", "mesh", "policy", "registry", "matrix", "severities", "  endpoints", "- ", "&a", "*a", "<<"),
        fc.string({ maxLength: 40 }),
      ),
      { maxLength: 12 },
    )
    .map((lines) => lines.map(([k, v]) => `${k}: ${v}`).join("\n")),
);

const isMatrixError = (e: unknown) => e instanceof MatrixApiError;

/** Every Synapse answer Vigil parses, through the one homeserver client, then into what the collector derives from it. */
function homeserverTargets(): FuzzTarget[] {
  const answers = [
    [
      "rooms",
      schemas.AdminRoomPageSchema,
      { rooms: [{ room_id: "!a:hs", name: "n", joined_members: 2, encryption: null }], total_rooms: 1 },
    ],
    ["users", schemas.AdminUserPageSchema, { users: [{ name: "@a:hs", admin: false, deactivated: false }], total: 1 }],
    ["devices", schemas.AdminDevicesSchema, { devices: [{ device_id: "D", last_seen_ts: 1, last_seen_ip: "1.2.3.4" }] }],
    [
      "room state",
      schemas.AdminStateSchema,
      {
        state: [
          { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
          { type: "m.room.member", state_key: "@a:hs", content: { membership: "join" } },
        ],
      },
    ],
    ["joined rooms", schemas.JoinedRoomsSchema, { joined_rooms: ["!a:hs"] }],
    [
      "keys/query",
      schemas.KeysQuerySchema,
      {
        device_keys: { "@a:hs": { D: { user_id: "@a:hs", device_id: "D", keys: { "ed25519:D": "k" }, signatures: {} } } },
        master_keys: { "@a:hs": { user_id: "@a:hs", usage: ["master"], keys: { "ed25519:m": "m" } } },
      },
    ],
    [
      "backup",
      schemas.BackupVersionSchema,
      { version: "1", algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", auth_data: { public_key: "p", signatures: {} } },
    ],
    ["whoami", schemas.WhoamiSchema, { user_id: "@auditor:hs", device_id: "A" }],
  ] as const;
  return answers.map(([name, schema, valid]) => ({
    name: `homeserver: ${name}`,
    input: fc.record({
      status: fc.constantFrom(200, 200, 200, 400, 401, 403, 404, 429, 500, 502),
      body: fc.oneof(
        mutatedJson(valid).map((v) => JSON.stringify(v) ?? ""),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 300 }),
      ),
    }),
    run: async ({ status, body }: { status: number; body: string }) => {
      const client = createHomeserverClient({
        baseUrl: "http://127.0.0.1:9",
        accessToken: "syt_fuzz_token_value",
        retries: 0,
        fetch: async () => new Response(body, { status, headers: { "content-type": "application/json" } }),
      });
      const parsed: unknown = await client.get(`fuzz.${name}`, "/fuzz", schema);
      // What the collector derives from a well-shaped answer must not throw either.
      if (name === "room state") factsFromState((parsed as { state: unknown[] }).state);
      if (name === "keys/query") {
        const resp = parsed as KeysQueryResponse;
        const auditor = auditorKeys(resp, "@auditor:hs");
        for (const userId of Object.keys(resp.device_keys ?? {})) {
          const owner = evaluateUserTrust(resp, userId, "@auditor:hs", auditor);
          for (const deviceId of Object.keys(resp.device_keys?.[userId] ?? {})) evaluateDeviceTrust(resp, userId, deviceId, owner);
        }
      }
    },
    typed: isMatrixError,
  }));
}

/** Targets that need real material first: certificates from the test PKI, a signed evidence bundle. */
export async function makeFuzzTargets(workDir: string): Promise<FuzzTarget[]> {
  const pki = await makePki();
  const agent = await leaf(pki, "agent-fuzz");
  const leafDer = new Uint8Array(new X509Certificate(agent.certPem).raw);
  const anchors = [new X509Certificate(pki.ca.certPem)];
  const intermediates = [new X509Certificate(pki.issuing.certPem)];
  const toPem = (der: Uint8Array) =>
    `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;

  const bundleFile = path.join(workDir, "valid.zip");
  const { privateKey } = generateKeyPairSync("ed25519");
  await writeBundle(fs.createWriteStream(bundleFile), syntheticSource({ rooms: 3, devices: 2, certificates: 1, findings: 3 }), privateKey, {
    pdf: false,
  });
  const bundle = new Uint8Array(fs.readFileSync(bundleFile));
  let zipCase = 0;

  const snapshot = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, "../../lib/snapshot/__fixtures__/stored-v1.json"), "utf8"),
  ) as unknown;
  const configYaml = fs.readFileSync(path.join(import.meta.dirname, "../../vigil.config.example.yaml"), "utf8");
  const policyYaml = fs.readFileSync(path.join(import.meta.dirname, "../../lib/policy/policy.example.yaml"), "utf8");
  const botYaml = botConfigYaml({
    userId: "@bot:example.org",
    homeserver: "https://matrix.example.org",
    password: "fuzz-password",
    deviceId: "BOTV1",
    database: "sqlite:bot.db",
    encryption: {
      allow: true,
      default: true,
      require: false,
      verificationLevels: { receive: "unverified", send: "unverified", share: "verified" },
    },
  });
  const botFile = path.join(workDir, "bot-config.yaml");
  const cutYaml = (text: string) =>
    fc
      .tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 30 }))
      .map(([at, len, junk]) => text.slice(0, at % text.length) + junk + text.slice((at % text.length) + (len % 40)));

  const targets: FuzzTarget[] = [
    ...homeserverTargets(),
    {
      name: "PEM bundle",
      input: fc.oneof(
        fc.string({ maxLength: 500 }),
        mutatedBytes(Buffer.from(agent.fullChainPem)).map((b) => Buffer.from(b).toString("latin1")),
      ),
      run: (pem: string) => parseCertificateBundle(pem, "fuzz.pem"),
      typed: (e) => e instanceof PemError,
    },
    {
      name: "X.509 certificate and chain",
      input: fc.oneof(mutatedBytes(leafDer), fc.uint8Array({ maxLength: 600 })),
      run: (der: Uint8Array) => {
        signatureAlgorithmOf(der);
        const chain = parseCertificateBundle(toPem(der) + pki.issuing.certPem, "fuzz chain");
        const verdict = verifyChain(chain, { anchors, intermediates });
        for (const cert of chain) certFacts(cert, { kind: "endpoint", endpoint: "127.0.0.1:1" }, verdict);
      },
      typed: (e) => e instanceof PemError || e instanceof CertificateUnreadableError,
    },
    {
      name: "HTTP answer",
      input: fc.oneof(
        fc.string({ maxLength: 600 }),
        fc
          .tuple(fc.integer({ min: -5, max: 1200 }), fc.string({ maxLength: 80 }), fc.string({ maxLength: 300 }))
          .map(([s, reason, rest]) => `HTTP/1.1 ${s} ${reason}\r\nlocation: ${rest}\r\n\r\n<title>${rest}</title>${rest}`),
      ),
      run: (raw: string) => {
        statusOf(raw);
        answerComplete(raw, raw.length % 2 === 0);
        const answer = parseHttpAnswer(raw);
        if (answer && (answer.summary.length > 400 || (answer.location?.length ?? 0) > 400))
          throw new Error("unbounded field in an HTTP answer");
      },
      typed: () => false,
    },
    {
      name: "config YAML",
      input: fc.oneof(yamlish, cutYaml(configYaml)),
      run: (text: string) => parseYamlFile("vigil.config.yaml", text, ConfigFile),
      typed: (e) => e instanceof ConfigError,
    },
    {
      name: "policy YAML",
      input: fc.oneof(yamlish, cutYaml(policyYaml)),
      run: (text: string) => parsePolicyYaml("policy.yaml", text, checkById),
      typed: (e) => e instanceof ConfigError,
    },
    {
      name: "bot config YAML",
      input: fc.oneof(yamlish, cutYaml(botYaml)),
      run: (text: string) => {
        fs.writeFileSync(botFile, text);
        return readBotConfig("bot", botFile);
      },
      typed: (e) => e instanceof BotConfigError,
    },
    {
      name: "evidence zip",
      input: fc.oneof(mutatedBytes(bundle), fc.uint8Array({ maxLength: 400 })),
      run: async (bytes: Uint8Array) => {
        const file = path.join(workDir, `case-${zipCase++ % 4}.zip`);
        fs.writeFileSync(file, bytes);
        const result = await verifyBundle(file);
        if (result.ok) return; // a flip in a stored entry's slack can leave a bundle valid
        const zip = await openZip(file);
        try {
          for (const entry of zip.entries) await readEntry(zip, entry);
        } finally {
          zip.close();
        }
      },
      typed: (e) => e instanceof ZipFormatError,
    },
    {
      name: "webhook signature",
      input: fc.record({
        header: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.constant(null),
          fc
            .tuple(fc.integer(), fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), maxLength: 70 }))
            .map(([t, h]) => `t=${t},v1=${h}`),
        ),
        body: fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })),
        signedBody: fc.string({ maxLength: 200 }),
      }),
      run: ({ header, body, signedBody }: { header: string | null; body: string | Uint8Array; signedBody: string }) => {
        const r = verifyWebhookSignature("whsec_fuzz", header, body);
        if (r.ok) throw new Error(`an arbitrary header was accepted: ${header}`);
        // A real signature over another body must be refused too, unless the bodies are the same bytes.
        const forged = verifyWebhookSignature("whsec_fuzz", signWebhook("whsec_fuzz", signedBody), body);
        if (forged.ok && Buffer.compare(Buffer.from(signedBody), Buffer.from(body)) !== 0)
          throw new Error("a signature over another body was accepted");
      },
      typed: () => false,
    },
    {
      name: "stored snapshot",
      input: fc.oneof(mutatedJson(snapshot), fc.jsonValue(), fc.anything()),
      run: (data: unknown) => {
        const read = readSnapshot(data, "fuzz");
        if (read instanceof UnreadableSnapshotError && !read.message.startsWith("snapshot fuzz is unreadable"))
          throw new Error(`unclear: ${read.message}`);
      },
      typed: () => false,
    },
  ];
  return targets as FuzzTarget[];
}

/** A scratch folder for the zip target's files. */
export const fuzzWorkDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "vigil-fuzz-"));
