/**
 * npx tsx bench/auditor-device/run.ts [--sessions 10000] [--repeat 3] [--cpu-profile restore.cpuprofile]
 *
 * The auditor device in Chromium, against a running Vigil (VIGIL_BENCH_URL)
 * whose homeserver is a LIVE test bed of your own (up.ts --live with
 * VIGIL_TESTBED_DIR): it resets the auditor's identity, verifies agents and
 * fills the backup — never point it at a shared test bed.
 *  - initMs: new browser device → Rust crypto (wasm) up, IndexedDB open, first sync (target ≤ 3 s)
 *  - sasMs: "Verify by emoji" click → verification done, agent confirming via the control port (≤ 5 s)
 *  - restore: N Megolm sessions put in the backup (fill-backup.ts), restored in a fresh browser
 *    device after recovery-key verification; keys/s as the page measures it (≥ 2,000 keys/s)
 * Prints one JSON object on stdout.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { fillBackup } from "../../scripts/testbed/fleet/fill-backup";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (see the header of bench/auditor-device/run.ts)`);
  return v;
};
const url = need("VIGIL_BENCH_URL");
const dir = need("VIGIL_TESTBED_DIR");
const admin = { email: need("VIGIL_ADMIN_EMAIL"), password: need("VIGIL_ADMIN_PASSWORD") };
const tb = JSON.parse(readFileSync(path.join(dir, "matrix.json"), "utf8")) as {
  homeserver: { baseUrl: string };
  auditor: { userId: string; password: string; accessToken: string };
  agents: Record<string, { userId: string; primaryDeviceId: string; crossSigning: boolean }>;
};
const ctl = JSON.parse(readFileSync(path.join(dir, "fleet-control.json"), "utf8")) as { url: string; token: string };
const log = (m: string) => console.error(`[bench] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function vigilState(browser: Browser): Promise<string> {
  const page = await browser.newPage({ baseURL: url });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 120_000 });
  const file = "/tmp/vigil-bench-auditor-device-state.json";
  await page.context().storageState({ path: file });
  await page.context().close();
  return file;
}

async function device(browser: Browser, state: string): Promise<{ page: Page; initMs: number }> {
  const ctx = await browser.newContext({ baseURL: url, storageState: state });
  const page = await ctx.newPage();
  await page.goto("/auditor-device", { timeout: 120_000 });
  await page.getByLabel("Matrix user id").fill(tb.auditor.userId);
  await page.getByLabel("Password").fill(tb.auditor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("[data-identity]").waitFor({ timeout: 60_000 });
  return { page, initMs: Number(await page.getByTestId("init-ms").textContent()) };
}

async function resetIdentity(page: Page): Promise<string> {
  const details = page.locator("details").first();
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await page.getByLabel("Matrix password").fill(tb.auditor.password);
  const confirm = page.getByLabel(/Replace the current keys/);
  if (await confirm.count()) await confirm.check();
  await page.getByRole("button", { name: /^(Reset|Set up) identity$/ }).click();
  const shown = page.getByTestId("recovery-key");
  await shown.waitFor({ timeout: 60_000 });
  const key = (await shown.locator("span").allTextContents()).join(" ");
  await page.getByLabel(/I have saved the recovery key/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator('[data-identity="verified"]').waitFor({ timeout: 30_000 });
  return key;
}

async function sas(page: Page, agentName: string): Promise<number> {
  const a = tb.agents[agentName];
  if (!a) throw new Error(`no agent ${agentName}`);
  await page.getByRole("combobox", { name: "Agent" }).fill(a.userId);
  await page.getByRole("button", { name: "Show devices" }).click();
  const t0 = performance.now();
  await page.locator(`[data-device="${a.primaryDeviceId}"]`).getByRole("button", { name: "Verify by emoji" }).click();
  const emoji = page.getByRole("list", { name: "Emoji to compare" }).locator("li");
  await emoji.nth(6).waitFor({ timeout: 30_000 });
  const names = await emoji.evaluateAll((els) => els.map((e) => e.getAttribute("data-emoji-name") ?? ""));
  await Promise.all([
    fetch(`${ctl.url}/verifications/${agentName}/compare`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ctl.token}` },
      body: JSON.stringify({ emoji: names }),
    }),
    page.getByRole("button", { name: "They match" }).click(),
  ]);
  await page.locator('[aria-label="Verification"][data-step="done"]').waitFor({ timeout: 30_000 });
  return Math.round(performance.now() - t0);
}

async function main() {
  const sessions = arg("sessions", 10_000);
  const repeat = arg("repeat", 3);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const state = await vigilState(browser);
    const inits: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const d = await device(browser, state);
      inits.push(d.initMs);
      await d.page.getByRole("button", { name: "Sign out this browser" }).click(); // no device pile-up on the account
      await d.page.getByLabel("Matrix user id").waitFor();
      await d.page.context().close();
    }
    log(`init ${inits.join(", ")} ms`);

    const first = await device(browser, state);
    const recoveryKey = await resetIdentity(first.page);
    const agents = Object.entries(tb.agents)
      .filter(([, a]) => a.crossSigning)
      .map(([n]) => n)
      .slice(0, repeat);
    const sasRuns: number[] = [];
    for (const a of agents) sasRuns.push(await sas(first.page, a));
    log(`sas ${sasRuns.join(", ")} ms`);

    const filled = await fillBackup(tb.homeserver.baseUrl, tb.auditor.accessToken, sessions);
    log(`backup ${filled.version} holds ${filled.count} sessions (filled in ${filled.ms} ms)`);
    const second = await device(browser, state);
    // The page logs where the restore's time went (fetch / decrypt / import); kept in the result as the profile.
    let profile: unknown = null;
    let warnings = 0;
    second.page.on("console", (m) => {
      const t = m.text();
      const at = t.indexOf("restore timings ");
      if (at >= 0) profile = JSON.parse(t.slice(at + "restore timings ".length)) as unknown;
      else if (t.includes("[auditor-device] restore")) log(t);
      else if (m.type() === "warning" && warnings++ < 3) log(`page warning: ${t.slice(0, 300)}`);
    });
    await second.page.getByLabel("Recovery key").fill(recoveryKey);
    await second.page.getByRole("button", { name: "Verify this browser" }).click();
    await second.page.locator('[data-identity="verified"]').waitFor({ timeout: 60_000 });
    const profileFile = process.argv.includes("--cpu-profile") ? process.argv[process.argv.indexOf("--cpu-profile") + 1] : undefined;
    const cdp = profileFile ? await second.page.context().newCDPSession(second.page) : null;
    if (cdp) await cdp.send("Profiler.enable").then(() => cdp.send("Profiler.start"));
    await second.page.getByRole("button", { name: "Restore from backup" }).click();
    const restore = second.page.locator('[data-testid="restore"][data-running="no"]');
    await restore.waitFor({ timeout: 600_000 });
    if (cdp && profileFile) writeFileSync(profileFile, JSON.stringify((await cdp.send("Profiler.stop")).profile));
    const done = Number(await restore.getAttribute("data-done"));
    const keysPerSecond = Number(await second.page.getByTestId("keys-per-second").textContent());

    const result = {
      chromium: browser.version(),
      initMs: { median: median(inits), runs: inits, targetMs: 3000, ok: median(inits) <= 3000 },
      sasMs: { median: median(sasRuns), runs: sasRuns, agents, targetMs: 5000, ok: median(sasRuns) <= 5000 },
      restore: {
        sessionsInBackup: filled.count,
        restored: done,
        keysPerSecond,
        target: 2000,
        ok: keysPerSecond >= 2000 && done === filled.count,
        profile,
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
