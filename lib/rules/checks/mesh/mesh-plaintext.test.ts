import { describe, expect, it } from "vitest";
import { meshPlaintext } from "./mesh-plaintext";
import { context, endpoint, failing, passing } from "./test-fixtures";

describe("MESH-PLAINTEXT", () => {
  it("fails when plain HTTP got a status line, including HTTP-only endpoints with no TLS at all", () => {
    const rs = meshPlaintext.run(context([
      endpoint({ endpoint: "dual" }, { plainHttp: { outcome: "ok", httpStatus: 200, ms: 1 } }),
      endpoint({ endpoint: "http-only", chain: [] }, { plainHttp: { outcome: "ok", httpStatus: 404, ms: 1 } }),
      endpoint({ endpoint: "tls-only" }),
      endpoint({ endpoint: "dead", reachable: false, chain: [] }, { plainHttp: undefined }),
    ]));
    expect(failing(rs)).toEqual(["dual", "http-only"]);
    expect(passing(rs)).toEqual(["tls-only"]);
  });
});
