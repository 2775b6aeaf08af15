/** The auditor device page driven as a person would: a fresh browser device, signed in, identity set up or reset. */
import { expect, type Browser, type Page } from "@playwright/test";
import { matrix, matrixTestbed } from "./testbed";

/** A fresh browser context (own IndexedDB): signed in to Vigil, then to the homeserver as the auditor. */
export async function newDevicePage(browser: Browser): Promise<Page> {
  const { auditor } = matrixTestbed();
  const ctx = await browser.newContext({ storageState: "test-results/.auth/admin.json" });
  const page = await ctx.newPage();
  await page.goto("/auditor-device");
  await page.getByLabel("Matrix user id").fill(auditor.userId);
  await page.getByLabel("Password").fill(auditor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-identity]")).toBeVisible({ timeout: 30_000 });
  return page;
}

/**
 * Set up the auditor's identity from this browser, or reset it when one exists (the seed
 * leaves keys nobody can recover, or an earlier spec left some). Resolves once the recovery
 * key is on screen; the caller reads it and confirms it was saved.
 */
export async function setUpOrResetIdentity(page: Page): Promise<void> {
  const { auditor } = matrixTestbed();
  if ((await page.locator("[data-identity]").getAttribute("data-identity")) === "none") {
    await page.getByLabel("Matrix password").fill(auditor.password);
    await page.getByRole("button", { name: "Set up identity" }).click();
  } else {
    const details = page.locator("details", { has: page.getByText("Reset the identity", { exact: true }) });
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
    await page.getByLabel("Matrix password").fill(auditor.password);
    await page.getByLabel(/Replace the current keys/).check();
    await page.getByRole("button", { name: "Reset identity" }).click();
  }
  await expect(page.getByTestId("recovery-key")).toBeVisible({ timeout: 30_000 });
}

/**
 * Leave the shared test bed as the seed made it, for the specs that follow: a fresh user-signing key
 * (so no agent counts as verified by the auditor), no key backup, and no browser device but the seed's.
 */
export async function restoreAuditorAsSeeded(page: Page | undefined): Promise<void> {
  const { auditor } = matrixTestbed();
  if (page && !page.isClosed()) {
    await setUpOrResetIdentity(page);
    await page.context().close();
  }
  for (let i = 0; i < 10; i++) {
    const v = await matrix<{ version: string }>("GET", "/_matrix/client/v3/room_keys/version").catch(() => null);
    if (!v) break;
    await matrix("DELETE", `/_matrix/client/v3/room_keys/version/${v.version}`);
  }
  const { devices } = await matrix<{ devices: { device_id: string }[] }>("GET", "/_matrix/client/v3/devices");
  for (const d of devices.filter((x) => x.device_id !== auditor.primaryDeviceId)) {
    await matrix("DELETE", `/_synapse/admin/v2/users/${encodeURIComponent(auditor.userId)}/devices/${encodeURIComponent(d.device_id)}`);
  }
}
