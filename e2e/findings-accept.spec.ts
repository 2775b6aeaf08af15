import { expect, test } from "@playwright/test";
import { scanNow } from "./scan";

test("an auditor accepts a finding with a reason, owner and end date, then withdraws it", async ({ page }) => {
  await scanNow(page);
  await page.goto("/findings?check=MX-DEVICE-STALE&status=all");
  await page
    .getByRole("main")
    .getByRole("link", { name: /MX-DEVICE-STALE/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MX-DEVICE-STALE");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("open");

  const exception = page.locator("section", { has: page.getByRole("heading", { name: "Exception" }) });
  // Too short a reason is refused with a message; nothing changes.
  await exception.getByLabel(/Reason/).fill("ok");
  await exception.getByLabel("Owner").fill("platform team");
  await exception.getByLabel("Until").fill(new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10));
  await exception.getByLabel(/Reason/).evaluate((el) => el.removeAttribute("minlength")); // let the server judge
  await exception.getByRole("button", { name: "Accept risk" }).click();
  await expect(exception.getByRole("alert")).toContainText("reason of at least 10 characters");
  await expect(exception.getByLabel("Owner")).toHaveValue("platform team"); // a refused form keeps what was typed

  await exception.getByLabel(/Reason/).fill("Decommissioned host; device removed at next maintenance window");
  await exception.getByRole("button", { name: "Accept risk" }).click();
  await expect(exception.getByRole("status")).toContainText("Accepted until");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("accepted");
  await expect(page.getByText(/Accepted by platform team \(accepted by admin@vigil\.test\)/)).toBeVisible();

  await page.getByRole("button", { name: "Withdraw the acceptance" }).click();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("open");
});
