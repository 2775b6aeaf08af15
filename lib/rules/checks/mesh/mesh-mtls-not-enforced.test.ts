import { describe, expect, it } from "vitest";
import { meshMtlsNotEnforced } from "./mesh-mtls-not-enforced";
import { context, endpoint, failing, okProbe, passing } from "./test-fixtures";

describe("MESH-MTLS-NOT-ENFORCED", () => {
  it("fails when a request without a client cert got any HTTP status, even 401", () => {
    const rs = meshMtlsNotEnforced.run(context([
      endpoint({ endpoint: "open" }, { withoutClientCert: okProbe({ httpStatus: 200 }) }),
      endpoint({ endpoint: "app-auth" }, { withoutClientCert: okProbe({ httpStatus: 401 }) }),
      endpoint({ endpoint: "enforced" }),
    ]));
    expect(failing(rs)).toEqual(["open", "app-auth"]);
    expect(passing(rs)).toEqual(["enforced"]);
  });

  it("does not count a completed TLS 1.3 handshake as a served request", () => {
    const rs = meshMtlsNotEnforced.run(context([endpoint({ endpoint: "x" }, { withoutClientCert: okProbe() })]));
    expect(passing(rs)).toEqual(["x"]);
  });
});
