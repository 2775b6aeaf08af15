import { expect, test, type Page } from "@playwright/test";
import { appRoutes } from "./app-routes";
import { scanNow } from "./scan";

/**
 * Issue #15: every page, light and dark, at 1280 px: no sideways scrolling on the page or in any
 * list (scroll container), and no console error. A screenshot of each lands in test-results/screens/
 * for a person to look at. Dynamic pages are reached through the first link their list page offers.
 */
const WIDTH = 1280;
const DYNAMIC: Record<string, { list: string; link: RegExp }> = {
  "/findings/x": { list: "/findings?status=all", link: /^\/findings\/[^/?]+$/ },
  "/rooms/x": { list: "/rooms", link: /^\/rooms\/[^/?]+$/ },
  "/mesh/x": { list: "/mesh", link: /^\/mesh\/[^/?]+$/ },
  "/devices/x/x": { list: "/devices", link: /^\/devices\/[^/?]+\/[^/?]+$/ },
  "/devices/x": { list: "/devices", link: /^\/devices\/[^/?]+$/ },
  "/mesh/certificates/x": { list: "/mesh", link: /^\/mesh\/certificates\/[^/?]+$/ },
};

async function resolvePath(page: Page, route: string): Promise<string | null> {
  const dyn = DYNAMIC[route];
  if (!dyn) return route.includes("/x") ? null : route;
  await page.goto(dyn.list);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => dyn.link.test(h)) ?? null;
}

async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page: ${doc.scrollWidth} px in ${doc.clientWidth}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("main *"))) {
      // An editor or raw JSON scrolls inside itself by design; lists, tables and cards must not.
      if (el.matches("textarea, pre, pre *") || !/(auto|scroll)/.test(getComputedStyle(el).overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        const what = el.querySelector("caption")?.textContent ?? el.getAttribute("aria-label") ?? el.tagName.toLowerCase();
        out.push(`${what}: ${el.scrollWidth} px in ${el.clientWidth}`);
      }
    }
    return out;
  });
}

// Pages with data, not their empty states: one finished scan of the test bed first.
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
  await scanNow(page);
  await page.close();
});

const pages = appRoutes().filter((r) => r.kind === "page" && r.path !== "/setup" && r.path !== "/signin");

for (const scheme of ["light", "dark"] as const) {
  for (const route of pages) {
    test(`${route.path} at ${WIDTH} px (${scheme}): no sideways scrolling, no console error`, async ({ page }) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.setViewportSize({ width: WIDTH, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      const target = await resolvePath(page, route.path);
      test.skip(target === null, `no ${route.path} page to open in this test bed`);
      errors.length = 0; // only the page under test counts
      await page.goto(target ?? "/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      const name = (target ?? "/").replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "overview";
      await page.screenshot({ path: `test-results/screens/${name}-${scheme}.png`, fullPage: true });
      expect(await overflowing(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}
