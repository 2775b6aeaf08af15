import { expect, test } from "@playwright/test";
import { isPublicPath } from "../lib/auth/permissions";
import { appRoutes } from "./app-routes";

const routes = appRoutes();

test("the route walk finds the app's pages and handlers", () => {
  const paths = routes.map((r) => r.path);
  expect(paths).toEqual(expect.arrayContaining(["/", "/rooms", "/settings", "/api/scans"]));
  expect(routes.length).toBeGreaterThan(12);
});

for (const route of routes.filter((r) => !isPublicPath(r.path))) {
  test(`without a session, ${route.kind} ${route.path} is refused`, async ({ request }) => {
    for (const method of route.kind === "page" ? ["GET"] : ["GET", "POST"]) {
      const res = await request.fetch(route.path, { method, maxRedirects: 0, failOnStatusCode: false });
      if (route.path.startsWith("/api/")) {
        expect(res.status(), `${method} ${route.path}`).toBe(401);
      } else {
        expect(res.status(), `${method} ${route.path}`).toBe(307);
        expect(res.headers()["location"]).toMatch(/\/signin\?next=/);
      }
      expect(await res.text()).not.toMatch(/syt_|BEGIN PRIVATE KEY/);
    }
  });
}

test("a forged session cookie is refused", async ({ request }) => {
  const res = await request.get("/api/scans", {
    headers: { cookie: "vigil.session=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged" },
    failOnStatusCode: false,
  });
  expect(res.status()).toBe(401);
});

test("setup is closed once an admin exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@vigil.test");
  await page.getByLabel("Password").fill("wrong-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/Sign-in failed/);
  await expect(page).toHaveURL(/\/signin/);
});
