import { expect, test } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { verifyBundle } from "../lib/evidence/verify-bundle";
import { openZip, readEntryBuffer } from "../lib/evidence/zip-reader";
import { parseCsv } from "../test/support/parse-csv";
import { scanNow } from "./scan";

test.describe("Evidence", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
    await scanNow(page);
    await page.close();
  });

  test("previews control status, exports a bundle that verifies, opens its report and parses its CSV", async ({ page, browser }) => {
    test.setTimeout(180_000);
    await page.goto("/evidence");
    const controls = page.getByRole("table", { name: "Control status" });
    await expect(controls).toBeVisible();
    await expect(controls.locator('[data-control="SOC2 CC6.7"]')).toContainText(/Satisfied|Failing/);
    await expect(controls.locator('[data-control="HIPAA 164.312(e)(1)"]')).toBeVisible();

    // Only ISO 27001 for this export, chosen through the form.
    await page.getByLabel("SOC 2 (2017 Trust Services Criteria)").uncheck();
    await page.getByLabel("HIPAA Security Rule, 45 CFR 164").uncheck();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page).toHaveURL(/fw=ISO27001/);
    await expect(controls.locator('[data-control^="SOC2"]')).toHaveCount(0);
    await expect(controls.locator('[data-control="ISO27001 A.8.24"]')).toBeVisible();

    const historyBefore = await page
      .getByRole("table", { name: "Export history" })
      .locator("tbody tr")
      .count()
      .catch(() => 0);
    const downloading = page.waitForEvent("download", { timeout: 150_000 });
    await page.getByRole("button", { name: "Export signed bundle" }).click();
    await expect(page.getByText(/Building and signing|Downloaded/)).toBeVisible();
    const download = await downloading;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-evidence-"));
    const zipPath = path.join(dir, download.suggestedFilename());
    await download.saveAs(zipPath);
    await expect(page.getByRole("status")).toContainText("Downloaded");

    // The key shown on the page is the one that signed the bundle.
    const fingerprint = await page.getByTestId("evidence-fingerprint").getAttribute("data-fingerprint");
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyBundle(zipPath, { fingerprint: fingerprint ?? "" })).toMatchObject({ ok: true });
    await expect(page.getByRole("table", { name: "Export history" }).locator("tbody tr")).toHaveCount(Math.min(historyBefore + 1, 20));

    const zip = await openZip(zipPath);
    try {
      for (const e of zip.entries) {
        const target = path.join(dir, "bundle", e.name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, await readEntryBuffer(zip, e));
      }
    } finally {
      zip.close();
    }
    const rows = parseCsv(fs.readFileSync(path.join(dir, "bundle", "findings.csv"), "utf8"));
    expect(rows[0]?.slice(0, 3)).toEqual(["key", "check", "title"]);
    const findings = JSON.parse(fs.readFileSync(path.join(dir, "bundle", "findings.json"), "utf8")) as unknown[];
    expect(rows.length - 1).toBe(findings.length);
    expect(rows.slice(1).every((r) => r.length === rows[0]?.length)).toBe(true);

    // report.html stands alone: opened from disk, no network, the control table is there.
    const report = await browser.newPage();
    const requests: string[] = [];
    report.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await report.goto(pathToFileURL(path.join(dir, "bundle", "report.html")).href);
    const table = report.locator("table#controls");
    await expect(table).toBeVisible();
    await expect(table.locator("tbody tr").first()).toContainText("ISO27001");
    await expect(table).not.toContainText("SOC2");
    expect(requests).toEqual([]);
    await report.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("says plainly when the chosen period has no scans, and offers no export", async ({ page }) => {
    await page.goto("/evidence?from=2001-01-01&to=2001-01-31");
    // Scoped to main: Next's route announcer is also role=alert.
    await expect(page.getByRole("main").getByRole("alert")).toContainText("No completed scan between 2001-01-01 and 2001-01-31");
    await expect(page.getByRole("button", { name: "Export signed bundle" })).toHaveCount(0);
    const res = await page.request.post("/api/evidence/export?from=2001-01-01&to=2001-01-31", { data: {} });
    expect(res.status()).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/No completed scan/);
  });

  test("rejects a bad date with its own message", async ({ page }) => {
    const res = await page.request.post("/api/evidence/export?from=yesterday", { data: {} });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('"From" must be a date (YYYY-MM-DD), not "yesterday".');
  });
});
