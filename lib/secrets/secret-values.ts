/**
 * The string values a parsed config file holds under secret-looking keys (access_token, password, as_token,
 * hs_token, pickle_key, registration_shared_secret…), wherever they sit: handed to redact() so an error about the file
 * never repeats one. Bounded in depth for hostile files.
 */
const SECRET_KEY = /secret|password|passphrase|token|key$/i;

export function secretValues(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 8 || value === null || typeof value !== "object") return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" && SECRET_KEY.test(k)) out.push(v);
    else secretValues(v, depth + 1, out);
  }
  return out;
}
