import { expect, test, type Page } from "@playwright/test";
import { scanNow } from "./scan";

/**
 * Issue #15: every count is a door to a list that says what it is filtered by; the Agents page shows
 * agents on both channels without sideways scrolling; the score and the control matrix tell one story.
 */
test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
  await scanNow(page);
  await page.close();
});

/** Whether any scroll container on the page (or the page itself) is wider than its box. */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("*"))) {
      const style = getComputedStyle(el);
      if (!/(auto|scroll)/.test(style.overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

test("an agent's open-findings count opens the findings about that agent, and says so", async ({ page }) => {
  await page.goto("/agents");
  const row = page.getByTestId("agent-row").filter({ hasText: "alpha" }).first();
  const count = row.getByRole("link", { name: /open findings for alpha/ });
  const n = Number(await count.innerText());
  expect(n).toBeGreaterThan(0); // alpha sits in the test bed's plaintext and public rooms' member lists, its findings are about its user
  await count.click();
  await expect(page).toHaveURL(/\/findings\?agent=alpha$/);
  const filters = page.getByRole("status", { name: "Active filters" });
  await expect(filters).toContainText("agent");
  await expect(filters).toContainText("alpha");
  // The list holds exactly the count the Agents page showed (one page: the count is small).
  await expect(page.getByRole("table", { name: "Findings" }).locator("tbody tr")).toHaveCount(n);
  for (const subject of await page.getByRole("table", { name: "Findings" }).locator("tbody tr td:nth-child(3)").allInnerTexts()) {
    expect(subject).toMatch(/agent-alpha|alpha|127\.0\.0\.1:\d+/);
  }
  // Clearing the filter widens the list.
  await filters.getByRole("link", { name: "Remove the agent filter" }).click();
  await expect(page).toHaveURL(/\/findings$/);
  await expect(page.getByRole("status", { name: "Active filters" })).toHaveCount(0);
  expect(await page.getByRole("table", { name: "Findings" }).locator("tbody tr").count()).toBeGreaterThan(n);
});

test("the findings search filters by text, names the filter, and the CSV export holds what is filtered", async ({ page }) => {
  await page.goto("/findings");
  await page.getByRole("searchbox").or(page.getByLabel("Search findings by check, subject or detail")).fill("MESH-PLAINTEXT");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=MESH-PLAINTEXT/);
  await expect(page.getByRole("status", { name: "Active filters" })).toContainText("MESH-PLAINTEXT");
  const rows = page.getByRole("table", { name: "Findings" }).locator("tbody tr");
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(0);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("MESH-PLAINTEXT");
  const csv = await page.request.get(`/api/findings/csv?q=MESH-PLAINTEXT`);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toMatch(/^severity,check,status/);
  expect(lines).toHaveLength(shown + 1);
  for (const line of lines.slice(1)) expect(line).toContain("MESH-PLAINTEXT");
});

for (const width of [1280, 1440]) {
  test(`the Agents table fits ${width} px without sideways scrolling and shows agents on both channels`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/agents");
    await expect(page.getByRole("table", { name: "Agents" })).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
    // alpha: a Matrix user and a mesh endpoint in the same row.
    const alpha = page.getByTestId("agent-row").filter({ hasText: "@agent-alpha:vigil.test" });
    await expect(alpha).toHaveCount(1);
    await expect(alpha.getByRole("link", { name: /^127\.0\.0\.1:\d+$/ })).toBeVisible();
  });
}

test("with a critical finding open the score is red, says so, carries its formula, and the controls agree", async ({ page }) => {
  await page.goto("/findings?severity=critical");
  const criticals = await page.getByRole("table", { name: "Findings" }).locator("tbody tr").count();
  expect(criticals).toBeGreaterThan(0); // the test bed's plaintext room, plain-HTTP and expired endpoints…
  await page.goto("/");
  const score = page.getByTestId("posture-score");
  const overall = score.getByLabel(/^Overall \d+: /);
  await expect(overall).toHaveAttribute("aria-label", /critical open$/);
  const value = Number((await overall.getAttribute("aria-label"))?.match(/Overall (\d+)/)?.[1]);
  expect(value).toBeLessThanOrEqual(39);
  await expect(overall).toHaveAttribute("title", /per critical/);
  await expect(page.getByText(`From the open findings: ${criticals} critical`)).toBeVisible();
  // The controls line is the evidence control matrix for the same state: failing controls, not "satisfied".
  const controls = page.getByTestId("control-summary");
  await expect(controls).toContainText(/Controls: \d+ of \d+ satisfied, [1-9]\d* failing/);
});
