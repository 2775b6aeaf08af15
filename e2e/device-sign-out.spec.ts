import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { testbedDir } from "./env";
import { scanNow } from "./scan";
import { matrixTestbed } from "./testbed";

const ROGUE = `E2EROGUE${Date.now() % 100000}`;

/** agent-alpha logs in once more with a device id its registry entry does not declare: an unexpected device. */
async function loginRogueDevice(): Promise<{ userId: string; accessToken: string }> {
  const tb = JSON.parse(readFileSync(path.join(testbedDir, "matrix.json"), "utf8")) as {
    agents: { alpha: { userId: string; password: string } };
  };
  const { userId, password } = tb.agents.alpha;
  const res = await fetch(`${matrixTestbed().baseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ type: "m.login.password", identifier: { type: "m.id.user", user: userId }, password, device_id: ROGUE }),
  });
  expect(res.ok, `login: HTTP ${res.status}`).toBe(true);
  return { userId, accessToken: ((await res.json()) as { access_token: string }).access_token };
}

/** What Synapse itself says about the device, with the auditor's admin token. */
async function deviceStatus(userId: string): Promise<number> {
  const tb = matrixTestbed();
  const res = await fetch(`${tb.baseUrl}/_synapse/admin/v2/users/${encodeURIComponent(userId)}/devices/${ROGUE}`, {
    headers: { Authorization: `Bearer ${tb.auditor.accessToken}` },
  });
  return res.status;
}

test("an unexpected agent device is listed in the dry run, signed out on confirmation, and its finding resolves", async ({ page }) => {
  test.setTimeout(240_000);
  const rogue = await loginRogueDevice();
  expect(await deviceStatus(rogue.userId)).toBe(200);
  await scanNow(page);

  await page.goto("/devices?unexpected=1");
  await expect(page.getByRole("row").filter({ hasText: ROGUE })).toHaveCount(1);

  // The dry run lists it with its reason; every other candidate (the seeded faults) is kept.
  await page.getByRole("button", { name: /^Sign out stale or unexpected devices \(\d+\)…$/ }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out agent devices" });
  const mine = dialog.locator("label").filter({ hasText: ROGUE });
  await expect(mine).toContainText("unexpected");
  for (const box of await dialog.getByRole("checkbox").all()) await box.uncheck();
  await mine.getByRole("checkbox").check();
  await dialog.getByRole("button", { name: "Sign out 1 device(s)" }).click();
  await expect(dialog.getByRole("status")).toContainText(`Signed out 1 device(s): ${ROGUE}`);
  await dialog.getByRole("button", { name: "Close" }).click();

  // The audit log names who signed out what.
  await page.goto(`/settings/audit?action=device.sign-out&target=${ROGUE}`);
  const entry = page.getByRole("row").filter({ hasText: ROGUE });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByText("ok", { exact: true })).toBeVisible();
  await expect(entry).toContainText(process.env.VIGIL_ADMIN_EMAIL ?? "admin@vigil.test");

  // On the homeserver: the device is gone and its access token no longer works.
  expect(await deviceStatus(rogue.userId)).toBe(404);
  const whoami = await fetch(`${matrixTestbed().baseUrl}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${rogue.accessToken}` },
  });
  expect(whoami.status).toBe(401);

  // The next scan no longer sees it, and its MX-DEVICE-UNEXPECTED finding is resolved.
  await scanNow(page);
  await page.goto("/devices?unexpected=1");
  await expect(page.getByRole("row").filter({ hasText: ROGUE })).toHaveCount(0);
  await page.goto(`/findings?status=resolved&check=MX-DEVICE-UNEXPECTED&subjectId=${encodeURIComponent(`${rogue.userId}|${ROGUE}`)}`);
  await expect(page.getByRole("row").filter({ hasText: ROGUE })).toHaveCount(1);
});
