/**
 * The third-party fleet: TLS terminators nobody here wrote, configured the way
 * teams really deploy them, and what Vigil must conclude about each. Real
 * terminators refuse at the HTTP layer as often as at the TLS layer (nginx answers
 * "400 No required SSL certificate was sent" after a completed handshake), so
 * these entries exist to catch verdicts that only hold for Node servers.
 *
 * `expect`: the checks that must FAIL for the endpoint. `unknown`: the checks
 * whose result must be `unknown` (Vigil could not decide, and must say so rather
 * than pass). Every other mesh check must pass. What each server really answers
 * is written beside its config (nginx.ts, haproxy.ts, caddy.ts, stunnel.ts, openssl.ts).
 */
import { TLS_CHECKS } from "../plan";
import type { Fault } from "../servers";

export type ServerKind = "nginx" | "haproxy" | "caddy" | "stunnel" | "openssl";

/**
 * Client-certificate policy, in the servers' own vocabulary:
 * - require: ask, refuse without a certificate that chains to the mesh CA
 * - optional: ask and verify if one is sent, serve anyway (nginx optional, HAProxy verify optional, s_server -verify)
 * - optional-no-ca: ask, do not verify the issuer (nginx optional_no_ca)
 * - request: ask, verify nothing (Caddy mode request)
 * - verify-if-given: ask, verify if sent (Caddy mode verify_if_given)
 * - require-foreign-ca: require, but trust another team's CA instead of the mesh CA
 */
export type ClientAuth = "require" | "optional" | "optional-no-ca" | "request" | "verify-if-given" | "require-foreign-ca";

export interface ThirdPartyEntry {
  /** Agent name, and the config's name in the server's own files. */
  name: string;
  server: ServerKind;
  /** "plain": an HTTP listener without TLS at all. */
  listener: "tls" | "plain";
  clientAuth: ClientAuth;
  minTls: "TLSv1.2" | "TLSv1.3";
  /** Validity window of the leaf (plan.ts validityFor). */
  validity: Extract<Fault, "healthy" | "expiring" | "expired" | "long-lived">;
  /** "rogue": leaf and intermediate from the impostor pair (same names, other keys). */
  issuer: "mesh" | "rogue";
  /** "leaf": the server sends its leaf without the intermediate. */
  sends: "chain" | "leaf";
  expect: string[];
  unknown: string[];
}

const HEALTHY = {
  listener: "tls",
  clientAuth: "require",
  minTls: "TLSv1.3",
  validity: "healthy",
  issuer: "mesh",
  sends: "chain",
  expect: [],
  unknown: [],
} as const satisfies Omit<ThirdPartyEntry, "name" | "server">;

const entry = (name: string, server: ServerKind, over: Partial<ThirdPartyEntry> = {}): ThirdPartyEntry => ({
  ...HEALTHY,
  expect: [],
  unknown: [],
  name,
  server,
  ...over,
});

export const THIRD_PARTY_PLAN: readonly ThirdPartyEntry[] = [
  entry("nginx-required", "nginx"),
  entry("nginx-optional", "nginx", { clientAuth: "optional", expect: ["MESH-MTLS-NOT-ENFORCED"] }),
  entry("nginx-optional-no-ca", "nginx", { clientAuth: "optional-no-ca", expect: ["MESH-MTLS-NOT-ENFORCED"] }),
  entry("nginx-leaf-only", "nginx", { sends: "leaf", expect: ["MESH-CHAIN-INCOMPLETE"] }),
  entry("nginx-tls12", "nginx", { minTls: "TLSv1.2", expect: ["MESH-TLS-LEGACY"] }),
  entry("nginx-expiring", "nginx", { validity: "expiring", expect: ["MESH-CERT-EXPIRING"] }),
  // Both requests are refused (the auditor's own certificate is rejected too), so
  // the difference that proves enforcement cannot be observed: unknown, not pass.
  entry("nginx-foreign-client-ca", "nginx", { clientAuth: "require-foreign-ca", unknown: ["MESH-MTLS-NOT-ENFORCED"] }),
  // No TLS at all: no certificate to judge, so every TLS check is unknown.
  entry("nginx-plain", "nginx", { listener: "plain", expect: ["MESH-PLAINTEXT"], unknown: [...TLS_CHECKS] }),
  entry("haproxy-required", "haproxy"),
  entry("haproxy-optional", "haproxy", { clientAuth: "optional", expect: ["MESH-MTLS-NOT-ENFORCED"] }),
  // A chain that reaches no configured root cannot be judged complete or incomplete.
  entry("haproxy-rogue", "haproxy", { issuer: "rogue", expect: ["MESH-CERT-UNTRUSTED"], unknown: ["MESH-CHAIN-INCOMPLETE"] }),
  entry("caddy-required", "caddy"),
  entry("caddy-request", "caddy", { clientAuth: "request", expect: ["MESH-MTLS-NOT-ENFORCED"] }),
  entry("caddy-verify-if-given", "caddy", { clientAuth: "verify-if-given", expect: ["MESH-MTLS-NOT-ENFORCED"] }),
  entry("stunnel-required", "stunnel"),
  entry("stunnel-expired", "stunnel", { validity: "expired", expect: ["MESH-CERT-EXPIRED"] }),
  entry("openssl-required", "openssl"),
  entry("openssl-optional", "openssl", { clientAuth: "optional", expect: ["MESH-MTLS-NOT-ENFORCED"] }),
  entry("openssl-long-lived", "openssl", { validity: "long-lived", expect: ["MESH-CERT-LIFETIME"] }),
];

/** The Debian binaries the fleet runs; the test bed refuses to start without them rather than skip silently. */
export const SERVER_BINARIES: Record<ServerKind, string> = {
  nginx: "/usr/sbin/nginx",
  haproxy: "/usr/sbin/haproxy",
  caddy: "/usr/bin/caddy",
  stunnel: "/usr/bin/stunnel4",
  openssl: "/usr/bin/openssl",
};
