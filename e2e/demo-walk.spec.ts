/**
 * Issue #15, point 5 and the evidence key: what a person walking `npm run demo` meets. The agents confirm a
 * SAS on their own here only because this spec switches the demo's behaviour on through the fleet's control
 * channel (scripts/testbed/fleet/demo-mode.ts), exactly as demo.sh's `up.ts --demo` does, and off again after.
 * The SAS emoji must be drawn by the font Vigil ships (Twemoji, served from Vigil's own origin), in colour,
 * on a machine that has no colour emoji font of its own (this one has none: Debian without fonts-noto-color-emoji).
 */
import { expect, test, type Page } from "@playwright/test";
import { newDevicePage, restoreAuditorAsSeeded, setUpOrResetIdentity } from "./auditor-session";
import { fleet, matrix, matrixTestbed, testbedAgent } from "./testbed";

test.describe.configure({ mode: "serial" });

// Runs before evidence.spec.ts (files run in name order on one worker): on a fresh server nothing was exported yet.
test("the evidence key's fingerprint is on the Evidence page before anything was exported", async ({ page }) => {
  await page.goto("/evidence");
  const fingerprint = page.getByTestId("evidence-fingerprint");
  await expect(fingerprint).toBeVisible();
  expect(await fingerprint.getAttribute("data-fingerprint")).toMatch(/^[0-9a-f]{64}$/);
  // Reading the page twice shows one key, not a new one per visit.
  const first = await fingerprint.getAttribute("data-fingerprint");
  await page.reload();
  await expect(page.getByTestId("evidence-fingerprint")).toHaveAttribute("data-fingerprint", first ?? "");
});

type Keys = Record<string, { keys: Record<string, string>; signatures?: Record<string, Record<string, string>> }>;

/** Is `target`'s master key signed by the auditor's current user-signing key (the server's word)? */
async function signedByAuditor(target: string): Promise<boolean> {
  const auditorId = matrixTestbed().auditor.userId;
  const q = await matrix<{ master_keys: Keys; user_signing_keys: Keys }>("POST", "/_matrix/client/v3/keys/query", {
    device_keys: { [auditorId]: [], [target]: [] },
  });
  const usk = Object.keys(q.user_signing_keys[auditorId]?.keys ?? {})[0];
  return !!usk && !!q.master_keys[target]?.signatures?.[auditorId]?.[usk];
}

/**
 * `symbol` drawn in `family` on a canvas: whether it looks like the empty box a font draws for a character it lacks
 * (a private-use character drawn the same way), and how many of its pixels are in colour (not grey).
 */
function drawn(page: Page, family: string, symbol: string): Promise<{ asMissing: boolean; coloured: number }> {
  return page.evaluate(
    ([f, s]) => {
      const draw = (text: string) => {
        const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
        if (!ctx) throw new Error("no 2D canvas");
        ctx.canvas.width = ctx.canvas.height = 64;
        ctx.font = `48px ${f}`;
        ctx.fillText(text, 4, 52);
        return ctx.getImageData(0, 0, 64, 64).data;
      };
      const px = draw(s);
      const missing = draw("\u{10FFFD}");
      let coloured = 0;
      let same = true;
      for (let i = 0; i < px.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = [px[i], px[i + 1], px[i + 2], px[i + 3]];
        if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
        if (a !== missing[i + 3]) same = false;
      }
      return { asMissing: same, coloured };
    },
    [family, symbol] as const,
  );
}

test("a person verifies an agent by emoji: the emoji in the shipped font, the demo agent confirming on its own", async ({ browser }) => {
  test.setTimeout(180_000);
  const alpha = testbedAgent("alpha");
  expect(await signedByAuditor(alpha.userId)).toBe(false);
  let page: Page | undefined;
  await fleet("/demo", { confirmAfterMs: 2_000 });
  try {
    page = await newDevicePage(browser);
    await setUpOrResetIdentity(page);
    await page.getByLabel(/I have saved the recovery key/).check();
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("combobox", { name: "Agent" }).fill(alpha.userId);
    await page.getByRole("button", { name: "Show devices" }).click();
    await page.locator(`[data-device="${alpha.primaryDeviceId}"]`).getByRole("button", { name: "Verify by emoji" }).click();
    const items = page.getByRole("list", { name: "Emoji to compare" }).locator("li");
    await expect(items).toHaveCount(7, { timeout: 30_000 });
    const names = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-emoji-name") ?? ""));

    // The font: computed on the emoji, loaded from this origin, and drawing colour where the system has none.
    const emoji = items.locator("span[aria-hidden]");
    const family = await emoji.first().evaluate((e) => getComputedStyle(e).fontFamily);
    const shipped =
      family
        .split(",")[0]
        ?.trim()
        .replace(/^["']|["']$/g, "") ?? "";
    expect(shipped).not.toBe("");
    const faces = await page.evaluate(async (name) => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.replace(/^["']|["']$/g, "") === name).map((f) => f.status);
    }, shipped);
    expect(faces).toContain("loaded");
    const fontFiles = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((n) => /\.woff2(\?|$)/.test(n)),
    );
    expect(fontFiles.length).toBeGreaterThan(0);
    for (const url of fontFiles) expect(new URL(url).origin).toBe(new URL(page.url()).origin);
    // Each emoji is a picture (a chequered flag is one in grey), and together they are in colour.
    let coloured = 0;
    for (const symbol of await emoji.allTextContents()) {
      const picture = await drawn(page, family, symbol.trim());
      expect(picture.asMissing, `${symbol} drawn as an empty box`).toBe(false);
      coloured += picture.coloured;
    }
    expect(coloured, "the seven emoji in colour").toBeGreaterThan(300);

    // The person compares with the demo's log, clicks; the agent confirms by itself a moment later.
    await page.getByRole("button", { name: "They match" }).click();
    await expect(page.locator('[aria-label="Verification"]')).toHaveAttribute("data-step", "done", { timeout: 30_000 });
    await expect.poll(() => signedByAuditor(alpha.userId)).toBe(true);
    const { log } = await fleet<{ log: string[] }>("/demo");
    const shown = [...log].reverse().find((l) => l.startsWith("demo: alpha shows")); // this SAS's, the newest
    for (const n of names) expect(shown?.toLowerCase(), "the agent's emoji in the demo's log").toContain(n.toLowerCase());
    expect(log.some((l) => l.includes("demo: confirming automatically as alpha"))).toBe(true);
  } finally {
    await fleet("/demo", { confirmAfterMs: null });
    await restoreAuditorAsSeeded(page);
  }
  expect(await signedByAuditor(alpha.userId)).toBe(false);
});
