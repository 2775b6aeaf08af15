import { expect, test } from "@playwright/test";
import { matrixTestbed } from "./testbed";
import { closedPort } from "../test/support/closed-port";

test.describe("Settings → Homeserver", () => {
  test("a rejected token is named and nothing changes; the real token saves", async ({ page }) => {
    const tb = matrixTestbed();
    await page.goto("/settings");
    const form = page.locator("section", { has: page.getByRole("heading", { name: "Homeserver" }) });
    await form.getByLabel("Homeserver URL").fill(tb.baseUrl);
    await form.getByLabel(/Auditor access token/).fill("syt_not_a_real_token");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toContainText("M_UNKNOWN_TOKEN");
    await page.reload();
    await expect(form.getByText(tb.auditor.userId)).toBeVisible(); // the previous, working settings

    await form.getByLabel("Homeserver URL").fill(tb.baseUrl);
    await form.getByLabel(/Auditor access token/).fill(tb.auditor.accessToken);
    await form.getByRole("button", { name: "Test connection" }).click();
    const report = form.getByRole("list", { name: "Connection test" });
    await expect(report).toContainText("OK — reachable");
    await expect(report).toContainText("OK — token");
    await expect(report).toContainText("is a server admin");
    await form.getByLabel(/Auditor access token/).fill(tb.auditor.accessToken);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(report).toContainText("OK — admin");
    await expect(form.getByRole("status")).toHaveText("Homeserver saved.");
    await expect(form.getByRole("alert")).toHaveCount(0);
  });

  test("an unreachable homeserver is named precisely", async ({ page }) => {
    await page.goto("/settings");
    const form = page.locator("section", { has: page.getByRole("heading", { name: "Homeserver" }) });
    await form.getByLabel("Homeserver URL").fill(`http://127.0.0.1:${await closedPort()}`);
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect(form.getByRole("list", { name: "Connection test" })).toContainText("connection refused");
  });
});

test.describe("Settings → Mesh", () => {
  test("a malformed PEM is refused with a message and the stored mesh is kept", async ({ page }) => {
    await page.goto("/settings");
    const form = page.locator("section", { has: page.getByRole("heading", { name: "Mesh" }) });
    const before = await form.getByLabel(/CA bundle/).inputValue();
    await form.getByLabel(/CA bundle/).fill("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toContainText("CA bundle: certificate 1 is not valid");
    await page.reload();
    await expect(form.getByLabel(/CA bundle/)).toHaveValue(before);
  });
});
