import { expect, type Page } from "@playwright/test";

/**
 * Asks for a scan (queued, or joined when one runs) and waits until the newest scan
 * has finished with a status matching `status`.
 */
export async function scanNow(page: Page, status: RegExp = /^(complete|partial)$/) {
  const started = await page.request.post("/api/scans");
  expect([202, 200]).toContain(started.status()); // 202 queued a new scan, 200 joined the one under way
  await expect
    .poll(
      async () => {
        const res = await page.request.get("/api/scans");
        const { scans } = (await res.json()) as { scans: { status: string }[] };
        return scans[0]?.status;
      },
      { timeout: 90_000, message: "the scan finishes" },
    )
    .toMatch(status);
}
