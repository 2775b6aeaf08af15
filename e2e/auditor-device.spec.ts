/**
 * The auditor device in Chromium against the real Synapse and the live fleet
 * (scripts/testbed/up.ts --live): every step is asserted on the server's
 * state (/keys/query signatures, /room_keys/version), not only on the page.
 * Agents confirm a SAS only when the emoji this test read off the page equal
 * the ones they computed (fleet-control.json; the bot never sees the browser).
 */
import { expect, test, type Page } from "@playwright/test";
import { fillBackup } from "../scripts/testbed/fleet/fill-backup";
import { newDevicePage, restoreAuditorAsSeeded, setUpOrResetIdentity } from "./auditor-session";
import { fleet, matrix, matrixTestbed, testbedAgent, type Account } from "./testbed";

const auditor = matrixTestbed().auditor;
const alpha = testbedAgent("alpha");
const beta = testbedAgent("beta");

type Keys = Record<string, { keys: Record<string, string>; signatures?: Record<string, Record<string, string>> }>;
interface KeysQuery {
  device_keys: Record<string, Record<string, { signatures: Record<string, Record<string, string>> }>>;
  master_keys: Keys;
  self_signing_keys: Keys;
  user_signing_keys: Keys;
}
const queryKeys = (...userIds: string[]) =>
  matrix<KeysQuery>("POST", "/_matrix/client/v3/keys/query", { device_keys: Object.fromEntries(userIds.map((u) => [u, []])) });
const keyId = (k: { keys: Record<string, string> } | undefined) => Object.keys(k?.keys ?? {})[0] ?? "";

/** Is `target`'s master key signed by the auditor's current user-signing key? */
async function signedByAuditor(target: string): Promise<boolean> {
  const q = await queryKeys(auditor.userId, target);
  const usk = keyId(q.user_signing_keys[auditor.userId]);
  return !!usk && !!q.master_keys[target]?.signatures?.[auditor.userId]?.[usk];
}

const deviceIdOf = async (page: Page) => (await page.getByTestId("device-id").textContent()) ?? "";

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let first: Page;
let recoveryKey = "";

/**
 * Leave the shared test bed as the seed made it, for the specs that follow:
 * a fresh user-signing key (so no agent counts as verified by the auditor),
 * no key backup, and none of this spec's browser devices.
 */
test.afterAll(async () => {
  await restoreAuditorAsSeeded(first);
  expect(await signedByAuditor(alpha.userId)).toBe(false);
});

test("a new browser device sets up the identity and shows the recovery key once", async ({ browser }) => {
  first = await newDevicePage(browser);
  const identity = first.locator("[data-identity]");
  await setUpOrResetIdentity(first);
  const shown = first.getByTestId("recovery-key");
  recoveryKey = ((await shown.locator("span").allTextContents()) ?? []).join(" ");
  expect(recoveryKey).toMatch(/^E\S{3}( \S{4}){11}$/);
  await expect(first.getByRole("button", { name: "Continue" })).toBeDisabled(); // not before saying it is saved
  await first.getByLabel(/I have saved the recovery key/).check();
  await first.getByRole("button", { name: "Continue" }).click();
  await expect(shown).toHaveCount(0);
  await expect(identity).toHaveAttribute("data-identity", "verified");

  // Server: the page's master key is the published one, and it signed this browser's device.
  const q = await queryKeys(auditor.userId);
  const master = keyId(q.master_keys[auditor.userId]);
  await expect(first.getByText(master.replace(/^ed25519:/, ""), { exact: false })).toBeVisible();
  const ssk = keyId(q.self_signing_keys[auditor.userId]);
  expect(q.device_keys[auditor.userId]?.[await deviceIdOf(first)]?.signatures[auditor.userId]?.[ssk]).toBeTruthy();
  // …and a key backup exists, signed so that the new identity trusts it.
  const backup = await matrix<{ version: string; auth_data: { signatures: Record<string, Record<string, string>> } }>(
    "GET",
    "/_matrix/client/v3/room_keys/version",
  );
  expect(backup.auth_data.signatures[auditor.userId]?.[master]).toBeTruthy();
  await expect(first.getByTestId("backup-version")).toHaveText(backup.version);
});

/** Open an agent's devices in the verify section and start SAS with its live (primary) device. */
async function startSas(page: Page, agent: Account) {
  await page.getByRole("combobox", { name: "Agent" }).fill(agent.userId);
  await page.getByRole("button", { name: "Show devices" }).click();
  await page.locator(`[data-device="${agent.primaryDeviceId}"]`).getByRole("button", { name: "Verify by emoji" }).click();
  const emoji = page.getByRole("list", { name: "Emoji to compare" }).locator("li");
  await expect(emoji).toHaveCount(7, { timeout: 30_000 });
  return (await emoji.evaluateAll((els) => els.map((e) => e.getAttribute("data-emoji-name") ?? ""))) as string[];
}

test("an agent is verified by emoji SAS, and its identity is signed by the auditor's user-signing key", async () => {
  expect(await signedByAuditor(alpha.userId)).toBe(false);
  const names = await startSas(first, alpha);
  // The agent compares what this page shows with what it computed, and confirms only on a match.
  const [agentSide] = await Promise.all([
    fleet<{ decision: string }>("/verifications/alpha/compare", { emoji: names }),
    first.getByRole("button", { name: "They match" }).click(),
  ]);
  expect(agentSide.decision).toBe("match");
  await expect(first.locator('[aria-label="Verification"]')).toHaveAttribute("data-step", "done");
  await expect.poll(() => signedByAuditor(alpha.userId)).toBe(true);
  await expect(first.getByTestId("agent-verified")).toHaveAttribute("data-verified", "yes");
});

test("emoji that do not match end the verification cancelled, with nothing signed", async () => {
  const names = await startSas(first, beta);
  // The bot is told something other than what the page shows: it rejects (m.mismatched_sas).
  const lie = [...names].reverse();
  const agentSide = await fleet<{ decision: string }>("/verifications/beta/compare", { emoji: lie });
  expect(agentSide.decision).toBe("mismatch");
  const view = first.locator('[aria-label="Verification"]');
  await expect(view).toHaveAttribute("data-step", "cancelled");
  await expect(view).toContainText("did not match");
  expect(await signedByAuditor(beta.userId)).toBe(false);
  // The auditor can start again right away; this time the agent cancels.
  await startSas(first, beta);
  await fleet("/verifications/beta/cancel", {});
  await expect(view).toHaveAttribute("data-step", "cancelled");
  await expect(view).toContainText("by the other side");
  expect(await signedByAuditor(beta.userId)).toBe(false);
});

test("a second browser is verified with the recovery key; a wrong key changes nothing", async ({ browser }) => {
  const second = await newDevicePage(browser);
  const identity = second.locator("[data-identity]");
  await expect(identity).toHaveAttribute("data-identity", "recoverable");
  const deviceId = await deviceIdOf(second);
  const wrong = "EsTc 1234 5678 9abc defg hijk mnop qrst uvwx yz12 3456 789a";
  await second.getByLabel("Recovery key").fill(wrong);
  await second.getByRole("button", { name: "Verify this browser" }).click();
  await expect(second.getByRole("main").getByRole("alert")).toContainText("does not open this account");
  await expect(identity).toHaveAttribute("data-identity", "recoverable");
  const sskSigned = async () => {
    const q = await queryKeys(auditor.userId);
    return !!q.device_keys[auditor.userId]?.[deviceId]?.signatures[auditor.userId]?.[keyId(q.self_signing_keys[auditor.userId])];
  };
  expect(await sskSigned()).toBe(false);

  await second.getByLabel("Recovery key").fill(recoveryKey);
  await second.getByRole("button", { name: "Verify this browser" }).click();
  await expect(identity).toHaveAttribute("data-identity", "verified", { timeout: 30_000 });
  await expect.poll(sskSigned).toBe(true);
  // The first browser sees the second as a verified session of the auditor.
  await second.context().close();
});

test("a new backup is created, filled, and restored in full by a fresh browser", async ({ browser }) => {
  const before = await matrix<{ version: string }>("GET", "/_matrix/client/v3/room_keys/version");
  await first.getByLabel(/Delete this backup and start a new one/).check();
  await first.getByRole("button", { name: "Reset backup" }).click();
  await expect(first.getByTestId("backup-version")).not.toHaveText(before.version);
  const created = await matrix<{ version: string; count: number }>("GET", "/_matrix/client/v3/room_keys/version");
  expect(created.version).not.toBe(before.version);
  await expect(first.getByTestId("backup-version")).toHaveText(created.version);
  await expect(first.getByText("trusted (signed by your identity)")).toBeVisible();

  // Keys a client would have backed up: 40 Megolm sessions encrypted to the new backup's public key.
  const filled = await fillBackup(matrixTestbed().baseUrl, auditor.accessToken, 40);
  expect(filled).toMatchObject({ version: created.version, count: 40 });

  const third = await newDevicePage(browser);
  await third.getByLabel("Recovery key").fill(recoveryKey);
  await third.getByRole("button", { name: "Verify this browser" }).click();
  await expect(third.locator("[data-identity]")).toHaveAttribute("data-identity", "verified", { timeout: 30_000 });
  await expect(third.getByTestId("backup-count")).toContainText("40 on the server");
  await third.getByRole("button", { name: "Restore from backup" }).click();
  const restore = third.getByTestId("restore");
  await expect(restore).toHaveAttribute("data-running", "no", { timeout: 60_000 });
  await expect(restore).toHaveAttribute("data-done", "40");
  await expect(restore).toHaveAttribute("data-total", "40");
  await expect(third.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await third.context().close();
});

test("another session of the auditor is signed out with the password; a wrong password changes nothing", async () => {
  const other = `E2EOTHER${Date.now() % 100000}`;
  const login = await fetch(`${matrixTestbed().baseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: auditor.userId },
      password: auditor.password,
      device_id: other,
    }),
  });
  expect(login.ok).toBe(true);
  const otherToken = ((await login.json()) as { access_token: string }).access_token;
  const deviceStatus = () =>
    fetch(`${matrixTestbed().baseUrl}/_synapse/admin/v2/users/${encodeURIComponent(auditor.userId)}/devices/${other}`, {
      headers: { Authorization: `Bearer ${auditor.accessToken}` },
    }).then((r) => r.status);

  await first.reload(); // the browser device comes back from its IndexedDB store, and lists sessions afresh
  await expect(first.locator("[data-identity]")).toHaveAttribute("data-identity", "verified", { timeout: 30_000 });
  const row = first.locator(`[data-session="${other}"]`);
  await row.getByRole("button", { name: "Sign out…" }).click();
  const sessions = first.getByRole("region", { name: "The auditor’s sessions" });
  await sessions.getByLabel(/Password to sign out/).fill("not-the-password");
  await sessions.getByRole("button", { name: "Sign out session" }).click();
  await expect(sessions.getByRole("status")).toContainText("Not signed out: The homeserver refused: wrong password");
  expect(await deviceStatus()).toBe(200);

  await sessions.getByLabel(/Password to sign out/).fill(auditor.password);
  await sessions.getByRole("button", { name: "Sign out session" }).click();
  await expect(sessions.getByRole("status")).toHaveText(`Signed out ${other}.`);
  await expect(row).toHaveCount(0);
  expect(await deviceStatus()).toBe(404);
  const whoami = await fetch(`${matrixTestbed().baseUrl}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${otherToken}` },
  });
  expect(whoami.status).toBe(401);
});
