import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./csrf";

const req = (headers: Record<string, string>, method = "POST") => ({
  method,
  headers: new Headers({ host: "127.0.0.1:3000", ...headers }),
});

describe("crossSiteRefusal", () => {
  it("lets Vigil's own pages through: same-origin fetch with JSON, or a body-less POST", () => {
    const own = { "origin": "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" };
    expect(crossSiteRefusal(req({ ...own, "content-type": "application/json", "content-length": "2" }), undefined)).toBeUndefined();
    expect(crossSiteRefusal(req(own), undefined)).toBeUndefined();
  });

  it("lets a non-browser client through (no Origin, no Sec-Fetch-Site): it holds its own cookie", () => {
    expect(crossSiteRefusal(req({}), undefined)).toBeUndefined();
  });

  it("refuses the reported attack: a text/plain POST with a foreign Origin", () => {
    const r = crossSiteRefusal(req({ "origin": "http://evil.example", "content-type": "text/plain", "content-length": "20" }), undefined);
    expect(r).toMatchObject({ status: 403, reason: expect.stringContaining("another origin (http://evil.example)") });
  });

  it("refuses what the browser marks cross-site or same-site, and an opaque 'null' origin", () => {
    expect(crossSiteRefusal(req({ "sec-fetch-site": "cross-site" }), undefined)?.status).toBe(403);
    expect(crossSiteRefusal(req({ "sec-fetch-site": "same-site" }), undefined)?.status).toBe(403);
    expect(crossSiteRefusal(req({ origin: "null" }), undefined)?.status).toBe(403);
  });

  it("refuses a body that is not JSON even without browser headers (a form or text/plain cannot carry a change)", () => {
    const r = crossSiteRefusal(req({ "content-type": "application/x-www-form-urlencoded", "content-length": "5" }), undefined);
    expect(r).toEqual({ status: 415, reason: "send the request body as application/json" });
  });

  it("compares with NEXTAUTH_URL's host when it is set, else the forwarded or direct Host", () => {
    const own = { origin: "https://vigil.example.com" };
    expect(crossSiteRefusal(req(own), "https://vigil.example.com")).toBeUndefined();
    expect(crossSiteRefusal(req(own), undefined)?.status).toBe(403);
    expect(crossSiteRefusal(req({ ...own, "x-forwarded-host": "vigil.example.com" }), undefined)).toBeUndefined();
  });
});
