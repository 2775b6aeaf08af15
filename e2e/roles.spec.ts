import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

test("a viewer can read but cannot perform an admin or auditor action", async ({ page, browser }) => {
  const email = `viewer-${Date.now()}@vigil.test`;
  const password = "viewer-password-123";
  await page.goto("/settings/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Vera Viewer");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByLabel(/Initial password/).fill(password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${email} as viewer`);

  const viewer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const vp = await viewer.newPage();
  await signIn(vp, email, password);
  await vp.goto("/settings");
  await expect(vp.getByText("changing them needs the admin role")).toBeVisible();
  await expect(vp.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(vp.getByLabel("Homeserver URL")).toBeDisabled();

  const res = await vp.request.post("/api/scans", { failOnStatusCode: false });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatch(/needs the auditor role; you are a viewer/);

  // The audit log names the refusal, and a viewer cannot read it.
  await vp.goto("/settings/audit");
  await expect(vp.getByRole("heading", { name: "The audit log needs the auditor role" })).toBeVisible();
  await expect(vp.getByRole("table", { name: "Audit log" })).toHaveCount(0);
  await viewer.close();
  await page.goto(`/settings/audit?outcome=denied&actor=${encodeURIComponent(email)}`);
  const refused = page.getByRole("row").filter({ hasText: "scan.run" });
  await expect(refused).toHaveCount(1);
  await expect(refused.getByText("denied", { exact: true })).toBeVisible();
});
