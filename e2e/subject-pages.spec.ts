/**
 * Issue #15, subjects are not dead ends: a finding's subject opens its page (device, room, agent, endpoint,
 * certificate), the device page shows its keys, its signatures with their verdicts, its findings and history,
 * Devices and Mesh narrow to a search and say so, and Rooms rank a room with a high finding by it.
 * A user has its page (identity, devices, rooms), a certificate its page (facts, trust, where seen).
 * Facts come from the running test bed (ground-truth.json, the homeserver's own /keys/query, the PEM files).
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { testbedDir } from "./env";
import { scanNow } from "./scan";
import { matrix, testbedAgent } from "./testbed";

interface Expected {
  check: string;
  subject: { type: string; id: string };
}
const truth = JSON.parse(readFileSync(path.join(testbedDir, "ground-truth.json"), "utf8")) as Expected[];
const subjectOf = (check: string, type: string, prefix = "") => {
  const found = truth.find((t) => t.check === check && t.subject.type === type && t.subject.id.startsWith(prefix));
  if (!found) throw new Error(`the test bed's ground truth has no ${check} on a ${type}`);
  return found.subject.id;
};

const delta = testbedAgent("delta");
const juliet = testbedAgent("juliet", "nio");
const devicePath = (userId: string, deviceId: string) => `/devices/${encodeURIComponent(userId)}/${encodeURIComponent(deviceId)}`;

/** A device's ed25519 key as the homeserver publishes it. */
async function publishedEd25519(userId: string, deviceId: string): Promise<string> {
  const r = await matrix<{ device_keys: Record<string, Record<string, { keys: Record<string, string> }>> }>(
    "POST",
    "/_matrix/client/v3/keys/query",
    { device_keys: { [userId]: [] } },
  );
  const key = r.device_keys[userId]?.[deviceId]?.keys[`ed25519:${deviceId}`];
  if (!key) throw new Error(`${userId} ${deviceId} has no published ed25519 key`);
  return key;
}

const verdict = (page: Page, id: string) => page.locator(`[data-signature="${id}"]`);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000); // a full scan of the test bed on a loaded machine
  const page = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
  await scanNow(page);
  await page.close();
});

test("a device finding's subject opens the device page: keys, signatures with verdicts, findings, history", async ({ page }) => {
  // Delta cross-signs itself but left one device unsigned.
  const [userId = "", deviceId = ""] = subjectOf("MX-DEVICE-UNSIGNED", "device", `${delta.userId}|`).split("|");
  await page.goto(`/findings?check=MX-DEVICE-UNSIGNED&q=${encodeURIComponent(deviceId)}`);
  await page
    .locator(`main a[href="${devicePath(userId, deviceId)}"]`)
    .first()
    .click();
  await expect(page).toHaveURL(devicePath(userId, deviceId));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(deviceId);

  // The key as the homeserver publishes it, grouped in fours for reading.
  const ed25519 = await publishedEd25519(userId, deviceId);
  const keyRow = page.locator('[data-key="ed25519"] dd');
  await expect(keyRow).toHaveAttribute("title", ed25519);
  await expect(keyRow).toHaveText(ed25519.match(/.{1,4}/g)?.join(" ") ?? "");
  await expect(page.locator('[data-key="curve25519"]')).toBeVisible();

  await expect(verdict(page, "device-self")).toHaveAttribute("data-verdict", "valid");
  await expect(verdict(page, "owner-self-signing")).toHaveAttribute("data-verdict", "missing");
  await expect(verdict(page, "cross-signing")).toHaveAttribute("data-verdict", "valid");
  await expect(verdict(page, "auditor")).toHaveAttribute("data-verdict", /^(valid|missing)$/);

  const open = page.getByRole("region", { name: /Open findings/ });
  await expect(open.getByRole("link", { name: "MX-DEVICE-UNSIGNED" })).toBeVisible();
  await expect(page.getByTestId("first-seen")).not.toHaveText("never");
  await expect(page.getByRole("list", { name: "Device history" }).locator('[data-kind="first-seen"]')).toHaveCount(1);

  // The finding's own page links the device too.
  await open.getByRole("link", { name: "MX-DEVICE-UNSIGNED" }).click();
  await page.getByRole("link", { name: /Open the device/ }).click();
  await expect(page).toHaveURL(devicePath(userId, deviceId));

  // Its owner-signed sibling reads valid on the same link.
  await page.goto(devicePath(delta.userId, delta.primaryDeviceId));
  await expect(verdict(page, "owner-self-signing")).toHaveAttribute("data-verdict", "valid");
});

test("a device of an agent without cross-signing: nothing signed it and there is nothing for the auditor to sign", async ({ page }) => {
  await page.goto(devicePath(juliet.userId, juliet.primaryDeviceId));
  await expect(verdict(page, "device-self")).toHaveAttribute("data-verdict", "valid");
  await expect(verdict(page, "owner-self-signing")).toHaveAttribute("data-verdict", "missing");
  await expect(verdict(page, "cross-signing")).toHaveAttribute("data-verdict", "missing");
  await expect(verdict(page, "auditor")).toHaveAttribute("data-verdict", "missing");
  await expect(verdict(page, "cross-signing")).toContainText("no cross-signing keys");
});

test("Devices narrows to a key fingerprint, a user or a device id, says so, and the chip clears it", async ({ page }) => {
  const ed25519 = await publishedEd25519(delta.userId, delta.primaryDeviceId);
  await page.goto(`/devices?q=${encodeURIComponent(ed25519.slice(0, 10))}`);
  const rows = page.getByRole("table", { name: "Devices" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(delta.primaryDeviceId);
  const filters = page.getByRole("status", { name: "Active filters" });
  await expect(filters).toContainText("text");
  await rows.first().getByRole("link", { name: delta.primaryDeviceId }).click();
  await expect(page).toHaveURL(devicePath(delta.userId, delta.primaryDeviceId));

  // The link a finding about a device used to send: user and device id together name one device.
  await page.goto(`/devices?user=${encodeURIComponent(juliet.userId)}&q=${encodeURIComponent(juliet.primaryDeviceId)}`);
  await expect(rows).toHaveCount(1);
  await page.getByRole("link", { name: "Remove the text filter" }).click();
  await expect(page).toHaveURL(`/devices?user=${encodeURIComponent(juliet.userId)}`);
  for (const row of await rows.all()) await expect(row).toContainText(juliet.userId);
  await page.getByRole("link", { name: "Remove the user filter" }).click();
  await expect(page.getByRole("status", { name: "Active filters" })).toHaveCount(0);
  expect(await rows.count()).toBeGreaterThan(1);
});

test("room, agent, endpoint and certificate subjects open their pages", async ({ page }) => {
  const room = subjectOf("MX-ROOM-UNLISTED-MEMBER", "room");
  await page.goto(`/findings?check=MX-ROOM-UNLISTED-MEMBER`);
  await page
    .getByRole("row")
    .filter({ hasText: "MX-ROOM-UNLISTED-MEMBER" })
    .locator(`a[href="/rooms/${encodeURIComponent(room)}"]`)
    .click();
  await expect(page).toHaveURL(`/rooms/${encodeURIComponent(room)}`);
  // Its members' devices open their pages.
  // (A member's own link opens its user page; its devices are listed under it.)
  const anyDevice = page.locator('main li li a[href^="/devices/%40"]').first();
  const href = (await anyDevice.getAttribute("href")) ?? "";
  await anyDevice.click();
  await expect(page).toHaveURL(href);
  await expect(page.getByRole("region", { name: "Signatures" })).toBeVisible();

  const agent = subjectOf("MX-SIBLINGS-ASYMMETRIC", "agent");
  await page.goto(`/findings?check=MX-SIBLINGS-ASYMMETRIC`);
  await page.locator(`main a[href="/agents#agent-${agent}"]`).first().click();
  await expect(page).toHaveURL(`/agents#agent-${agent}`);
  await expect(page.locator(`#agent-${agent}`)).toBeVisible();
  // The agent's devices open their pages.
  await page.goto("/agents");
  const julietRow = page.locator("#agent-juliet");
  await julietRow.getByRole("link", { name: juliet.primaryDeviceId }).click();
  await expect(page).toHaveURL(devicePath(juliet.userId, juliet.primaryDeviceId));

  const endpoint = subjectOf("MESH-CERT-EXPIRED", "endpoint");
  await page.goto(`/findings?check=MESH-CERT-EXPIRED&q=${encodeURIComponent(endpoint)}`);
  await page
    .locator(`main a[href="/mesh/${encodeURIComponent(endpoint)}"]`)
    .first()
    .click();
  await expect(page).toHaveURL(`/mesh/${encodeURIComponent(endpoint)}`);

  // Mesh still narrows to a certificate's fingerprint, and says so.
  const fingerprint = subjectOf("MESH-CERT-EXPIRING", "certificate");
  await page.goto(`/mesh?q=${fingerprint}`);
  await expect(page.getByRole("status", { name: "Active filters" })).toContainText(fingerprint);
  // Narrowed: the tracked files list only that certificate.
  await expect(page.getByRole("table", { name: "Tracked certificate files" }).locator("tbody tr")).toHaveCount(1);
});

test("a finding about a certificate opens its page: the file it names holds it, its validity, trust and findings", async ({ page }) => {
  const fingerprint = subjectOf("MESH-CERT-EXPIRING", "certificate");
  const certPath = `/mesh/certificates/${fingerprint}`;
  await page.goto(`/findings?check=MESH-CERT-EXPIRING&subject=certificate`);
  await page.locator(`main a[href="${certPath}"]`).first().click();
  await expect(page).toHaveURL(certPath);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(`code[title="${fingerprint}"]`)).toBeVisible();

  // Where it was seen: a tracked file, and that file really holds this certificate (its SHA-256 and subject).
  const seen = page.getByRole("list", { name: "Where it was seen" });
  const file = (
    (await seen.locator("li").filter({ hasText: "file" }).first().locator("[title]").first().getAttribute("title")) ?? ""
  ).trim();
  const x509 = new X509Certificate(readFileSync(file));
  expect(x509.fingerprint256.replace(/:/g, "").toLowerCase()).toBe(fingerprint);
  const cn = /CN=([^\n,]+)/.exec(x509.subject)?.[1] ?? "";
  await expect(page.getByRole("region", { name: "Certificate", exact: true })).toContainText(cn);

  // Expiring, not expired: a live relative time into the future, and the not-after date the file says.
  await expect(page.getByTestId("expires")).toContainText(/expires in/);
  await expect(page.getByRole("region", { name: "Validity" })).toContainText(new Date(x509.validTo).toISOString().slice(0, 10));
  await expect(page.locator("[data-trust]")).toHaveAttribute("data-trust", /^(trusted|untrusted|incomplete-chain)$/);
  await expect(page.getByRole("region", { name: /Open findings/ }).getByRole("link", { name: "MESH-CERT-EXPIRING" })).toBeVisible();
  await expect(page.getByTestId("first-seen")).not.toHaveText("never");

  // An endpoint's expired leaf: its chain card opens the certificate page, which carries the endpoint's finding.
  const expiredAt = subjectOf("MESH-CERT-EXPIRED", "endpoint");
  await page.goto(`/mesh/${encodeURIComponent(expiredAt)}`);
  await page
    .getByRole("article", { name: /^Leaf:/ })
    .locator('a[href^="/mesh/certificates/"]')
    .click();
  await expect(page).toHaveURL(/\/mesh\/certificates\/[0-9a-f]{64}$/);
  await expect(page.getByTestId("expires")).toContainText(/expired .* ago/);
  await expect(page.getByRole("list", { name: "Where it was seen" }).getByRole("link", { name: expiredAt })).toBeVisible();
  await expect(page.getByRole("region", { name: /Open findings/ }).getByRole("link", { name: "MESH-CERT-EXPIRED" })).toBeVisible();

  // The Mesh page's file table links the same page.
  await page.goto("/mesh");
  await page.getByRole("table", { name: "Tracked certificate files" }).locator(`a[href="${certPath}"]`).click();
  await expect(page).toHaveURL(certPath);
});

test("a user mention opens the user page: its identity as the homeserver publishes it, its devices and rooms", async ({ page }) => {
  const userPath = (userId: string) => `/devices/${encodeURIComponent(userId)}`;
  // From the Devices table's user column.
  await page.goto(`/devices?user=${encodeURIComponent(delta.userId)}`);
  await page
    .getByRole("table", { name: "Devices" })
    .locator(`a[href="${userPath(delta.userId)}"]`)
    .first()
    .click();
  await expect(page).toHaveURL(userPath(delta.userId));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(delta.userId);

  const keys = await matrix<{ master_keys: Record<string, { keys: Record<string, string> }> }>("POST", "/_matrix/client/v3/keys/query", {
    device_keys: { [delta.userId]: [] },
  });
  const master = Object.values(keys.master_keys[delta.userId]?.keys ?? {})[0] ?? "missing";
  await expect(page.locator('[data-identity-key="master"] dd')).toHaveAttribute("title", master);
  await expect(verdict(page, "cross-signing")).toHaveAttribute("data-verdict", "valid");

  // Its devices, each opening its device page: the unsigned one before the owner-verified primary.
  const devices = page.getByRole("list", { name: "Devices of this user" });
  const unsigned = subjectOf("MX-DEVICE-UNSIGNED", "device", `${delta.userId}|`).split("|")[1] ?? "";
  const order = await devices.locator("li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-device")));
  expect(order.indexOf(unsigned)).toBeLessThan(order.indexOf(delta.primaryDeviceId));
  await expect(devices.getByRole("link", { name: delta.primaryDeviceId })).toBeVisible();
  await devices.getByRole("link", { name: unsigned }).click();
  await expect(page).toHaveURL(devicePath(delta.userId, unsigned));
  await expect(page.getByRole("region", { name: "Signatures" })).toBeVisible();

  // A finding about a user (juliet never set up cross-signing) opens the same page: no keys, nothing signed.
  await page.goto(`/findings?check=MX-USER-NO-CROSS-SIGNING&subject=user&subjectId=${encodeURIComponent(juliet.userId)}`);
  await page
    .locator(`main a[href="${userPath(juliet.userId)}"]`)
    .first()
    .click();
  await expect(page).toHaveURL(userPath(juliet.userId));
  await expect(page.getByRole("region", { name: "Identity", exact: true })).toContainText("published no cross-signing keys");
  await expect(verdict(page, "cross-signing")).toHaveAttribute("data-verdict", "missing");
  await expect(page.getByRole("list", { name: "Devices of this user" }).getByRole("link", { name: juliet.primaryDeviceId })).toBeVisible();
  await expect(page.getByRole("region", { name: /Open findings/ }).getByRole("link", { name: "MX-USER-NO-CROSS-SIGNING" })).toBeVisible();

  // Rooms it is in link their pages, and a room's member list links back to the user.
  const rooms = page.getByRole("list", { name: "Rooms of this user" });
  const roomLink = rooms.locator('a[href^="/rooms/"]').first();
  const roomHref = (await roomLink.getAttribute("href")) ?? "";
  await roomLink.click();
  await expect(page).toHaveURL(roomHref);
  await page
    .locator(`main a[href="${userPath(juliet.userId)}"]`)
    .first()
    .click();
  await expect(page).toHaveURL(userPath(juliet.userId));
});

test("Mesh narrows to a host, says so, and the chip clears it", async ({ page }) => {
  const endpoint = subjectOf("MESH-CERT-EXPIRED", "endpoint");
  await page.goto("/mesh");
  const endpoints = page.getByRole("table", { name: "Mesh endpoints" }).locator("tbody tr");
  const all = await endpoints.count();
  await page.getByLabel(/Search the mesh/).fill(endpoint);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(`/mesh?q=${encodeURIComponent(endpoint)}`);
  await expect(endpoints).toHaveCount(1);
  await expect(endpoints.first()).toHaveAttribute("data-endpoint", endpoint);
  await page.getByRole("link", { name: "Remove the text filter" }).click();
  await expect(endpoints).toHaveCount(all);
});

test("Rooms: a room with a high finding ranks by it, never as closed, and its count opens its findings", async ({ page }) => {
  const unlisted = subjectOf("MX-ROOM-UNLISTED-MEMBER", "room");
  await page.goto("/rooms?size=200");
  const rows = page.getByRole("table", { name: "Rooms" }).locator("tbody tr");
  const row = rows.filter({ has: page.locator(`a[href="/rooms/${encodeURIComponent(unlisted)}"]`) });
  await expect(row.getByTestId("exposure")).not.toContainText("closed");
  const exposures = (await rows.getByTestId("exposure").allTextContents()).map((t) => Number.parseInt(t, 10));
  expect(exposures).toEqual([...exposures].sort((a, b) => b - a));
  expect(Number.parseInt((await row.getByTestId("exposure").textContent()) ?? "", 10)).toBeGreaterThanOrEqual(7);

  const count = row.getByRole("link", { name: /open findings in/ });
  await expect(count).not.toHaveText("0");
  await count.click();
  await expect(page).toHaveURL(`/findings?subject=room&subjectId=${encodeURIComponent(unlisted)}`);
  const filters = page.getByRole("status", { name: "Active filters" });
  await expect(filters).toContainText(unlisted);
  await expect(page.getByRole("table", { name: "Findings" })).toContainText("MX-ROOM-UNLISTED-MEMBER");
});
