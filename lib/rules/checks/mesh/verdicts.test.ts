/**
 * The verdict table on attempts shaped like what real terminators send (observed on
 * Debian's nginx 1.22, HAProxy 2.6, Caddy 2.6 and Node 20 in the test bed).
 */
import { describe, expect, it } from "vitest";
import type { ProbeAttempt } from "../../../snapshot/types";
import { legacyVerdict, mtlsVerdict, plaintextVerdict } from "./verdicts";

const http = (status: number, summary: string, extra: Partial<ProbeAttempt> = {}): ProbeAttempt => ({
  outcome: "ok",
  protocol: "TLSv1.3",
  httpStatus: status,
  httpSummary: summary,
  ms: 2,
  ...extra,
});
const app = http(200, '200 OK: {"agent":"a","ok":true}');
const alert116: ProbeAttempt = {
  outcome: "refused",
  protocol: "TLSv1.3",
  error: "tlsv13 alert certificate required (TLS alert 116)",
  ms: 2,
};
const versionAlert: ProbeAttempt = { outcome: "handshake-failed", error: "tlsv1 alert protocol version (TLS alert 70)", ms: 2 };
const nginxNoCert = http(400, "400 No required SSL certificate was sent");
const nginxBadCert = http(400, "400 The SSL certificate error");

describe("mtlsVerdict", () => {
  it("enforced at the TLS layer (Node, HAProxy, stunnel): alert without a certificate, served with one", () => {
    expect(mtlsVerdict(app, alert116)).toMatchObject({ status: "pass", layer: "tls" });
  });
  it("enforced at the HTTP layer (nginx `ssl_verify_client on`): 400 page without, application with", () => {
    const v = mtlsVerdict(app, nginxNoCert);
    expect(v).toMatchObject({ status: "pass", layer: "http" });
    expect(v.detail).toContain("No required SSL certificate was sent");
  });
  it("not enforced (optional client certificates): the same application answer either way", () => {
    expect(mtlsVerdict(app, app)).toMatchObject({ status: "fail" });
    expect(mtlsVerdict(http(404, "404 Not Found"), http(404, "404 Not Found")).status).toBe("fail");
  });
  it("not enforced when the application answers differently but successfully without a certificate", () => {
    expect(mtlsVerdict(app, http(302, "302 Found")).status).toBe("fail");
  });
  it("unknown when the auditor's own certificate is refused, at either layer — never a pass or a false critical", () => {
    expect(mtlsVerdict(nginxBadCert, nginxNoCert)).toMatchObject({
      status: "unknown",
      detail: expect.stringMatching(/auditor's own certificate was refused/),
    });
    expect(mtlsVerdict(alert116, alert116).status).toBe("unknown");
  });
  it("unknown without an auditor certificate, unless the application answered without one", () => {
    expect(mtlsVerdict(undefined, alert116).status).toBe("unknown");
    expect(mtlsVerdict(undefined, nginxNoCert).status).toBe("unknown");
    expect(mtlsVerdict(undefined, app).status).toBe("fail");
  });
  it("unknown when the bare request timed out", () => {
    expect(mtlsVerdict(app, { outcome: "timeout", error: "no HTTP response within 800 ms", ms: 800 }).status).toBe("unknown");
  });
});

describe("plaintextVerdict", () => {
  it("refused: the terminators' error pages for HTTP on an HTTPS port", () => {
    for (const page of [
      "400 The plain HTTP request was sent to HTTPS port",
      "400 Bad Request: Client sent an HTTP request to an HTTPS server.",
    ]) {
      expect(plaintextVerdict(http(400, page, { protocol: undefined }), app, true)).toMatchObject({ status: "pass", layer: "http" });
    }
  });
  it("refused: a close, a TLS alert in reply, or a redirect to https", () => {
    expect(plaintextVerdict({ outcome: "refused", error: "closed without an HTTP response", ms: 1 }, app, true).status).toBe("pass");
    const redirect = http(301, "301 Moved Permanently", { protocol: undefined, httpLocation: "https://agent.example/" });
    expect(plaintextVerdict(redirect, app, true).status).toBe("pass");
  });
  it("served: the same answer as over TLS, or any answer from a port that speaks no TLS at all", () => {
    expect(plaintextVerdict(app, app, true).status).toBe("fail");
    expect(plaintextVerdict(http(404, "404 Not Found"), undefined, false)).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/plain HTTP only/),
    });
    expect(plaintextVerdict(http(200, "200 OK: hello"), app, true).status).toBe("fail");
  });
  it("a redirect to plain http is no refusal", () => {
    expect(plaintextVerdict(http(302, "302 Found", { httpLocation: "http://agent.example/" }), app, true).status).toBe("fail");
  });
  it("unknown when the plain request timed out", () => {
    expect(plaintextVerdict({ outcome: "timeout", ms: 800 }, app, true).status).toBe("unknown");
  });
});

describe("legacyVerdict", () => {
  const tls12ok: ProbeAttempt = { outcome: "ok", protocol: "TLSv1.2", ms: 2 };
  it("fails when a capped handshake below the minimum completes", () => {
    expect(
      legacyVerdict(
        app,
        [
          ["tls12", tls12ok],
          ["tls11", versionAlert],
        ],
        "TLSv1.3",
      ),
    ).toMatchObject({ status: "fail", detail: "Accepts TLSv1.2 (tls12); policy minimum is TLSv1.3" });
  });
  it("passes when every capped handshake is refused and the served reference shows the credentials work", () => {
    expect(
      legacyVerdict(
        app,
        [
          ["tls12", versionAlert],
          ["tls11", versionAlert],
        ],
        "TLSv1.3",
      ).status,
    ).toBe("pass");
  });
  it("unknown when the reference was not served (a refused certificate would fail the capped ones too)", () => {
    expect(
      legacyVerdict(
        alert116,
        [
          ["tls12", versionAlert],
          ["tls11", versionAlert],
        ],
        "TLSv1.3",
      ).status,
    ).toBe("unknown");
  });
  it("unknown when a capped attempt timed out", () => {
    expect(
      legacyVerdict(
        app,
        [
          ["tls12", { outcome: "timeout", ms: 800 }],
          ["tls11", versionAlert],
        ],
        "TLSv1.3",
      ).status,
    ).toBe("unknown");
  });
});
