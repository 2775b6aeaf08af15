/**
 * The homeserver origin the auditor-device page's CSP must allow in
 * connect-src. proxy.ts runs before any page and must not open the database
 * (PGlite allows one owner), so the page publishes the origin of the configured
 * homeserver to a one-line file in the data dir and the proxy reads it, cached
 * by mtime (one stat per /auditor-device request, nothing on other paths).
 * No "server-only" here: proxy.ts imports it.
 */
import fs from "node:fs";
import { dataPath } from "../env";

const FILE = "auditor-device-homeserver-origin";
let cache: { mtimeMs: number; origin: string | null } | null = null;

/** The origin ("http://host:port") of a base URL, or null when it is not http(s). */
export function originOf(baseUrl: string): string | null {
  try {
    const u = new URL(baseUrl);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/** Read by the proxy: the last published origin, or null. */
export function publishedHomeserverOrigin(): string | null {
  const file = dataPath(FILE);
  try {
    const { mtimeMs } = fs.statSync(file);
    if (cache?.mtimeMs !== mtimeMs) cache = { mtimeMs, origin: originOf(fs.readFileSync(file, "utf8").trim()) };
    return cache.origin;
  } catch {
    return null;
  }
}

/** Written by the page: returns true when the published origin changed (the current CSP is stale). */
export function publishHomeserverOrigin(origin: string): boolean {
  if (publishedHomeserverOrigin() === origin) return false;
  const file = dataPath(FILE);
  fs.writeFileSync(`${file}.tmp`, origin + "\n");
  fs.renameSync(`${file}.tmp`, file);
  return true;
}
