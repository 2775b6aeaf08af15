/**
 * /api/metrics after a real scan of the test bed: the exposition parses with
 * an independent Prometheus text-format parser, carries the values the test
 * bed was built to produce, escapes label values, and is refused without the
 * right bearer token (each refusal with its own status and message).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestbed, type Testbed } from "@/scripts/testbed/testbed";

const data = mkdtempSync(path.join(os.tmpdir(), "vigil-metrics-it-"));
process.env.VIGIL_DATA_DIR = data;
process.env.DATABASE_URL = path.join(data, "db");
delete process.env.VIGIL_METRICS_TOKEN;

const { getDb, closeDb } = await import("@/lib/db/client");
const { runScan } = await import("@/lib/scan/run-scan");
const { scanConfigFromFile } = await import("@/lib/scan/config-from-file");
const { rotateMetricsToken } = await import("@/lib/metrics/token");
const { renderExposition } = await import("@/lib/metrics/exposition");
const { GET } = await import("@/app/api/metrics/route");
const { resetEnv } = await import("@/lib/env");

const db = getDb();
let tb: Testbed;
let scanId = "";

type Families = ReturnType<typeof parsePrometheusTextFormat>;
let families: Families = [];
const family = (name: string) => {
  const f = families.find((x) => x.name === name);
  if (!f) throw new Error(`no family ${name}`);
  return f;
};
/** The value of the one sample of `name` whose labels include `labels`. */
const value = (name: string, labels: Record<string, string> = {}) => {
  const hits = family(name).metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  expect(hits, `${name}${JSON.stringify(labels)}`).toHaveLength(1);
  return Number(hits[0]?.value);
};
const scrape = (auth?: string) => GET(new Request("http://vigil.test/api/metrics", { headers: auth ? { authorization: auth } : {} }));

beforeAll(async () => {
  tb = await startTestbed({ outDir: path.join(data, "testbed") });
  scanId = (await runScan(db, scanConfigFromFile(tb.configPath, { NODE_ENV: "test" }), { trigger: "test" })).scanId;
});
afterAll(async () => {
  await tb?.stop();
  await closeDb();
});

describe("the bearer token", () => {
  it("none configured: 503 saying how to turn metrics on", async () => {
    const res = await scrape("Bearer anything");
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/no token is configured.*Settings → Alerts.*VIGIL_METRICS_TOKEN/);
  });

  let token = "";
  it("configured: 401 without a header, with a malformed one or a wrong token; 200 with the right one", async () => {
    token = await rotateMetricsToken(db, "test");
    const noHeader = await scrape();
    expect(noHeader.status).toBe(401);
    expect(noHeader.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await noHeader.text()).toMatch(/Authorization: Bearer/);
    expect((await scrape(`Basic ${token}`)).status).toBe(401);
    const wrong = await scrape(`Bearer ${token}x`);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toMatch(/Wrong metrics token/);
    const ok = await scrape(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    families = parsePrometheusTextFormat(await ok.text());
  });

  it("the token is sealed at rest; VIGIL_METRICS_TOKEN overrides it", async () => {
    const row = await db.secret.findUniqueOrThrow({ where: { name: "metrics.token" } });
    expect(Buffer.from(row.ciphertext).toString("utf8")).not.toContain(token);
    process.env.VIGIL_METRICS_TOKEN = "from-the-environment";
    resetEnv(); // the environment is parsed once; this test changes it mid-run
    try {
      expect((await scrape(`Bearer ${token}`)).status).toBe(401);
      expect((await scrape("Bearer from-the-environment")).status).toBe(200);
    } finally {
      delete process.env.VIGIL_METRICS_TOKEN;
      resetEnv();
    }
  });
});

describe("the exposition after a scan of the test bed", () => {
  it("parses, declares HELP and TYPE for every family, and every value is a number", () => {
    const names = families.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "vigil_matrix_rooms",
        "vigil_matrix_plaintext_rooms",
        "vigil_matrix_devices",
        "vigil_findings_open",
        "vigil_x509_cert_not_after",
        "vigil_x509_cert_expires_in_seconds",
        "vigil_probe_success",
        "vigil_scan_duration_seconds",
        "vigil_scan_last_success_timestamp_seconds",
        "vigil_posture_score",
      ]),
    );
    for (const f of families) {
      expect(f.type, f.name).toBe("GAUGE");
      expect(f.help.length, f.name).toBeGreaterThan(10);
      for (const m of f.metrics) expect(Number.isFinite(Number(m.value)) && m.value !== "", `${f.name} ${JSON.stringify(m)}`).toBe(true);
    }
  });

  it("Matrix series equal the snapshot rows", async () => {
    const snap = await db.snapshot.findUniqueOrThrow({ where: { scanId } });
    const plaintext = await db.roomRow.count({ where: { snapshotId: snap.id, encrypted: false, agentCount: { gt: 0 } } });
    expect(plaintext).toBeGreaterThan(0); // the test bed seeds a plaintext agent room
    expect(value("vigil_matrix_plaintext_rooms")).toBe(plaintext);
    expect(value("vigil_matrix_rooms", { encrypted: "false", with_agents: "true" })).toBe(plaintext);
    const rooms = family("vigil_matrix_rooms").metrics.reduce((n, m) => n + Number(m.value), 0);
    expect(rooms).toBe(await db.roomRow.count({ where: { snapshotId: snap.id } }));
    const devices = await db.deviceRow.groupBy({ by: ["trust"], where: { snapshotId: snap.id }, _count: { _all: true } });
    expect(devices.length).toBeGreaterThan(1);
    for (const d of devices) expect(value("vigil_matrix_devices", { trust: d.trust })).toBe(d._count._all);
  });

  it("open findings by check and severity match the test bed's ground truth", () => {
    const want = new Map<string, number>();
    for (const g of tb.groundTruth as { check: string; severity?: string }[]) want.set(g.check, (want.get(g.check) ?? 0) + 1);
    const got = new Map<string, number>();
    for (const m of family("vigil_findings_open").metrics)
      got.set(m.labels?.check ?? "", (got.get(m.labels?.check ?? "") ?? 0) + Number(m.value));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    expect(value("vigil_findings_open", { check: "MX-ROOM-PLAINTEXT", severity: "critical" })).toBe(want.get("MX-ROOM-PLAINTEXT"));
  });

  it("probe and certificate series say what each mesh fault was built to say", () => {
    const at = (fault: string) => {
      const e = tb.mesh.endpoints.find((x) => x.fault === fault);
      if (!e) throw new Error(`no ${fault} endpoint`);
      return e.endpoint;
    };
    expect(value("vigil_probe_success", { endpoint: at("unreachable") })).toBe(0);
    expect(value("vigil_probe_success", { endpoint: at("healthy") })).toBe(1);
    const H = 3600;
    // expired: one hour ago; expiring: 50 minutes after the test bed started; healthy: ~24 h.
    expect(value("vigil_x509_cert_expires_in_seconds", { endpoint: at("expired") })).toBeLessThan(-H + 600);
    expect(value("vigil_x509_cert_expires_in_seconds", { endpoint: at("expiring") })).toBeGreaterThan(0);
    expect(value("vigil_x509_cert_expires_in_seconds", { endpoint: at("expiring") })).toBeLessThanOrEqual(50 * 60);
    expect(value("vigil_x509_cert_expires_in_seconds", { endpoint: at("healthy") })).toBeGreaterThan(23 * H);
    const healthy = family("vigil_x509_cert_not_after").metrics.find((m) => m.labels?.endpoint === at("healthy"));
    expect(healthy?.labels).toMatchObject({
      subject_CN: tb.mesh.endpoints.find((x) => x.fault === "healthy")?.agent,
      issuer_CN: "Vigil Test Issuing CA",
      serial_number: expect.stringMatching(/^[0-9A-F]+$/i),
      filepath: "",
    });
    expect(family("vigil_x509_cert_not_after").metrics.some((m) => m.labels?.filepath)).toBe(true); // tracked cert files
  });

  it("scan and posture series", async () => {
    const scan = await db.scan.findUniqueOrThrow({ where: { id: scanId } });
    expect(value("vigil_scan_last_success_timestamp_seconds")).toBeCloseTo((scan.finishedAt?.getTime() ?? 0) / 1000, 2);
    expect(value("vigil_scan_duration_seconds")).toBeCloseTo((scan.counts as { durationMs: number }).durationMs / 1000, 3);
    for (const area of ["matrix", "mesh", "overall"]) {
      const v = value("vigil_posture_score", { area });
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(39); // the test bed has a critical open in every area: the score is red
    }
  });
});

describe("label values are escaped per the text format", () => {
  it("backslash, double quote and newline round-trip through the parser", () => {
    const nasty = 'room "evil"\\name\nline2 {x="y"} # not a comment';
    const text = renderExposition([
      { name: "t_metric", help: "help with \\ and\nnewline", type: "gauge", samples: [{ labels: { name: nasty, empty: "" }, value: 1.5 }] },
    ]);
    expect(text.split("\n").filter(Boolean)).toHaveLength(3); // the newline never splits a line
    const [f] = parsePrometheusTextFormat(text);
    expect(f?.metrics[0]).toEqual({ value: "1.5", labels: { name: nasty, empty: "" } });
  });

  it("refuses invalid metric and label names instead of writing an unparsable line", () => {
    expect(() => renderExposition([{ name: "bad-name", help: "x", type: "gauge", samples: [] }])).toThrow(/invalid metric name/);
    expect(() =>
      renderExposition([{ name: "ok", help: "x", type: "gauge", samples: [{ labels: { "bad label": "v" }, value: 1 }] }]),
    ).toThrow(/invalid label name/);
  });
});
