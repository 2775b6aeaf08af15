/**
 * Control characters in what people type. A NUL cannot be stored by
 * PostgreSQL at all (the write fails: that is how a device sign-out once went
 * through with no audit row), and line breaks or escape sequences in a name
 * forge lines in logs and terminals. Forms reject them at validation; the
 * audit writer escapes whatever still arrives from elsewhere (a homeserver id).
 */
import { z } from "zod";

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_GLOBAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

/** Every control character as a visible \uXXXX escape: for logs and audit rows, never for forms. */
export const escapeControlCharacters = (text: string): string =>
  text.replace(CONTROL_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A one-line form value: trimmed, 1..max characters, no control characters. */
export function singleLine(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `Keep ${label} under ${max} characters.`)
    .refine((v) => !hasControlCharacters(v), `${label[0]?.toUpperCase() ?? ""}${label.slice(1)} must not contain control characters.`);
}

/** Escapes control characters in every string of a JSON-like value, keys included, bounded in depth. */
export function escapeControlCharactersDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return escapeControlCharacters(value);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => escapeControlCharactersDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeControlCharacters(k), escapeControlCharactersDeep(v, depth + 1)]));
}
