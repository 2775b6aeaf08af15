import { expect, test } from "@playwright/test";

/**
 * The Homeserver page from the navigation. The e2e test bed's vigil.config.yaml has no homeserverPosture section
 * (the posture servers live in test/integration/homeserver-posture.test.ts), so the page must say what to configure
 * rather than show an empty table or a pass.
 */
test("the Homeserver page says how to turn posture probing on, and shows no verdict it does not have", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Homeserver", exact: true }).click();
  await expect(page).toHaveURL(/\/homeserver$/);
  await expect(page.getByRole("heading", { level: 1, name: "Homeserver" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The homeserver's own posture has not been probed" })).toBeVisible();
  await expect(page.getByText("homeserverPosture")).toBeVisible();
  await expect(page.locator("[data-verdict]")).toHaveCount(0);
});
