import { expect, test } from "@playwright/test";

/**
 * Settings → Alerts as an admin. Leaves the shared server as it found it:
 * the webhook it adds is deleted again, the schedule is only ever set to off,
 * and no scan is started. A new metrics token replaces any previous one,
 * which no other spec relies on.
 */
test.describe("Settings → Alerts", () => {
  test("a webhook: bad URL refused with the reason; the secret is shown once; deleted again", async ({ page }) => {
    await page.goto("/settings/alerts");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Add a webhook" }) });
    const name = `e2e hook ${Date.now()}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel(/^URL/).fill("ftp://127.0.0.1/hook");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByRole("alert")).toContainText("Only http:// and https:// URLs can receive webhooks.");
    await expect(form.getByLabel("Name")).toHaveValue(name); // the refused form comes back filled in

    await form.getByLabel(/^URL/).fill("http://127.0.0.1:9/hook");
    await form.getByLabel("Drift").check();
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByRole("status")).toContainText("it will not be shown again");
    const secret = await form.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);

    const list = page.getByRole("list", { name: "Webhooks" });
    await expect(list).toContainText(name);
    await page.reload();
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    await list.getByRole("button", { name: `Delete webhook ${name}` }).click();
    await expect(page.getByRole("list", { name: "Webhooks" }).getByText(name)).toHaveCount(0);
  });

  test("a metrics token is shown once and opens /api/metrics; a wrong one does not", async ({ page, request }) => {
    test.skip(Boolean(process.env.VIGIL_METRICS_TOKEN), "the server's token comes from the environment");
    await page.goto("/settings/alerts");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Prometheus metrics" }) });
    await section.getByRole("button", { name: /Generate a token|Replace the token/ }).click();
    const token = await section.getByLabel("Metrics token").inputValue();
    expect(token).toMatch(/^vgm_/);
    const ok = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status()).toBe(200);
    expect(await ok.text()).toContain("# TYPE vigil_findings_open gauge");
    const wrong = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}-wrong` } });
    expect(wrong.status()).toBe(401);
  });

  test("the schedule can be turned off and says so", async ({ page }) => {
    await page.goto("/settings/alerts");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Scheduled scans" }) });
    await section.getByLabel(/Scan every/).fill("0");
    await section.getByRole("button", { name: "Save schedule" }).click();
    await expect(section.getByRole("status")).toHaveText("Scheduled scans are off.");
    await page.reload();
    await expect(section).toContainText("Off: scans run only when someone starts one.");
  });
});
