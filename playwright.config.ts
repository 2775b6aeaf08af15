import { defineConfig } from "@playwright/test";

/**
 * Browser tests run against a Vigil server and a test bed that
 * scripts/test.sh has started (real Synapse, real agents, real mesh); the URL
 * comes from VIGIL_E2E_URL. Debian's Chromium, never a downloaded browser.
 */
const baseURL = process.env.VIGIL_E2E_URL;
if (!baseURL) throw new Error("VIGIL_E2E_URL is not set: run the browser tests through scripts/test.sh");
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+/.test(baseURL)) {
  throw new Error(`Refusing to run browser tests against a non-local Vigil (${baseURL})`);
}

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "anonymous", testMatch: /anonymous\.spec\.ts/ },
    {
      name: "chromium",
      testMatch: /\.spec\.ts/,
      testIgnore: /anonymous\.spec\.ts/,
      dependencies: ["setup"],
      use: { storageState: "test-results/.auth/admin.json" },
    },
  ],
});
