/**
 * What of a homeserver's answer may travel into a scan error, which viewers
 * read on the Overview and in /api/scans/latest. Only a Matrix error (a JSON
 * object with a string errcode) says anything, and only its errcode and a
 * bounded, printable `error`: any other body — an HTML page, a proxy's error,
 * an "internal" page a hostile server steered Vigil to — is never echoed.
 * Bodies are read with a cap too, so a server cannot flood memory.
 */
import { escapeControlCharacters } from "../security/text";

/** Error bodies: a Matrix error is a few hundred bytes. */
export const MAX_ERROR_BODY_BYTES = 16 * 1024;
/** Successful bodies: the largest admin listing page is a few MB. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
export const MAX_ERROR_TEXT = 200;

export interface MatrixErrorBody {
  errcode?: string;
  error?: string;
}

const ERRCODE = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/** The Matrix error in `json`, or {} when it is not one. */
export function matrixErrorOf(json: unknown): MatrixErrorBody {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  const { errcode, error } = json as { errcode?: unknown; error?: unknown };
  if (typeof errcode !== "string" || !ERRCODE.test(errcode)) return {};
  if (typeof error !== "string") return { errcode };
  const text = escapeControlCharacters(error.trim());
  return { errcode, error: text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text };
}

/** The words a scan error may carry about a failed answer. */
export function errorWords(e: MatrixErrorBody): string {
  if (e.error) return e.error;
  return e.errcode ? "(no message)" : "the body is not a Matrix error, so it is not shown";
}

export class BodyTooLargeError extends Error {}

/** Reads at most `maxBytes` of a body as text; more than that is an error, and the rest is not read. */
export async function readCapped(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(`the answer is larger than ${Math.round(maxBytes / 1024)} KB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** fetch's way of saying `redirect: "error"` met a redirect. */
export const isRedirectRefusal = (e: unknown): boolean =>
  /redirect/i.test(String((e as { cause?: { message?: unknown } } | null)?.cause?.message ?? ""));

export const REDIRECT_REFUSED =
  "the homeserver answered with a redirect, which Vigil does not follow (a redirect could steer its token or its requests elsewhere): " +
  "configure the URL the homeserver really answers at";
