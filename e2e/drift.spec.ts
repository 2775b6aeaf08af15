import { expect, test } from "@playwright/test";
import { admin } from "./env";
import { scanNow } from "./scan";

test.describe("Drift", () => {
  test("shows changes against the baseline, and an admin accepts a new baseline after confirming", async ({ page }) => {
    // A fresh complete scan, so the latest scan is never already the accepted baseline.
    await scanNow(page, /^complete$/);
    await page.goto("/drift");
    await expect(page.getByRole("heading", { name: "Drift", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Since the baseline" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Since the previous scan" })).toBeVisible();
    const label = page.getByTestId("baseline-label");
    await expect(label).toContainText(/Baseline: (accepted baseline|first complete scan \(no baseline accepted yet\)), scan of/);
    const before = await label.innerText();

    // The first click only asks; cancelling changes nothing.
    await page.getByRole("button", { name: "Accept current state as baseline" }).click();
    const confirm = page.getByRole("group", { name: "Confirm baseline" });
    await expect(confirm).toContainText("Make the scan of");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await expect(label).toHaveText(before);

    await page.getByRole("button", { name: "Accept current state as baseline" }).click();
    await page.getByRole("group", { name: "Confirm baseline" }).getByRole("button", { name: "Yes, accept as baseline" }).click();
    await expect(page.getByRole("status")).toContainText("Baseline accepted");
    await expect(label).not.toHaveText(before);
    await expect(label).toContainText(`accepted baseline`);
    await expect(label).toContainText(`accepted by ${admin.email}`);
    // The latest scan is now the baseline: nothing to compare, and nothing left to accept.
    await expect(page.getByText("The latest complete scan is the baseline")).toBeVisible();
    await expect(page.getByRole("button", { name: "Accept current state as baseline" })).toHaveCount(0);

    // The API agrees: exactly one baseline, the one just accepted.
    const res = await page.request.get("/api/baseline");
    const { baseline } = (await res.json()) as { baseline: { baselineAcceptedBy: string } | null };
    expect(baseline?.baselineAcceptedBy).toBe(admin.email);
  });

  test("bad input to the baseline API gets a clear message", async ({ page }) => {
    const bad = await page.request.post("/api/baseline", { data: { snapshot: "x" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/unrecognized key|snapshot/i);
    const missing = await page.request.post("/api/baseline", { data: { snapshotId: "nope" } });
    expect(missing.status()).toBe(409);
    expect((await missing.json()).error).toBe("No complete snapshot nope.");
  });
});
