/**
 * Issue #15, point 8, at 1440 px against the real test bed: one Settings navigation, a Users table whose rows
 * are as tall as their content, drift ids kept whole in the app's own badges, ISO dates typed as ISO, charts
 * with axes and dates, and an Export button that stays put. Each assertion is on what a person sees (computed
 * style, geometry, what typing does), not on class names.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { matrix, matrixTestbed, testbedAgent } from "./testbed";

test.use({ viewport: { width: 1440, height: 900 } });

const SETTINGS_PAGES = ["/settings", "/settings/policy", "/settings/registry", "/settings/alerts", "/settings/users", "/settings/audit"];

test("every Settings page has the same Settings navigation, to every Settings page, with its own marked", async ({ page }) => {
  let labelsOnFirst: string[] | undefined;
  for (const path of SETTINGS_PAGES) {
    await page.goto(path);
    const nav = page.getByRole("main").getByRole("navigation", { name: "Settings" });
    const links = nav.getByRole("link");
    expect(await links.evaluateAll((els) => els.map((e) => e.getAttribute("href"))), path).toEqual(SETTINGS_PAGES);
    const labels = await links.allInnerTexts();
    labelsOnFirst ??= labels;
    expect(labels, path).toEqual(labelsOnFirst);
    await expect(nav.locator('[aria-current="page"]'), path).toHaveAttribute("href", path);
  }
});

test("the Users table's rows are as tall as their content, at 1440 px and beside the add-user form at 1920 px", async ({ page }) => {
  for (const width of [1440, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto("/settings/users");
    const rows = page.getByRole("table", { name: "Users" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const heights = await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    for (const h of heights) expect(h, `a Users row at ${width} px`).toBeLessThan(80);
  }
});

/** The computed look of a badge, minus its tone: shape, type and padding. */
const badgeLook = (badge: Locator) =>
  badge.evaluate((e) => {
    const s = getComputedStyle(e);
    return {
      color: s.color,
      background: s.backgroundColor,
      border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
      radius: s.borderTopLeftRadius,
      font: `${s.fontSize} ${s.fontWeight}`,
      padding: `${s.paddingTop} ${s.paddingLeft}`,
      icon: e.querySelector("svg") !== null,
    };
  });

interface ScanList {
  scans: { id: string; status: string }[];
  pending: boolean;
}

/**
 * A scan that starts after this call (not one already under way, which scan.ts's scanNow may join), run to its end:
 * waits out any pending scan, queues a new one (202), and waits for that new row to finish.
 */
async function scanStartingNow(page: Page, status: RegExp = /^complete$/) {
  const list = async () => (await (await page.request.get("/api/scans")).json()) as ScanList;
  await expect.poll(async () => (await list()).pending, { timeout: 120_000, message: "the scan under way ends" }).toBe(false);
  const before = new Set((await list()).scans.map((s) => s.id));
  expect((await page.request.post("/api/scans")).status()).toBe(202);
  await expect
    .poll(
      async () => {
        const { scans, pending } = await list();
        const fresh = scans.find((s) => !before.has(s.id));
        return fresh && !pending ? fresh.status : "not yet";
      },
      { timeout: 120_000, message: "the new scan finishes" },
    )
    .toMatch(status);
}

/** A new device of a registered agent (a real login on the real Synapse): the next scan's drift has a device-added. */
async function loginNewAgentDevice(agent: string): Promise<string> {
  const account = testbedAgent(agent);
  const deviceId = `POLISH${Date.now() % 1_000_000}`;
  const res = await fetch(`${matrixTestbed().baseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: account.userId },
      password: account.password,
      device_id: deviceId,
    }),
  });
  expect(res.ok, `login as ${agent}`).toBe(true);
  return deviceId;
}

test("drift shows ids whole, on one line, and its severities in the same badge as the Findings page", async ({ page }) => {
  test.setTimeout(240_000);
  const alpha = testbedAgent("alpha");
  await scanStartingNow(page);
  const deviceId = await loginNewAgentDevice("alpha");
  try {
    await scanStartingNow(page);
    await page.goto("/drift?kind=device-added");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Since the previous scan" }) });
    const row = section.locator('tr[data-kind="device-added"]', { hasText: deviceId });
    await expect(row).toBeVisible();

    // No text in a drift table may be broken at an arbitrary letter: ids stay whole, cut with an ellipsis at most.
    const breakers = await page
      .locator("main table")
      .evaluateAll((tables) =>
        tables.flatMap((t) =>
          [...t.querySelectorAll("*")]
            .filter((e) => getComputedStyle(e).wordBreak === "break-all" || getComputedStyle(e).overflowWrap === "anywhere")
            .map((e) => e.textContent ?? ""),
        ),
      );
    expect(breakers).toEqual([]);
    const id = row.getByText(`${alpha.userId}|${deviceId}`, { exact: true });
    await expect(id).toHaveAttribute("title", `${alpha.userId}|${deviceId}`); // the whole id on hover
    expect(await id.evaluate((e) => e.getClientRects().length), "the id on one line").toBe(1);
    expect((await id.boundingBox())?.height ?? 99).toBeLessThan(24);

    const driftBadge = row
      .locator("td")
      .first()
      .locator("span")
      .filter({ hasText: /^high$/ });
    const driftLook = await badgeLook(driftBadge);
    await page.goto("/findings");
    const findingsBadge = page
      .locator("main table span:has(> svg)")
      .filter({ hasText: /^high$/ })
      .first();
    expect(driftLook).toEqual(await badgeLook(findingsBadge));
  } finally {
    const path = `/_synapse/admin/v2/users/${encodeURIComponent(alpha.userId)}/devices/${deviceId}`;
    await matrix("DELETE", path);
    await scanStartingNow(page); // the shared server's latest scan without the extra device, for the specs after this one
  }
});

/** Select what an input holds and type over it, key by key, as a person does. */
async function typeInto(page: Page, input: Locator, text: string) {
  await input.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

test("evidence dates are typed and shown as YYYY-MM-DD (UTC), like every other date in Vigil", async ({ page }) => {
  await page.goto("/evidence");
  const from = page.getByLabel(/^From/);
  const to = page.getByLabel(/^To/);
  await expect(from).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expect(from).toHaveAttribute("placeholder", "YYYY-MM-DD");
  const day = (offset: number) => new Date(Date.now() + offset * 864e5).toISOString().slice(0, 10);
  // A locale date picker reads these keystrokes as mm/dd/yyyy and keeps something else.
  await typeInto(page, from, day(-6));
  await typeInto(page, to, day(0));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${day(-6)}&to=${day(0)}(&|$)`));
  await expect(from).toHaveValue(day(-6));
  await expect(to).toHaveValue(day(0));

  // The other date a person types: how long an accepted risk stands (typed, not submitted: nothing is accepted).
  await page.goto("/findings");
  await page.locator('main table a[href^="/findings/"]').first().click();
  const until = page.getByLabel(/^Until/);
  await expect(until).toHaveAttribute("placeholder", "YYYY-MM-DD");
  await typeInto(page, until, day(30));
  await expect(until).toHaveValue(day(30));
});

test("the Overview's charts have axes: counts or scores up the side, UTC dates along the bottom", async ({ page }) => {
  test.setTimeout(180_000);
  const finished = async () => {
    const { scans } = (await (await page.request.get("/api/scans")).json()) as { scans: { status: string }[] };
    return scans.filter((s) => s.status === "complete" || s.status === "partial").length;
  };
  for (let i = 0; i < 2 && (await finished()) < 2; i++) await scanStartingNow(page, /^(complete|partial)$/);
  await page.goto("/");
  for (const name of [/^Findings over the last \d+ scans/, /^Posture score over the last \d+ scans/]) {
    const chart = page.getByRole("img", { name });
    await expect(chart).toBeVisible();
    const labels = (await chart.locator("text").allTextContents()).map((t) => t.trim());
    expect(labels.filter((t) => /^\d+$/.test(t)).length, `${name} y axis`).toBeGreaterThanOrEqual(2);
    expect(labels.filter((t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(t)).length, `${name} x axis`).toBeGreaterThanOrEqual(2);
  }
});

test("the Export button is where it was after an export, on a laptop and on a wide screen", async ({ page }) => {
  test.setTimeout(240_000);
  // At 1920 px the period's title and the button share a line, the button at the right end of it.
  for (const width of [1920, 1440]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto("/evidence");
    const button = page.getByRole("button", { name: "Export signed bundle" });
    await expect(button).toBeVisible();
    const before = await button.boundingBox();
    const downloading = page.waitForEvent("download", { timeout: 150_000 });
    await button.click();
    await downloading;
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Downloaded" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Export history" })).toBeVisible(); // the page has refreshed under it
    const after = await button.boundingBox();
    const at = (b: typeof before) => ({ x: Math.round(b?.x ?? -1), y: Math.round(b?.y ?? -1) });
    expect(at(after), `the button at ${width} px`).toEqual(at(before));
  }
});
