/**
 * Issue #13 in the browser, against the production build: each test reproduces
 * a finding of the review and shows it closed. Users made here are throwaway
 * accounts: signing out ends every session of a user, so the shared admin
 * session of the other specs is never signed out.
 */
import { statSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { admin } from "./env";
import { signIn } from "./sign-in";

const PASSWORD = "throwaway-password-123";

async function addUser(page: Page, role: "viewer" | "auditor" | "admin" = "viewer"): Promise<string> {
  const email = `sec-${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@vigil.test`;
  await page.goto("/settings/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Throwaway");
  await page.getByLabel("Role").selectOption(role);
  await page.getByLabel(/Initial password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added ${email}` })).toBeVisible();
  return email;
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

async function expectSignedOut(page: Page) {
  const res = await page.request.get("/api/scans", { failOnStatusCode: false });
  expect(res.status()).toBe(401);
}

test("1. sign-in never leaves the origin: /\\evil and /<tab>/evil land on Vigil", async ({ browser, baseURL }) => {
  const { context, page } = await freshPage(browser);
  for (const next of ["/%5Cevil.example/phish", "/%09/evil.example/phish"]) {
    await page.goto(`/signin?next=${next}`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
    expect(page.url()).not.toContain("evil");
  }
  await context.close(); // not signed out: that would end the shared admin session
});

test("2. route handlers refuse cross-site requests and GET side effects", async ({ page }) => {
  const evil = await page.request.post("/api/scans", {
    headers: { "origin": "http://evil.example", "content-type": "text/plain" },
    data: "start a scan",
    failOnStatusCode: false,
  });
  expect(evil.status()).toBe(403);
  expect((await evil.json()).error).toMatch(/came from another origin \(http:\/\/evil.example\)/);
  const marked = await page.request.post("/api/findings/x/accept", { headers: { "sec-fetch-site": "cross-site" }, data: {} });
  expect(marked.status()).toBe(403);
  const plain = await page.request.post("/api/baseline", { headers: { "content-type": "text/plain" }, data: "{}" });
  expect(plain.status()).toBe(415);
  const link = await page.request.get("/api/evidence/export?from=2001-01-01&to=2001-01-31", { failOnStatusCode: false });
  expect(link.status()).toBe(405);
  // The refusal is in the audit log, with where it came from.
  await page.goto("/settings/audit?outcome=denied&action=scan.run");
  const row = page.getByRole("row").filter({ hasText: "another origin" }).first();
  await expect(row).toBeVisible();
  await expect(row.getByText(/127\.0\.0\.1|::1/)).toBeVisible();
});

test("4. a cookie kept from before sign-out is dead; disable, role change and password reset end sessions at once", async ({
  page,
  browser,
}) => {
  const email = await addUser(page);
  const kept = await freshPage(browser);
  await signIn(kept.page, email, PASSWORD);
  const cookies = await kept.context.cookies();
  expect(cookies.map((c) => c.name)).toContain("vigil.session");
  await kept.page.getByRole("button", { name: "Sign out" }).click();
  await expect(kept.page).toHaveURL(/\/signin/);
  const replay = await browser.newContext({ storageState: { cookies, origins: [] } });
  await expectSignedOut(await replay.newPage());
  await replay.close();
  await kept.context.close();

  for (const change of ["disable", "role", "password"] as const) {
    const victim = await freshPage(browser);
    await signIn(victim.page, email, PASSWORD);
    await page.goto("/settings/users");
    const row = page.getByRole("row").filter({ hasText: email });
    if (change === "disable") await row.getByRole("button", { name: `Disable for ${email}` }).click();
    if (change === "role") {
      await row.getByLabel(`Access level for ${email}`, { exact: true }).selectOption("auditor");
      await row.getByRole("button", { name: `Apply access level for ${email}` }).click();
    }
    if (change === "password") {
      await row.getByLabel(`New password for ${email}`).fill(`${PASSWORD}-new`);
      await row.getByRole("button", { name: `Set password for ${email}` }).click();
    }
    await expect(row.getByRole("status")).toBeVisible();
    await expectSignedOut(victim.page);
    await victim.page.goto("/");
    await expect(victim.page).toHaveURL(/\/signin/);
    await victim.context.close();
    if (change === "disable") {
      await page.goto("/settings/users");
      await page
        .getByRole("row")
        .filter({ hasText: email })
        .getByRole("button", { name: `Enable for ${email}` })
        .click();
      await expect(page.getByRole("row").filter({ hasText: email }).getByRole("status")).toContainText("can sign in again");
    }
  }
  // Delete: the account is gone, and its sessions with it; the log keeps the deed.
  await page.goto("/settings/users");
  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("button", { name: "Delete…" }).click();
  await page
    .getByRole("dialog", { name: `Delete ${email}?` })
    .getByRole("button", { name: "Delete user" })
    .click();
  // The row (and the dialog inside it) goes with the account.
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
  await page.goto(`/settings/audit?action=users.manage&target=${encodeURIComponent(email)}`);
  await expect(page.getByRole("row").filter({ hasText: "(delete)" }).getByText("ok", { exact: true })).toBeVisible();
});

test("4. over https (as a TLS proxy reports it) the session cookie is __Host- and Secure, and HSTS is sent", async ({
  playwright,
  baseURL,
}) => {
  const https = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const signin = await https.get("/signin");
  expect(signin.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  const csrf = await https.get("/api/auth/csrf");
  const csrfCookie = csrf
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Host-next-auth.csrf-token="));
  expect(csrfCookie?.value).toMatch(/Secure/);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await https.post("/api/auth/callback/credentials", {
    headers: { cookie: (csrfCookie?.value ?? "").split(";")[0] ?? "" },
    form: { email: admin.email, password: admin.password, csrfToken, json: "true" },
    maxRedirects: 0,
  });
  const session = login.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Host-vigil.session="));
  expect(session?.value).toMatch(/; Path=\/; .*HttpOnly/i);
  expect(session?.value).toMatch(/Secure/);
  expect(session?.value).not.toMatch(/Domain=/i);
  const plain = await (await playwright.request.newContext({ baseURL })).get("/signin");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  await https.dispose();
});

test("5. after repeated wrong passwords even the right one waits", async ({ page, browser }) => {
  const email = await addUser(page);
  const { context, page: p } = await freshPage(browser);
  await p.goto("/signin");
  for (let i = 0; i < 6; i++) {
    await p.getByLabel("Email").fill(email);
    await p.getByLabel("Password").fill(`wrong-password-${i}`);
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect(p.getByRole("main").getByRole("alert")).toBeVisible();
  }
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill(PASSWORD);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.getByRole("main").getByRole("alert")).toHaveText(/Too many failed sign-ins\. Wait \d+ s and try again\./);
  await expect(p).toHaveURL(/\/signin/);
  await context.close();
});

test("6 and 8. a refused change is audited as refused; a NUL in a name is refused in words, not a database error", async ({ page }) => {
  await page.goto("/settings/users");
  await page.getByLabel("Email").fill(`nul-${Date.now()}@vigil.test`);
  await page.getByLabel("Name").fill("Eve\u0000Null");
  await page.getByLabel(/Initial password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "control characters" })).toHaveText("A name must not contain control characters.");
  await expect(page.getByText(/prisma|22021|invalid byte/i)).toHaveCount(0);

  // A duplicate user: the handler says no, and the log says refused (it said ok before).
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Name").fill("Again");
  await page.getByLabel(/Initial password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already has an account" })).toBeVisible();
  await page.goto(`/settings/audit?action=users.manage&outcome=refused&target=${encodeURIComponent(admin.email)}`);
  await expect(page.getByRole("row").filter({ hasText: "already has an account" }).first()).toBeVisible();
});

test("7. the data folder and every database file are private to Vigil's user", () => {
  const dir = process.env.VIGIL_DATA_DIR;
  expect(dir, "scripts/test.sh hands the server's data folder to the browser tests").toBeTruthy();
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => [path.join(d, e.name), ...(e.isDirectory() ? walk(path.join(d, e.name)) : [])]);
  const root = dir ?? "";
  expect(statSync(root).mode & 0o777).toBe(0o700);
  const files = walk(path.join(root, "db"));
  expect(files.length).toBeGreaterThan(10);
  expect(files.filter((f) => statSync(f).mode & 0o077)).toEqual([]);
});

test("10. a viewer sees no list of users", async ({ page, browser }) => {
  const email = await addUser(page, "viewer");
  const { context, page: p } = await freshPage(browser);
  await signIn(p, email, PASSWORD);
  await p.goto("/settings/users");
  await expect(p.getByRole("heading", { name: "Users are managed by admins" })).toBeVisible();
  await expect(p.getByText(admin.email)).toHaveCount(0);
  await context.close();
});
