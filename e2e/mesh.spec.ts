import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { testbedDir } from "./env";
import { scanNow } from "./scan";

/** The test bed's endpoints, by fault name (written by the mesh test bed). */
function endpointFor(fault: string): string {
  const mesh = JSON.parse(readFileSync(path.join(testbedDir, "mesh", "mesh.json"), "utf8")) as {
    endpoints: { endpoint: string; fault: string }[];
  };
  const e = mesh.endpoints.find((x) => x.fault === fault);
  if (!e) throw new Error(`mesh.json has no "${fault}" endpoint`);
  return e.endpoint;
}

/** A row of the endpoint page's check table, by check id. */
const verdictRow = (page: Page, check: string) => page.locator(`tr[data-check="${check}"]`);

const rowOf = (page: Page, endpoint: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name: endpoint, exact: true }) });

test.describe("Mesh", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
    await scanNow(page);
    await page.close();
  });

  test("flags the expired, untrusted and no-mTLS endpoints and draws the expiry timeline", async ({ page }) => {
    await page.goto("/mesh");
    await expect(page.getByTestId("mesh-summary")).toContainText("without mTLS");

    const expired = rowOf(page, endpointFor("expired"));
    await expect(expired).toContainText("Failing");
    await expect(expired).toContainText("expired");

    const rogue = rowOf(page, endpointFor("rogue-ca"));
    await expect(rogue).toContainText("Failing");

    const noMtls = rowOf(page, endpointFor("no-mtls"));
    await expect(noMtls).toContainText("Failing");
    await expect(noMtls.getByRole("cell").nth(4)).toHaveText("No"); // "mTLS enforced" column

    const healthy = rowOf(page, endpointFor("healthy"));
    await expect(healthy).toContainText("OK");

    const chart = page.getByRole("img", { name: /Certificate validity timeline/ });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAttribute("aria-label", /\d+ expired.*\d+ untrusted/);
    await expect(chart.getByText("now", { exact: true })).toBeVisible();

    // Filters live in the URL: "Failing" keeps the three broken ones and drops the healthy one.
    await page.getByRole("navigation", { name: "Filter endpoints" }).getByRole("link", { name: "Failing" }).click();
    await expect(page).toHaveURL(/status=fail/);
    await expect(rowOf(page, endpointFor("no-mtls"))).toBeVisible();
    await expect(rowOf(page, endpointFor("healthy"))).toHaveCount(0);
  });

  test("the rogue-CA endpoint shows its chain, why it is untrusted, and the probe attempts", async ({ page }) => {
    const endpoint = endpointFor("rogue-ca");
    await page.goto(`/mesh/${encodeURIComponent(endpoint)}`);
    await expect(page.getByRole("heading", { level: 1, name: endpoint })).toBeVisible();
    await expect(page.getByText("Why untrusted").first()).toBeVisible(); // the leaf and the impostor intermediate it sent
    await expect(verdictRow(page, "MESH-CERT-UNTRUSTED")).toContainText("Fail");
    // An untrusted chain cannot be judged complete: said as unknown, with the reason.
    await expect(verdictRow(page, "MESH-CHAIN-INCOMPLETE")).toContainText("Unknown");
    await expect(page.getByRole("cell", { name: /Without a client certificate/ })).toBeVisible();
  });

  test("nginx refusing at the HTTP layer is enforced, not a false critical; each check reads expected → observed → verdict", async ({
    page,
  }) => {
    await page.goto(`/mesh/${encodeURIComponent(endpointFor("nginx-required"))}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const mtls = verdictRow(page, "MESH-MTLS-NOT-ENFORCED");
    await expect(mtls).toContainText("Refused without a client certificate"); // expected
    await expect(mtls).toContainText("400 No required SSL certificate was sent"); // observed
    await expect(mtls).toContainText("Pass");
    await expect(mtls).toContainText("only Vigil can tell");
    const plain = verdictRow(page, "MESH-PLAINTEXT");
    await expect(plain).toContainText("The plain HTTP request was sent to HTTPS port");
    await expect(plain).toContainText("Pass");
    await expect(verdictRow(page, "MESH-TLS-LEGACY")).toContainText("testssl.sh, sslscan");
    await expect(page.getByRole("cell", { name: /Without a client certificate/ })).toBeVisible();
  });

  test("when the auditor's own certificate is refused, mTLS is unknown with the reason, never a pass", async ({ page }) => {
    await page.goto(`/mesh/${encodeURIComponent(endpointFor("nginx-foreign-client-ca"))}`);
    const mtls = verdictRow(page, "MESH-MTLS-NOT-ENFORCED");
    await expect(mtls).toContainText("Unknown");
    await expect(mtls).toContainText("auditor's own certificate was refused");
    await expect(page.getByText("Not fully determined").first()).toBeVisible();
  });
});
