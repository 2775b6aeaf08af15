import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { testbedDir } from "./env";
import { matrixTestbed } from "./testbed";

/** agent-alpha's token: the test bed lets its agents create rooms; Vigil itself never does. */
function alphaToken(): string {
  const tb = JSON.parse(readFileSync(path.join(testbedDir, "matrix.json"), "utf8")) as { agents: { alpha: { accessToken: string } } };
  return tb.agents.alpha.accessToken;
}

/** A fresh plaintext agent room with a hostile name, so the shared seed's plaintext room stays intact. */
async function createPlaintextRoom(name: string): Promise<string> {
  const res = await fetch(`${matrixTestbed().baseUrl}/_matrix/client/v3/createRoom`, {
    method: "POST",
    headers: { "Authorization": `Bearer ${alphaToken()}`, "Content-Type": "application/json" },
    // No m.room.encryption in initial_state: this is the test bed's deliberately bad room.
    body: JSON.stringify({ name, preset: "private_chat" }),
  });
  expect(res.ok, `createRoom: HTTP ${res.status}`).toBe(true);
  return ((await res.json()) as { room_id: string }).room_id;
}

/** Purges the test's room with the auditor's admin token, so the shared test bed is left as seeded. */
async function deleteRoom(roomId: string) {
  const tb = matrixTestbed();
  await fetch(`${tb.baseUrl}/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}`, {
    method: "DELETE",
    headers: { "Authorization": `Bearer ${tb.auditor.accessToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ purge: true }),
  });
}

const created: string[] = [];
test.afterEach(async () => {
  for (const id of created.splice(0)) await deleteRoom(id);
});

/** Clicks "Scan now" on the Overview and waits until the scan has finished (the button is back). */
async function scanNow(page: Page) {
  await page.goto("/");
  const button = page.getByRole("button", { name: "Scan now" });
  await expect(button).toBeEnabled();
  const started = page.waitForResponse((r) => r.url().endsWith("/api/scans") && r.request().method() === "POST");
  await button.click();
  expect((await started).status()).toBe(202);
  await expect(page.getByRole("progressbar", { name: "Scan progress" })).toBeHidden({ timeout: 90_000 });
  await expect(page.getByRole("button", { name: "Scan now" })).toBeEnabled({ timeout: 90_000 });
  // Scoped to main: Next.js keeps an empty route-announcer alert at the body level.
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
}

test("a plaintext room and an unsigned device are flagged; enabling encryption resolves the finding", async ({ page }) => {
  test.setTimeout(240_000);
  const name = `<img src=x onerror="window.__pwned=1"><b>e2e plaintext ${Date.now()}</b>`;
  const roomId = await createPlaintextRoom(name);
  created.push(roomId);

  await scanNow(page);

  // Rooms, filtered to plaintext: the new room is there, its hostile name shown as text.
  await page.goto("/rooms?plaintext=1");
  const row = page.getByRole("row").filter({ hasText: roomId.slice(0, 20) });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("plaintext", { exact: true })).toBeVisible();
  await expect(row.getByText(name, { exact: true })).toBeVisible();
  await expect(page.locator("main img[src='x']")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // Devices, filtered to unverified: agent-delta's DELTA02 is unsigned.
  await page.goto("/devices?unverified=1");
  const delta02 = page.getByRole("row").filter({ hasText: "DELTA02" });
  await expect(delta02).toHaveCount(1);
  await expect(delta02).toContainText("@agent-delta:vigil.test");
  await expect(delta02.getByText("unsigned", { exact: true })).toBeVisible();

  // Remediate from the room's page, through the confirmation.
  await page.goto(`/rooms/${encodeURIComponent(roomId)}`);
  await page.getByRole("button", { name: "Enable encryption…" }).click();
  const dialog = page.getByRole("dialog", { name: "Enable end-to-end encryption" });
  await expect(dialog).toContainText("cannot be undone");
  await dialog.getByRole("button", { name: "Enable encryption" }).click();
  await expect(dialog.getByRole("status")).toContainText("Encryption enabled");
  await dialog.getByRole("button", { name: "Close" }).click();

  await scanNow(page);

  // The room now shows encrypted, and its MX-ROOM-PLAINTEXT finding is resolved.
  await page.goto(`/rooms/${encodeURIComponent(roomId)}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("encrypted");
  await page.goto(`/findings?status=resolved&check=MX-ROOM-PLAINTEXT&subjectId=${encodeURIComponent(roomId)}`);
  const resolved = page.getByRole("row").filter({ hasText: "MX-ROOM-PLAINTEXT" });
  await expect(resolved).toHaveCount(1);
  await expect(resolved.getByText("resolved", { exact: true })).toBeVisible();
});
