/**
 * A fleet start that fails half way (here: a stunnel entry the fleet cannot
 * configure, after nginx and HAProxy are up) stops every server it started.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createCa, createPkiPair, newKey } from "../pki";
import { startThirdPartyFleet } from "./fleet";
import { SERVER_BINARIES, THIRD_PARTY_PLAN, type ThirdPartyEntry } from "./plan";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vigil-fleet-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Processes whose command line mentions `text` (every fleet server is started with paths inside its state dir). */
async function processesMentioning(text: string): Promise<string[]> {
  const pids = (await readdir("/proc")).filter((n) => /^\d+$/.test(n));
  const lines = await Promise.all(
    pids.map((p) =>
      readFile(`/proc/${p}/cmdline`, "utf8").then(
        (c) => c.replace(/\0/g, " "),
        () => "",
      ),
    ),
  );
  return lines.filter((l) => l.includes(text));
}
const pick = (name: string): ThirdPartyEntry => {
  const e = THIRD_PARTY_PLAN.find((x) => x.name === name);
  if (!e) throw new Error(name);
  return e;
};
const needed = [SERVER_BINARIES.nginx, SERVER_BINARIES.haproxy, SERVER_BINARIES.stunnel];

describe("third-party fleet", () => {
  it.skipIf(!needed.every(existsSync))("leaves nothing running when a later server cannot start", async () => {
    const [mesh, rogue, foreign, key] = await Promise.all([createPkiPair(), createPkiPair(), createCa("CN=Other"), newKey("ec")]);
    const broken: ThirdPartyEntry = { ...pick("stunnel-required"), name: "stunnel-optional", clientAuth: "optional" };
    await expect(
      startThirdPartyFleet({
        dir,
        host: "127.0.0.1",
        now: Date.now(),
        mesh,
        rogue,
        foreign,
        key,
        plan: [pick("nginx-required"), pick("haproxy-required"), broken],
      }),
    ).rejects.toThrow(/stunnel-optional: the stunnel fleet only requires client certs/);
    // nginx did start (its start-up notice is in its log)…
    expect(await readFile(path.join(dir, "nginx/error.log"), "utf8")).toMatch(/nginx\/1\.\d+/);
    // …and neither it nor HAProxy is left running.
    expect(await processesMentioning(dir)).toEqual([]);
    const conf = await readFile(path.join(dir, "nginx/nginx.conf"), "utf8");
    const port = Number(/listen 127\.0\.0\.1:(\d+) ssl/.exec(conf)?.[1]);
    const accepts = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    expect(accepts).toBe(false);
  });
});
