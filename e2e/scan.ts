import { expect, type Page } from "@playwright/test";

interface ScansAnswer {
  scans: { status: string; startedAt: string }[];
  pending: boolean;
}

/**
 * Runs a scan that starts after this call and waits until it has finished with a status matching `status`. A scan
 * already under way when a test changes the world may not see the change (joining it is what the API does, rightly),
 * and until the worker claims a queued job the newest scan is the previous one: neither may pass for "scanned now".
 */
export async function scanNow(page: Page, status: RegExp = /^(complete|partial)$/) {
  const asked = Date.now();
  const started = await page.request.post("/api/scans");
  expect([202, 200]).toContain(started.status()); // 202 queued a new scan, 200 joined the one under way
  await expect
    .poll(
      async () => {
        const { scans, pending } = (await (await page.request.get("/api/scans")).json()) as ScansAnswer;
        const newest = scans[0];
        if (newest && Date.parse(newest.startedAt) >= asked) return newest.status === "running" ? "running" : newest.status;
        // The one joined has ended and none began since: ask again.
        if (!pending) expect([202, 200]).toContain((await page.request.post("/api/scans")).status());
        return "waiting for a scan that starts after the request";
      },
      { timeout: 120_000, message: "a scan that starts after the request finishes" },
    )
    .toMatch(status);
}
