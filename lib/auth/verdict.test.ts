import { describe, expect, it } from "vitest";
import { verdictOf } from "./verdict";

describe("verdictOf", () => {
  it("says refused for a form that answered ok:false (the 'Not saved' logged as settings.update ok)", () => {
    const notSaved = "Not saved: the homeserver refused the token.";
    expect(verdictOf({ ok: false, error: notSaved })).toEqual({ outcome: "refused", reason: notSaved });
    expect(verdictOf({ ok: false, message: "Nothing changed." })).toEqual({ outcome: "refused", reason: "Nothing changed." });
    expect(verdictOf({ ok: false })).toMatchObject({ outcome: "refused" });
  });

  it("reads a route's status: 2xx ok, 4xx refused, 5xx failed", () => {
    expect(verdictOf(new Response(null, { status: 202 }))).toEqual({ outcome: "ok" });
    expect(verdictOf(Response.json({ error: "x" }, { status: 409 }))).toEqual({ outcome: "refused", reason: "HTTP 409" });
    expect(verdictOf(new Response(null, { status: 502 }))).toEqual({ outcome: "failed", reason: "HTTP 502" });
  });

  it("says ok for anything else that returned", () => {
    for (const r of [undefined, { ok: true }, [1, 2], "done", { id: "x" }]) expect(verdictOf(r)).toEqual({ outcome: "ok" });
  });
});
