import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Reads a random key from `file`, creating it (mode 0600, folder 0700) on first
 * use. A key file readable by others is refused: it would protect nothing.
 */
export function readOrCreateKeyFile(file: string, bytes = 32): Buffer {
  try {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new Error(`${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
    }
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (key.length !== bytes) throw new Error(`${file} does not hold a ${bytes}-byte base64 key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(bytes);
  // "wx": never overwrite a key another process created a moment ago.
  try {
    writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readOrCreateKeyFile(file, bytes);
    throw err;
  }
}
