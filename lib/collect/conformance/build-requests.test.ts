import { createHmac, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MessageProbeDecl } from "../../registry/probes";
import { buildRequest } from "./build-requests";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const decl = MessageProbeDecl.parse({
  format: "hmac-headers",
  canary: { path: "/canary" },
  freshnessSeconds: 30,
  senderId: "vigil-prober",
  credential: "c",
  capability: { token: "t", scopes: ["read:canary"], outOfScope: { path: "/reports/dry-run", scope: "write:reports" } },
});
/** Reference 004's sign_request, transcribed: hex HMAC-SHA256 over "{agent}:{ts}:" + body. */
const ref004 = (secret: string, agent: string, ts: string, body: string) =>
  createHmac("sha256", secret).update(`${agent}:${ts}:${body}`).digest("hex");

describe("buildRequest (hmac-headers)", () => {
  const key = { kind: "hmac" as const, secret: "s3cret" };

  it("signs the canary exactly as reference 004 does, with the token, and a fresh nonce each time", () => {
    const a = buildRequest("canary", decl, key, "tok", NOW).request;
    expect(a.headers).toMatchObject({ "x-agent-id": "vigil-prober", "x-timestamp": String(NOW / 1000), "x-capability-token": "tok" });
    expect(a.headers["x-signature"]).toBe(ref004("s3cret", "vigil-prober", String(NOW / 1000), a.body ?? ""));
    expect(buildRequest("canary", decl, key, "tok", NOW).request.body).not.toBe(a.body);
  });

  it("stale and future sit just outside the claimed window; each faulty probe breaks exactly one thing", () => {
    expect(buildRequest("stale", decl, key, "tok", NOW).request.headers["x-timestamp"]).toBe(String(NOW / 1000 - 35));
    expect(buildRequest("future", decl, key, "tok", NOW).request.headers["x-timestamp"]).toBe(String(NOW / 1000 + 7));
    const tampered = buildRequest("tampered-body", decl, key, "tok", NOW).request;
    expect(tampered.headers["x-signature"]).not.toBe(ref004("s3cret", "vigil-prober", String(NOW / 1000), tampered.body ?? ""));
    const wrong = buildRequest("wrong-signature", decl, key, "tok", NOW).request;
    expect(wrong.headers["x-signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(wrong.headers["x-signature"]).not.toBe(ref004("s3cret", "vigil-prober", String(NOW / 1000), wrong.body ?? ""));
    const stranger = buildRequest("unknown-sender", decl, key, "tok", NOW).request;
    expect(stranger.headers["x-agent-id"]).toMatch(/^vigil-unknown-/);
    expect(stranger.headers["x-signature"]).toBe(
      ref004("s3cret", stranger.headers["x-agent-id"] ?? "", String(NOW / 1000), stranger.body ?? ""),
    );
    expect(buildRequest("unsigned", decl, key, "tok", NOW).request.headers["x-signature"]).toBeUndefined();
    const scope = buildRequest("capability-out-of-scope", decl, key, "tok", NOW);
    expect(scope.request.path).toBe("/reports/dry-run");
    expect(scope.sent).toContain("token without write:reports");
  });
});

describe("buildRequest (signed-envelope)", () => {
  it("signs JSON.stringify(payload) with Ed25519 as reference 002 does, under the declared key id", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const env = MessageProbeDecl.parse({ ...decl, format: "signed-envelope", keyId: "vigil-key-1", capability: undefined });
    const parsed = JSON.parse(buildRequest("canary", env, { kind: "ed25519", key: privateKey }, undefined, NOW).request.body ?? "") as {
      payload: { agentId: string; ts: number; nonce: string };
      signature: string;
      publicKey: string;
    };
    expect(parsed.publicKey).toBe("vigil-key-1");
    expect(parsed.payload).toMatchObject({ agentId: "vigil-prober", ts: NOW });
    expect(
      verify(null, Buffer.from(JSON.stringify(parsed.payload)), createPublicKey(privateKey), Buffer.from(parsed.signature, "base64")),
    ).toBe(true);
    const tampered = JSON.parse(
      buildRequest("tampered-body", env, { kind: "ed25519", key: privateKey }, undefined, NOW).request.body ?? "",
    ) as typeof parsed;
    expect(
      verify(null, Buffer.from(JSON.stringify(tampered.payload)), createPublicKey(privateKey), Buffer.from(tampered.signature, "base64")),
    ).toBe(false);
  });
});
