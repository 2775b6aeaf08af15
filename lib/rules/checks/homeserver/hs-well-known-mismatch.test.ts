import { describe, expect, it } from "vitest";
import { hsWellKnownMismatch } from "./hs-well-known-mismatch";
import { answer, context, homeserver } from "./__fixtures__/context";

const WK = "/.well-known/matrix/client";
const pointing = (url: string) => ({ wellKnown: { ...answer(WK, 200), homeserverBaseUrl: url } });

describe("HS-WELL-KNOWN-MISMATCH (where .well-known sends clients)", () => {
  it("passes this homeserver's URL (trailing slash aside) and no .well-known at all", () => {
    expect(hsWellKnownMismatch.run(context(homeserver()))[0]?.status).toBe("pass");
    expect(hsWellKnownMismatch.run(context(homeserver({}, { wellKnown: answer(WK, 404, { json: false }) })))[0]?.status).toBe("pass");
  });

  it("fails another host, scheme or port", () => {
    for (const url of ["https://matrix.other.org", "http://matrix.example.org", "https://matrix.example.org:8448"]) {
      expect(hsWellKnownMismatch.run(context(homeserver({}, pointing(url))))[0]?.status, url).toBe("fail");
    }
  });

  it("is unknown for an answer that names no homeserver", () => {
    expect(hsWellKnownMismatch.run(context(homeserver({}, { wellKnown: answer(WK, 200) })))[0]?.status).toBe("unknown");
    expect(hsWellKnownMismatch.run(context(homeserver({}, { wellKnown: answer(WK, 500) })))[0]?.status).toBe("unknown");
  });
});
