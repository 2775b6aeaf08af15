/**
 * The fleet as data: who exists, which devices they run, which rooms exist
 * and which single fault each one carries. The seeder executes this plan and
 * the ground truth is derived from it, so the two cannot drift apart.
 */
import { createHash } from "node:crypto";

/**
 * primary: the agent's long-running crypto client (cross-signed when the agent is).
 * signed:  a second crypto device, cross-signed by the primary, then closed.
 * unsigned: a second crypto device that uploads keys but is never cross-signed.
 * bare:    a plain /login, no crypto: the device never uploads keys.
 */
export type DeviceKind = "primary" | "signed" | "unsigned" | "bare";

export interface DevicePlan {
  id: string;
  kind: DeviceKind;
  /** Listed in agents.yaml; false makes it MX-DEVICE-UNEXPECTED. */
  declared: boolean;
  /** last_seen pushed ~90 days back after seeding (MX-DEVICE-STALE). */
  stale?: boolean;
}

/**
 * Which Matrix client builds the agent. A test bed written only with the product team's own
 * client shares its blind spots, so some agents come from libraries nobody here wrote:
 * js-sdk:  matrix-js-sdk with the Rust crypto, in this process (crypto-client.ts).
 * mautrix: mautrix-python with libolm, a child process (pyagents/mautrix_agent.py).
 * nio:     matrix-nio with libolm, a child process (pyagents/nio_agent.py); it cannot cross-sign.
 */
export type AgentClient = "js-sdk" | "mautrix" | "nio";

export interface AgentPlan {
  name: string;
  client: AgentClient;
  crossSigning: boolean;
  devices: DevicePlan[];
  /** Agent names this one filters as siblings (MATRIX_SIBLING_AGENTS). */
  siblings: string[];
}

const primary = (id: string): DevicePlan => ({ id, kind: "primary", declared: true });
const js = "js-sdk";

export const AGENTS: AgentPlan[] = [
  // Healthy pair: cross-signed, declared devices, symmetric siblings.
  { name: "alpha", client: js, crossSigning: true, devices: [primary("ALPHA01")], siblings: ["beta"] },
  { name: "beta", client: js, crossSigning: true, devices: [primary("BETA01")], siblings: ["alpha"] },
  // MX-USER-NO-CROSS-SIGNING: device keys uploaded, cross-signing never bootstrapped.
  { name: "gamma", client: js, crossSigning: false, devices: [primary("GAMMA01")], siblings: [] },
  // MX-DEVICE-UNSIGNED: second device with keys, never signed by delta's self-signing key.
  {
    name: "delta",
    client: js,
    crossSigning: true,
    devices: [primary("DELTA01"), { id: "DELTA02", kind: "unsigned", declared: true }],
    siblings: ["echo"],
  },
  // MX-DEVICE-UNEXPECTED (ECHO02, otherwise healthy) and MX-SIBLINGS-ASYMMETRIC (echo omits delta).
  {
    name: "echo",
    client: js,
    crossSigning: true,
    devices: [primary("ECHO01"), { id: "ECHO02", kind: "signed", declared: false }],
    siblings: [],
  },
  // MX-DEVICE-STALE (FOXTROT02, otherwise healthy) and MX-DEVICE-NO-KEYS (FOXTROT03).
  {
    name: "foxtrot",
    client: js,
    crossSigning: true,
    devices: [
      primary("FOXTROT01"),
      { id: "FOXTROT02", kind: "signed", declared: true, stale: true },
      { id: "FOXTROT03", kind: "bare", declared: true },
    ],
    siblings: [],
  },
  // Built by other hands. hotel: healthy mautrix bot (cross-signed by mautrix, key backup).
  { name: "hotel", client: "mautrix", crossSigning: true, devices: [primary("HOTEL01")], siblings: [] },
  // MX-DEVICE-UNEXPECTED: INDIA02 is cross-signed by mautrix's self-signing key but not declared.
  {
    name: "india",
    client: "mautrix",
    crossSigning: true,
    devices: [primary("INDIA01"), { id: "INDIA02", kind: "signed", declared: false }],
    siblings: [],
  },
  // MX-USER-NO-CROSS-SIGNING (and the derived MX-DEVICE-UNSIGNED): nio uploads device keys only.
  // Live, it answers the auditor's SAS emoji verification (e2e/nio-agent-sas.spec.ts).
  { name: "juliet", client: "nio", crossSigning: false, devices: [primary("JULIET01")], siblings: [] },
];

export const AUDITOR = { localpart: "vigil-auditor", deviceId: "VIGILAUDITOR" };
/** A human, not an agent and not allowed by policy; cross-signed so only room checks see him. */
export const OUTSIDER = { localpart: "mallory", deviceId: "MALLORY01" };

export const MEGOLM = "m.megolm.v1.aes-sha2";

export interface RoomPlan {
  key: string;
  name: string;
  /** Agent names (or "mallory"); the first creates the room. */
  members: string[];
  /** null: plaintext. */
  encryption: { algorithm: string; rotation_period_msgs?: number } | null;
  joinRule?: "public" | "invite";
  history?: "world_readable" | "shared";
  guestAccess?: "can_join" | "forbidden";
  /** Messages sent as [sender, text]; "loop" alternates two members 30 times. */
  traffic?: "chat" | "loop";
  /** Check ids this room must fail (subject: the room). */
  expect: string[];
}

const ALL = AGENTS.map((a) => a.name);

export const ROOMS: RoomPlan[] = [
  { key: "ops", name: "Agent ops", members: ALL, encryption: { algorithm: MEGOLM }, traffic: "chat", expect: [] },
  {
    key: "plaintext",
    name: "Plaintext handoff",
    members: ["alpha", "beta"],
    encryption: null,
    traffic: "chat",
    expect: ["MX-ROOM-PLAINTEXT"],
  },
  {
    key: "public",
    name: "Public lobby",
    members: ["alpha", "beta"],
    encryption: { algorithm: MEGOLM },
    joinRule: "public",
    expect: ["MX-ROOM-PUBLIC"],
  },
  {
    key: "history",
    name: "World-readable log",
    members: ["alpha", "beta"],
    encryption: { algorithm: MEGOLM },
    history: "world_readable",
    expect: ["MX-ROOM-HISTORY"],
  },
  {
    key: "guests",
    name: "Guest-friendly",
    members: ["alpha", "beta"],
    encryption: { algorithm: MEGOLM },
    guestAccess: "can_join",
    expect: ["MX-ROOM-GUESTS"],
  },
  {
    key: "unlisted",
    name: "Has a stranger",
    members: ["alpha", "beta", "mallory"],
    encryption: { algorithm: MEGOLM },
    expect: ["MX-ROOM-UNLISTED-MEMBER"],
  },
  // A real algorithm, but Olm is not a room algorithm: clients cannot send here.
  {
    key: "algorithm",
    name: "Odd algorithm",
    members: ["alpha", "beta"],
    encryption: { algorithm: "m.olm.v1.curve25519-aes-sha2" },
    expect: ["MX-ROOM-ALGORITHM"],
  },
  // Megolm's default is 100 messages per session; 1000 widens what one leaked session exposes.
  {
    key: "rotation",
    name: "Slow rotation",
    members: ["alpha", "beta"],
    encryption: { algorithm: MEGOLM, rotation_period_msgs: 1000 },
    expect: ["MX-ROOM-ROTATION"],
  },
  // Echo does not filter delta: the two answer each other (30 alternating messages).
  {
    key: "loop",
    name: "Echo chamber",
    members: ["delta", "echo"],
    encryption: { algorithm: MEGOLM },
    traffic: "loop",
    expect: ["MX-ROOM-FEEDBACK-LOOP"],
  },
];

export const LOOP_MESSAGES = 30;

/** Fingerprint of the plan: a seed made from another plan is never reused as intact. */
export const planDigest = (): string =>
  createHash("sha256").update(JSON.stringify({ AGENTS, ROOMS, LOOP_MESSAGES })).digest("hex").slice(0, 16);
