/**
 * Matrix canonical JSON (spec appendix "Canonical JSON"): object keys sorted by
 * Unicode code point, no insignificant whitespace, UTF-8, integers only.
 * Signatures are made over exactly these bytes, so any deviation here turns a
 * valid signature into a "bad signature" finding.
 */

/** Thrown for values Matrix canonical JSON cannot represent (floats, huge ints, undefined, functions). */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CanonicalJsonError";
  }
}

const MAX_SAFE = 2 ** 53 - 1;

/**
 * Compare strings by Unicode code point. JS's default sort compares UTF-16 code
 * units, which disagrees with code point order for astral characters versus
 * U+E000..U+FFFF — rare, but a signature check must not depend on luck.
 */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const pa = ca.value.codePointAt(0) ?? 0;
    const pb = cb.value.codePointAt(0) ?? 0;
    if (pa !== pb) return pa - pb;
  }
}

function encode(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      // JSON.stringify already matches the spec: short escapes for \b\f\n\r\t"\\,
      // lowercase \u00XX for other controls, everything else literal.
      return JSON.stringify(value);
    case "number":
      if (!Number.isInteger(value)) throw new CanonicalJsonError(`${path}: ${value} is not an integer`);
      if (Math.abs(value) > MAX_SAFE) throw new CanonicalJsonError(`${path}: ${value} is outside the safe integer range`);
      // -0 prints as "0", which is what Synapse's canonicaljson emits too.
      return String(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${path}[${i}]`)).join(",")}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort(compareCodePoints);
      const parts: string[] = [];
      for (const k of keys) {
        // Dropping undefined silently would sign something other than what the caller holds.
        if (obj[k] === undefined) throw new CanonicalJsonError(`${path}.${k}: undefined is not JSON`);
        parts.push(`${JSON.stringify(k)}:${encode(obj[k], `${path}.${k}`)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} is not JSON`);
  }
}

/**
 * Serialise a JSON value as Matrix canonical JSON.
 * @throws CanonicalJsonError for floats, integers beyond 2^53-1, undefined or non-JSON values.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, "$");
}

/** Canonical JSON as the UTF-8 bytes that signatures cover. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), "utf8");
}
