import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { secureDataFolders, UnsafeDataFolderError } from "./file-modes";

const mode = (p: string) => statSync(p).mode & 0o777;
const previousUmask = process.umask();
afterEach(() => process.umask(previousUmask));

describe("secureDataFolders", () => {
  it("fixes an older install in place: folders 0700, files lose group and other bits (PGlite wrote 0666)", () => {
    const data = mkdtempSync(path.join(os.tmpdir(), "vigil-modes-"));
    chmodSync(data, 0o755);
    mkdirSync(path.join(data, "db", "base"), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(data, "db", "base", "1249"), "page", { mode: 0o666 });
    writeFileSync(path.join(data, "secret.key"), "k", { mode: 0o640 });
    chmodSync(path.join(data, "db", "base", "1249"), 0o666);
    secureDataFolders([data, path.join(data, "db")]);
    expect(mode(data)).toBe(0o700);
    expect(mode(path.join(data, "db"))).toBe(0o700);
    expect(mode(path.join(data, "db", "base"))).toBe(0o700);
    expect(mode(path.join(data, "db", "base", "1249"))).toBe(0o600);
    expect(mode(path.join(data, "secret.key"))).toBe(0o600);
  });

  it("creates a missing folder 0700, and files made afterwards are 0600 (umask 077)", () => {
    const data = path.join(mkdtempSync(path.join(os.tmpdir(), "vigil-modes-")), "fresh");
    secureDataFolders([data]);
    expect(mode(data)).toBe(0o700);
    const file = path.join(data, "later");
    writeFileSync(file, "x", { mode: 0o666 });
    expect(mode(file)).toBe(0o600);
  });

  it("refuses a world-writable data folder and names the fix", () => {
    const data = mkdtempSync(path.join(os.tmpdir(), "vigil-modes-"));
    chmodSync(data, 0o777);
    expect(() => secureDataFolders([data])).toThrow(UnsafeDataFolderError);
    expect(() => secureDataFolders([data])).toThrow(`chmod 700 ${data}`);
    expect(mode(data)).toBe(0o777); // refused, not silently repaired
  });

  it("refuses a data path that is a file, and does not follow a link out of the folder", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-modes-"));
    const file = path.join(dir, "not-a-folder");
    writeFileSync(file, "x");
    expect(() => secureDataFolders([file])).toThrow(/is not a folder/);
    const outside = path.join(dir, "outside");
    writeFileSync(outside, "x", { mode: 0o644 });
    chmodSync(outside, 0o644);
    const data = path.join(dir, "data");
    mkdirSync(data);
    symlinkSync(outside, path.join(data, "link"));
    secureDataFolders([data]);
    expect(mode(outside)).toBe(0o644);
  });
});
