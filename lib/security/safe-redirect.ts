/**
 * Where to go after signing in. Only a path on this origin: anything a browser
 * could read as another host ("//evil", "/\evil" — browsers treat a backslash as
 * a slash —, "/<tab>/evil", which they strip to "//evil") falls back to "/".
 * The answer is rebuilt from the parsed URL, never the raw string, so what is
 * checked is what is followed.
 */
const PROBE_ORIGIN = "http://vigil.invalid";

export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048 || !raw.startsWith("/")) return "/";
  // Control characters, spaces and backslashes have no place in one of our paths; browsers reinterpret them.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return "/";
  if (raw.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PROBE_ORIGIN) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? "/" : path;
}
