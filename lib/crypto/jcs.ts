/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), what A2A agent-card signatures cover. Not the same as Matrix canonical
 * JSON (canonical-json.ts), which it resembles: JCS sorts object keys by UTF-16 code units (Matrix: by code point, which
 * differs for astral characters against U+E000..U+FFFF), serialises every number as ECMAScript does (Matrix refuses
 * floats and integers beyond 2^53), and refuses lone surrogates (I-JSON, RFC 7493) where JSON.stringify escapes them.
 */

export class JcsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JcsError";
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function string(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new JcsError(`${path}: lone surrogate (not I-JSON)`);
  // ES2019 JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 asks: \b \t \n \f \r \" \\, \u00xx for other controls.
  return JSON.stringify(s);
}

function encode(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return string(value, path);
    case "number":
      if (!Number.isFinite(value)) throw new JcsError(`${path}: ${value} is not a JSON number`);
      // RFC 8785 §3.2.2.3 is ECMAScript's Number.prototype.toString, which JSON.stringify applies (and -0 → "0").
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${path}[${i}]`)).join(",")}]`;
      const obj = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units: exactly RFC 8785 §3.2.3.
      const keys = Object.keys(obj).sort();
      const parts: string[] = [];
      for (const k of keys) {
        if (obj[k] === undefined) throw new JcsError(`${path}.${k}: undefined is not JSON`);
        parts.push(`${string(k, path)}:${encode(obj[k], `${path}.${k}`)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      throw new JcsError(`${path}: ${typeof value} is not JSON`);
  }
}

/** The RFC 8785 canonical form of a JSON value. @throws JcsError for non-JSON values, NaN/Infinity, lone surrogates. */
export function jcs(value: unknown): string {
  return encode(value, "$");
}
