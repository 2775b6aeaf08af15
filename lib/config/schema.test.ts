import { describe, expect, it } from "vitest";
import { ConfigFile } from "./schema";
import { parseYamlFile } from "../yaml/load-file";

const parse = (text: string) => parseYamlFile("/etc/vigil/vigil.config.yaml", text, ConfigFile);

describe("vigil.config.yaml", () => {
  it("accepts a complete file", () => {
    const cfg = parse(`
homeserver:
  baseUrl: https://matrix.example.org
  accessTokenFile: /run/secrets/token
mesh:
  caFile: ca.pem
  clientCertFile: auditor.pem
  clientKeyFile: auditor-key.pem
  endpoints:
    - endpoint: 10.0.0.5:8443
      agent: alpha
      spiffeId: spiffe://corp/agent/alpha
`);
    expect(cfg.mesh?.endpoints[0]?.endpoint).toBe("10.0.0.5:8443");
  });

  it("names the line and key of an unknown key", () => {
    expect(() => parse("homeserver:\n  baseUrl: https://x.org\n  acessToken: abc\n")).toThrow(
      /vigil\.config\.yaml:1: homeserver: unknown key acessToken/,
    );
  });

  it("names the line and key of a bad value deep in a list", () => {
    expect(() => parse("mesh:\n  caFile: a\n  clientCertFile: b\n  clientKeyFile: c\n  endpoints:\n    - endpoint: nope\n")).toThrow(
      /vigil\.config\.yaml:6: mesh\.endpoints\.0\.endpoint: must be host:port/,
    );
  });

  it("names a missing required key", () => {
    expect(() => parse("mesh:\n  caFile: a\n")).toThrow(/mesh\.clientCertFile/);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(() => parse("homeserver:\n  baseUrl: [unclosed\n")).toThrow(/vigil\.config\.yaml:\d+/);
  });

  it("rejects a URL that is not http(s)", () => {
    expect(() => parse("homeserver:\n  baseUrl: ftp://x.org\n")).toThrow(/homeserver\.baseUrl: must be an http\(s\) URL/);
  });
});

describe("mesh endpoints", () => {
  it("refuses an endpoint listed twice, naming it and where (a scan would fail at its record)", () => {
    const twice = `
mesh:
  caFile: ca.pem
  clientCertFile: auditor.pem
  endpoints:
    - endpoint: 10.0.0.5:8443
    - endpoint: 10.0.0.6:8443
    - endpoint: 10.0.0.5:8443
`;
    expect(() => parse(twice)).toThrow(/10\.0\.0\.5:8443 is listed twice/);
  });
});
