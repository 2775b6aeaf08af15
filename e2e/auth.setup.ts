import { test as setup } from "@playwright/test";
import { admin } from "./env";
import { signIn } from "./sign-in";

setup("sign in as the admin", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.context().storageState({ path: "test-results/.auth/admin.json" });
});
