import { expect, test } from "@playwright/test";
import { scanNow } from "./scan";

/**
 * Issue #15: times are absolute underneath and rendered live. A finding about a certificate that
 * expires in about 50 minutes must not still say "in 49 min" once that moment has passed: the
 * browser's clock is moved two hours on and the same page, never reloaded, says "… ago".
 */
test("a finding's expiry reads live: 'in … min' now, '… ago' two hours later without a reload", async ({ page }) => {
  await scanNow(page);
  await page.clock.install({ time: new Date() });
  await page.goto("/findings?check=MESH-CERT-EXPIRING");
  const row = page.getByRole("table", { name: "Findings" }).locator("tbody tr").first();
  await expect(row).toContainText("MESH-CERT-EXPIRING");
  const expiry = row.locator("td:nth-child(4) time[data-live-time]");
  await expect(expiry).toHaveText(/^in \d+ min$/);
  await expect(expiry).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await page.clock.fastForward("02:00:00");
  await expect(expiry).toHaveText(/^1 h ago$/);
  // The same holds for "first seen": it was "just now"-ish, it is hours old now.
  await expect(row.locator("td:nth-child(5) time")).toHaveText(/^2 h ago$/);
});
