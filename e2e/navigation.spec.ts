import { expect, test } from "@playwright/test";
import { NAV_ITEMS } from "../components/shell/nav-items";

test("every navigation entry opens its page", async ({ page }) => {
  await page.goto("/");
  for (const item of NAV_ITEMS) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${item.href === "/" ? "/$" : item.href}`));
    await expect(page.getByRole("heading", { level: 1, name: item.label })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`${item.label} · Vigil`));
  }
});

test("the theme toggle switches to dark and is remembered", async ({ page }) => {
  await page.goto("/");
  const toggle = page.getByRole("button", { name: /Change theme/ });
  await toggle.click(); // system → light
  await toggle.click(); // light → dark
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: "test-results/screens/overview-dark.png", fullPage: true });
  await page.getByRole("button", { name: /Change theme/ }).click(); // back to system
});
