import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./signature";

const secret = "whsec_test";
const body = '{"id":"d1","event":"finding.new"}';
const at = new Date("2026-11-22T10:00:00Z");

describe("webhook signatures", () => {
  it("a signature made now verifies", () => {
    const header = signWebhook(secret, body, at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, header, body, at)).toEqual({ ok: true, timestamp: at.getTime() / 1000 });
    expect(verifyWebhookSignature(secret, header, Buffer.from(body), new Date(at.getTime() + 299_000)).ok).toBe(true);
  });

  it("each bad input is refused with its reason", () => {
    const header = signWebhook(secret, body, at);
    const reason = (r: ReturnType<typeof verifyWebhookSignature>) => (r.ok ? "accepted" : r.reason);
    expect(reason(verifyWebhookSignature(secret, undefined, body, at))).toMatch(/no Vigil-Signature header/);
    expect(reason(verifyWebhookSignature(secret, "sha256=abc", body, at))).toMatch(/malformed/);
    expect(reason(verifyWebhookSignature("other", header, body, at))).toMatch(/does not match/);
    expect(reason(verifyWebhookSignature(secret, header, body.replace("new", "old"), at))).toMatch(/does not match/);
    expect(reason(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 301_000)))).toMatch(/outside the 300 s tolerance/);
    expect(reason(verifyWebhookSignature(secret, header, body, new Date(at.getTime() - 301_000)))).toMatch(/outside/);
  });

  it("the timestamp is covered: moving it breaks the signature", () => {
    const header = signWebhook(secret, body, at);
    const moved = header.replace(/t=(\d+)/, (_m, t: string) => `t=${Number(t) + 10}`);
    expect(verifyWebhookSignature(secret, moved, body, at)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  it("accepts any of several v1 values (secret rotation)", () => {
    const good = signWebhook(secret, body, at).split(",")[1];
    const header = `t=${at.getTime() / 1000},v1=${"0".repeat(64)},${good}`;
    expect(verifyWebhookSignature(secret, header, body, at).ok).toBe(true);
  });
});
