import { describe, expect, it } from "vitest";
import { parseEvidenceParams } from "./request-params";

const from = (q: string) => {
  const sp = new URLSearchParams(q);
  return parseEvidenceParams((k) => sp.getAll(k), new Date("2026-03-31T12:00:00Z"));
};

describe("parseEvidenceParams", () => {
  it("defaults to the last 30 days and every framework, to-day inclusive", () => {
    const r = from("");
    expect(r).toMatchObject({ ok: true, params: { from: "2026-03-01", to: "2026-03-31", frameworks: ["SOC2", "HIPAA", "ISO27001"] } });
    if (r.ok && r.params.request.scope === "period") expect(r.params.request.to.toISOString()).toBe("2026-03-31T23:59:59.999Z");
  });
  it("takes frameworks repeated or comma-separated, in catalogue order", () => {
    expect(from("fw=ISO27001,SOC2")).toMatchObject({ ok: true, params: { frameworks: ["SOC2", "ISO27001"] } });
    expect(from("fw=HIPAA&fw=SOC2")).toMatchObject({ ok: true, params: { frameworks: ["SOC2", "HIPAA"] } });
  });
  it("gives each bad input its own message", () => {
    expect(from("from=yesterday")).toEqual({ ok: false, error: '"From" must be a date (YYYY-MM-DD), not "yesterday".' });
    expect(from("to=2026-13-45")).toMatchObject({ ok: false, error: expect.stringMatching(/"To" must be a date/) });
    expect(from("from=2026-04-01&to=2026-03-01")).toEqual({ ok: false, error: '"From" (2026-04-01) is after "To" (2026-03-01).' });
    expect(from("fw=PCI")).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown framework "PCI"/) });
  });
  it("exports one snapshot when a scan is named", () => {
    expect(from("scan=abc")).toMatchObject({ ok: true, params: { request: { scope: "snapshot", scanId: "abc" } } });
  });
});
