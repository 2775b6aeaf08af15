import { describe, expect, it } from "vitest";
import { meshPlaintext } from "./mesh-plaintext";
import { context, endpoint, failing, passing } from "./__fixtures__/context";

const plain = (httpStatus: number, httpSummary: string) => ({ plainHttp: { outcome: "ok" as const, httpStatus, httpSummary, ms: 1 } });

describe("MESH-PLAINTEXT (plain answer compared with the TLS answer)", () => {
  it("fails cleartext that gets the application, and any HTTP answer from a port with no TLS at all", () => {
    const rs = meshPlaintext.run(
      context([
        endpoint({ endpoint: "dual" }, plain(200, '200 OK: {"agent":"a"}')),
        endpoint({ endpoint: "http-only", chain: [] }, plain(404, "404 Not Found")),
        endpoint({ endpoint: "tls-only" }),
        endpoint({ endpoint: "nginx" }, plain(400, "400 The plain HTTP request was sent to HTTPS port")),
        endpoint({ endpoint: "caddy" }, plain(400, "400 Bad Request: Client sent an HTTP request to an HTTPS server.")),
      ]),
    );
    expect(failing(rs)).toEqual(["dual", "http-only"]);
    expect(passing(rs)).toEqual(["tls-only", "nginx", "caddy"]);
  });

  it("is unknown for an endpoint that did not answer", () => {
    const rs = meshPlaintext.run(
      context([endpoint({ endpoint: "dead", reachable: false, chain: [], error: "ECONNREFUSED" }, { plainHttp: undefined })]),
    );
    expect(rs).toMatchObject([{ status: "unknown", detail: "Endpoint did not answer (ECONNREFUSED)" }]);
  });
});
