import { expect, test } from "@playwright/test";
import { scanNow } from "./scan";

/**
 * The Homeserver page from the navigation. The e2e test bed's vigil.config.yaml has no homeserverPosture section
 * (the posture servers live in test/integration/homeserver-posture.test.ts), so the page must say the probes were not
 * configured rather than show an empty table or a pass; but its registry declares the fleet's two mautrix bots (hotel,
 * india) with their config.yaml, read in every scan: strict and cross-signed, each passes all three HS-BOT-* checks.
 */
test("the Homeserver page judges the fleet's bots without posture probes, and says the probes were not configured", async ({ page }) => {
  await scanNow(page);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Homeserver", exact: true }).click();
  await expect(page).toHaveURL(/\/homeserver$/);
  await expect(page.getByRole("heading", { level: 1, name: "Homeserver" })).toBeVisible();

  const probes = page.locator("[data-posture]");
  await expect(probes).toHaveAttribute("data-posture", "not-probed");
  await expect(probes).toContainText("Posture probes were not configured for this scan");
  await expect(probes.getByText("homeserverPosture")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Plaintext events in encrypted rooms" })).toHaveCount(0);

  const bots = page.getByRole("table", { name: "Bot configurations" });
  await expect(bots).toBeVisible();
  for (const bot of ["hotel", "india"]) {
    await expect(bots.locator(`tr[data-bot="${bot}"]`), bot).toHaveCount(3);
    await expect(bots.locator(`tr[data-bot="${bot}"][data-verdict="pass"]`), bot).toHaveCount(3);
    await expect(bots.locator(`tr[data-bot="${bot}"]`).first()).toContainText("allow, default, require on");
  }
  // Every verdict on the page is a bot's: no probe verdict is shown for probes that never ran.
  await expect(page.locator("[data-verdict]")).toHaveCount(6);
});
