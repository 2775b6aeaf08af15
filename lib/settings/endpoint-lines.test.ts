import { describe, expect, it } from "vitest";
import { endpointLines, parseEndpointLines } from "./endpoint-lines";

describe("endpoint lines", () => {
  it("round-trips host:port, agent and SPIFFE id in any order", () => {
    const parsed = parseEndpointLines("# mesh\n10.0.0.5:8443 alpha spiffe://corp/agent/alpha\n\n[::1]:9443 spiffe://corp/b beta\n");
    expect(parsed).toEqual({
      ok: true,
      endpoints: [
        { endpoint: "10.0.0.5:8443", agent: "alpha", spiffeId: "spiffe://corp/agent/alpha" },
        { endpoint: "[::1]:9443", agent: "beta", spiffeId: "spiffe://corp/b" },
      ],
    });
    if (parsed.ok) expect(endpointLines(parsed.endpoints)).toContain("10.0.0.5:8443 alpha spiffe://corp/agent/alpha");
  });

  it("names the line of a bad endpoint", () => {
    expect(parseEndpointLines("10.0.0.5:8443\nnot-an-endpoint\n")).toEqual({
      ok: false,
      error: expect.stringMatching(/line 2 .*host:port/),
    });
    expect(parseEndpointLines("h:99999")).toMatchObject({ ok: false, error: expect.stringMatching(/port must be 1–65535/) });
  });
});
