import { describe, expect, it } from "vitest";
import { meshMtlsNotEnforced } from "./mesh-mtls-not-enforced";
import { context, endpoint, failing, okProbe, passing } from "./__fixtures__/context";

const page = (httpStatus: number, httpSummary: string) => okProbe({ httpStatus, httpSummary });
const unknowns = (rs: ReturnType<typeof meshMtlsNotEnforced.run>) => rs.filter((r) => r.status === "unknown").map((r) => r.subject.id);

describe("MESH-MTLS-NOT-ENFORCED (by difference, with and without the auditor's certificate)", () => {
  it("fails the same answer either way; passes TLS-layer and HTTP-layer refusals", () => {
    const app = page(200, '200 OK: {"agent":"a"}');
    const rs = meshMtlsNotEnforced.run(
      context([
        endpoint({ endpoint: "optional" }, { withClientCert: app, withoutClientCert: app }),
        endpoint({ endpoint: "tls-layer" }),
        endpoint(
          { endpoint: "nginx-on" },
          { withClientCert: app, withoutClientCert: page(400, "400 No required SSL certificate was sent") },
        ),
      ]),
    );
    expect(failing(rs)).toEqual(["optional"]);
    expect(passing(rs)).toEqual(["tls-layer", "nginx-on"]);
    expect(rs.find((r) => r.subject.id === "nginx-on")?.evidence.layer).toBe("http");
  });

  it("is unknown, never a pass, when the auditor's own certificate is refused, or the endpoint never handshook", () => {
    const rs = meshMtlsNotEnforced.run(
      context([
        endpoint(
          { endpoint: "foreign-ca" },
          {
            withClientCert: page(400, "400 The SSL certificate error"),
            withoutClientCert: page(400, "400 No required SSL certificate was sent"),
          },
        ),
        endpoint({ endpoint: "http-only", chain: [], error: "no TLS handshake completed" }),
      ]),
    );
    expect(unknowns(rs)).toEqual(["foreign-ca", "http-only"]);
  });
});
