/**
 * Node agents of the conformance test bed (issue #18), in-process HTTPS servers requiring the mesh's client
 * certificates, exactly like the mesh's Node endpoints:
 *  - envelope agents: reference 002's receiver (verify JSON.stringify(payload) against the key named by
 *    `publicKey`), with the nonce and past-only window its checklist asks for; one also checks that the key is the
 *    sender's own, the other does not (reference 002's snippet never compares payload.agentId with the key's owner);
 *  - agent-card servers: /.well-known/agent-card.json signed (A2A §8.4: JWS ES256, detached, RFC 8785), unsigned,
 *    tampered after signing, signed by a key nobody declared, redirected elsewhere, or larger than the cap.
 */
import { createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type http from "node:http";
import { jcs } from "../../../lib/crypto/jcs";

export interface TlsFiles {
  certPem: string;
  keyPem: string;
  caPem: string;
}
export interface RunningAgent {
  port: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

function listen(tls: TlsFiles, host: string, handler: (req: http.IncomingMessage, body: string) => Answer): Promise<RunningAgent> {
  // TLS 1.3 and a client certificate required: the mesh policy's healthy endpoint, so only the conformance checks speak.
  const options = {
    cert: tls.certPem,
    key: tls.keyPem,
    ca: tls.caPem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: "TLSv1.3",
  } as const;
  const server = https.createServer(options, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (d: Buffer) => {
      size += d.length;
      if (size <= 65_536) chunks.push(d);
    });
    req.on("end", () => {
      const out = handler(req, Buffer.concat(chunks).toString("utf8"));
      res.writeHead(out.status, { "content-type": "application/json", "connection": "close", ...out.headers });
      res.end(out.body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    );
  });
}

const refuse = (why: string) => ({ status: 401, body: JSON.stringify({ ok: false, why }) });

export interface EnvelopeAgentSpec {
  /** Public keys by key id, with the agent each belongs to: the receiver's registry of senders. */
  keys: Map<string, { owner: string; key: KeyObject }>;
  /** false: reference 002's receiver as written — the signature is checked, whose key it is is not. */
  checkSender: boolean;
  maxAgeSeconds: number;
  futureSkewSeconds: number;
}

interface Envelope {
  payload?: { agentId?: unknown; ts?: unknown; nonce?: unknown };
  signature?: unknown;
  publicKey?: unknown;
}

export function startEnvelopeAgent(tls: TlsFiles, host: string, spec: EnvelopeAgentSpec): Promise<RunningAgent> {
  const seen = new Map<string, number>();
  return listen(tls, host, (req, body) => {
    if (req.method !== "POST" || req.url !== "/canary") return { status: 404, body: "{}" };
    let envelope: Envelope;
    try {
      envelope = JSON.parse(body) as Envelope;
    } catch {
      return { status: 400, body: JSON.stringify({ ok: false, why: "not JSON" }) };
    }
    // Reference 002: verifySignature(JSON.stringify(envelope.payload), envelope.signature, getPublicKey(envelope.publicKey))
    const entry = typeof envelope.publicKey === "string" ? spec.keys.get(envelope.publicKey) : undefined;
    const signature = typeof envelope.signature === "string" ? Buffer.from(envelope.signature, "base64") : undefined;
    const valid =
      !!entry && !!signature && !!envelope.payload && verify(null, Buffer.from(JSON.stringify(envelope.payload)), entry.key, signature);
    if (!valid || !entry || !envelope.payload) return refuse("INVALID_AGENT_SIGNATURE — rejecting message");
    const { agentId, ts, nonce } = envelope.payload;
    if (spec.checkSender && agentId !== entry.owner) return refuse("sender is not the key's owner");
    const now = Date.now();
    if (typeof ts !== "number" || ts > now + spec.futureSkewSeconds * 1000 || now - ts > spec.maxAgeSeconds * 1000)
      return refuse("stale or future");
    if (typeof nonce !== "string" || seen.has(nonce)) return refuse("nonce missing or seen");
    for (const [n, t] of seen) if (now - t > (spec.maxAgeSeconds + spec.futureSkewSeconds) * 1000) seen.delete(n);
    seen.set(nonce, ts);
    return { status: 200, body: JSON.stringify({ ok: true }) };
  });
}

export const CARD_MODES = ["signed", "unsigned", "tampered", "undeclared-key", "redirect", "oversize"] as const;
export type CardMode = (typeof CARD_MODES)[number];

/** A2A §8.4: JWS with a detached payload, the RFC 8785 form of the card without `signatures`. */
export function signCard(card: Record<string, unknown>, kid: string, key: KeyObject): Record<string, unknown> {
  const protectedHeader = Buffer.from(JSON.stringify({ alg: "ES256", typ: "JOSE", kid })).toString("base64url");
  const input = Buffer.from(`${protectedHeader}.${Buffer.from(jcs(card)).toString("base64url")}`);
  const signature = sign("sha256", input, { key, dsaEncoding: "ieee-p1363" }).toString("base64url");
  return { ...card, signatures: [{ protected: protectedHeader, signature }] };
}

export interface CardKey {
  kid: string;
  key: KeyObject;
}

export function cardBody(mode: CardMode, name: string, url: string, declared: CardKey, rogue: CardKey): string {
  const card = {
    name,
    description: `Vigil conformance test bed agent (${mode})`,
    url,
    version: "1.0.0",
    protocolVersion: "0.3.0",
    capabilities: { streaming: false },
    defaultInputModes: ["application/json"],
    defaultOutputModes: ["application/json"],
    skills: [{ id: "echo", name: "Echo", description: "Answers with what it was sent", tags: ["test"] }],
  };
  switch (mode) {
    case "signed":
      return JSON.stringify(signCard(card, declared.kid, declared.key), null, 2);
    case "unsigned":
      return JSON.stringify(card);
    case "tampered":
      return JSON.stringify({ ...signCard(card, declared.kid, declared.key), url: "https://attacker.invalid/" });
    case "undeclared-key":
      return JSON.stringify(signCard(card, rogue.kid, rogue.key));
    case "redirect":
      return "";
    case "oversize":
      return JSON.stringify({ ...signCard(card, declared.kid, declared.key), padding: "x".repeat(70_000) });
  }
}

export function startCardServer(tls: TlsFiles, host: string, mode: CardMode, body: string): Promise<RunningAgent> {
  return listen(tls, host, (req) => {
    if (req.url !== "/.well-known/agent-card.json") return { status: 404, body: "{}" };
    if (mode === "redirect")
      return { status: 302, headers: { location: "https://elsewhere.invalid/.well-known/agent-card.json" }, body: "" };
    return { status: 200, body };
  });
}

export const publicPem = (key: KeyObject) => createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
