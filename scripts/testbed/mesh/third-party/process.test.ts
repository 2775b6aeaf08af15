/**
 * Foreign processes never outlive a failed start: one that exits, and one that
 * never listens, are both stopped and waited for before the error is thrown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePorts, startDaemon } from "./process";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vigil-daemon-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("startDaemon", () => {
  it("reports a server that exits before listening, with its log", async () => {
    const [port = 0] = await freePorts("127.0.0.1", 1);
    await expect(
      startDaemon({
        name: "quitter",
        command: "/bin/sh",
        args: ["-c", "echo cannot load certificate >&2; exit 3"],
        cwd: dir,
        host: "127.0.0.1",
        ports: [port],
        logFile: path.join(dir, "quitter.log"),
      }),
    ).rejects.toThrow(/quitter exited \(code 3\) before listening\ncannot load certificate/);
  });

  it("kills a server that never listens, once the deadline passes", async () => {
    const [port = 0] = await freePorts("127.0.0.1", 1);
    const pidFile = path.join(dir, "sleeper.pid");
    await expect(
      startDaemon({
        name: "sleeper",
        command: "/bin/sh",
        args: ["-c", `echo $$ > ${pidFile}; exec sleep 60`],
        cwd: dir,
        host: "127.0.0.1",
        ports: [port],
        logFile: path.join(dir, "sleeper.log"),
        readyTimeoutMs: 700,
      }),
    ).rejects.toThrow(new RegExp(`ports ${port} not accepting within 700 ms`));
    expect(alive(Number(await readFile(pidFile, "utf8")))).toBe(false);
  });

  it("hands out distinct free ports", async () => {
    const ports = await freePorts("127.0.0.1", 5);
    expect(new Set(ports).size).toBe(5);
  });
});
