import { expect, test, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { testbedDir } from "./env";
import { scanNow } from "./scan";

/**
 * Issue #18 in the browser: the main test bed runs the conformance agents on the mesh's own PKI and declares their
 * probes; after a scan, an endpoint's page shows what Vigil sent it as sent → answered → verdict, under a section
 * labelled active. Reference 004's middleware accepts the replayed canary; the corrected agent refuses it.
 */
function endpointOf(agent: string): string {
  const file = path.join(testbedDir, "conformance", "conformance.json");
  const bed = JSON.parse(readFileSync(file, "utf8")) as { endpoints: { agent: string; endpoint: string }[] };
  const e = bed.endpoints.find((x) => x.agent === agent);
  if (!e) throw new Error(`${file} has no "${agent}" agent: the test bed predates the conformance agents`);
  return e.endpoint;
}

const section = (page: Page) => page.getByRole("region", { name: /Conformance probes/ });
const probeRow = (s: Locator, kind: string) => s.locator(`tr[data-probe="${kind}"]`);
const checkRow = (s: Locator, check: string) => s.locator(`tr[data-check="${check}"]`);
const cells = (row: Locator) => row.getByRole("cell");

test.describe("Conformance probes", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
    await scanNow(page);
    await page.close();
  });

  test("reference 004's agent: the section is labelled active, the replay was answered 200 and the check fails", async ({ page }) => {
    await page.goto(`/mesh/${encodeURIComponent(endpointOf("ref004"))}`);
    const s = section(page);
    await expect(s.getByRole("heading", { level: 2 })).toContainText("active");
    await expect(s).toContainText("hmac-headers as vigil-prober");

    await expect(cells(probeRow(s, "canary")).nth(3)).toHaveText("accepted, as it must be");
    const replay = probeRow(s, "replay");
    await expect(cells(replay).nth(0)).toHaveText("Replay");
    await expect(cells(replay).nth(1)).toContainText("POST /canary"); // sent
    await expect(cells(replay).nth(2)).toContainText("200"); // answered
    await expect(cells(replay).nth(3)).toHaveText("accepted"); // the probe's verdict: it should have been refused
    const verdict = checkRow(s, "MESH-REPLAY-ACCEPTED");
    await expect(cells(verdict).nth(3)).toHaveText("Fail");
    await expect(cells(verdict).nth(2)).toContainText("Accepted the canary replayed byte for byte");
    await expect(cells(checkRow(s, "MESH-STALE-ACCEPTED")).nth(3)).toHaveText("Pass"); // reference 004 does refuse the stale one

    // The failing check is a finding of this endpoint too.
    await expect(page.getByRole("region", { name: "Findings" })).toContainText("MESH-REPLAY-ACCEPTED");
  });

  test("the corrected agent refuses the replay: answered 401, verdict pass", async ({ page }) => {
    await page.goto(`/mesh/${encodeURIComponent(endpointOf("ref004-corrected"))}`);
    const s = section(page);
    await expect(s.getByRole("heading", { level: 2 })).toContainText("active");
    const replay = probeRow(s, "replay");
    await expect(cells(replay).nth(2)).toContainText("401");
    await expect(cells(replay).nth(3)).toHaveText("refused");
    await expect(cells(checkRow(s, "MESH-REPLAY-ACCEPTED")).nth(3)).toHaveText("Pass");
    await expect(page.getByRole("region", { name: "Findings" })).not.toContainText("MESH-REPLAY-ACCEPTED");
  });

  test("a misdeclared secret: the canary is refused and every verdict is unknown, never a pass", async ({ page }) => {
    await page.goto(`/mesh/${encodeURIComponent(endpointOf("ref004-misdeclared"))}`);
    const s = section(page);
    await expect(cells(probeRow(s, "canary")).nth(3)).toHaveText("not accepted: nothing can be told");
    await expect(probeRow(s, "replay")).toHaveCount(0);
    const verdict = checkRow(s, "MESH-REPLAY-ACCEPTED");
    await expect(cells(verdict).nth(3)).toHaveText("Unknown");
    await expect(cells(verdict).nth(2)).toContainText("canary was not accepted");
  });
});
