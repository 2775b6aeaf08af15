/**
 * File permissions at start. Vigil's data folder holds password hashes, the
 * audit log and the keys that open every sealed secret: another local user
 * must be able neither to read it nor to rewrite it. Free of "server-only" so
 * its test runs on a real disk.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/** Files in the folder are tightened one by one; a data folder holding more than this is not Vigil's. */
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 6;

export class UnsafeDataFolderError extends Error {
  override name = "UnsafeDataFolderError";
}

/**
 * From now on this process creates files readable by its own user only
 * (PGlite writes 0666 otherwise), then makes each folder 0700 and strips group
 * and other bits from what it already holds, so an older install is fixed in
 * place. A folder anyone may write to is refused: someone could already have
 * replaced a key or a database page, and chmod cannot undo that.
 */
export function secureDataFolders(folders: readonly string[]): void {
  process.umask(0o077);
  for (const folder of new Set(folders.map((f) => path.resolve(f)))) {
    const stat = statOrNull(folder);
    if (!stat) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      continue;
    }
    if (!stat.isDirectory()) throw new UnsafeDataFolderError(`${folder} is not a folder.`);
    const mode = stat.mode & 0o777;
    if (mode & 0o002) {
      throw new UnsafeDataFolderError(
        `Refusing to start: the data folder ${folder} is writable by every user (mode ${mode.toString(8)}). ` +
          `Anyone on this machine could have changed its keys or database. Check its contents, then run: chmod 700 ${folder}`,
      );
    }
    tighten(folder);
  }
}

function statOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Breadth-first, never following a symbolic link out of the folder, bounded in entries and depth. */
function tighten(root: string): void {
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let seen = 0;
  for (let item = queue.shift(); item; item = queue.shift()) {
    chmodSync(item.dir, 0o700);
    if (item.depth >= MAX_DEPTH) continue;
    for (const name of readdirSync(item.dir)) {
      if (++seen > MAX_ENTRIES) return;
      const full = path.join(item.dir, name);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) queue.push({ dir: full, depth: item.depth + 1 });
      else if (stat.mode & 0o077) chmodSync(full, stat.mode & 0o700);
    }
  }
}
