/**
 * What an HTTP answer said, in a few bounded, printable fields: enough to tell
 * "the application answered" from "the terminator refused" (nginx, Caddy, Apache
 * and Go say why in the status line, the page title or the first body line) and to
 * compare two answers. Hostile bytes never leave here unbounded or unprintable.
 */

export interface HttpAnswer {
  status: number;
  /** The page title, or else the status line and the first body line: "400 Bad Request: Client sent an HTTP request…". */
  summary: string;
  /** Location header of a redirect, if any. */
  location?: string;
}

const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})(?: ([^\r\n]*))?\r?\n/;
const MAX_FIELD = 160;

/** Printable ASCII only, whitespace collapsed, bounded. */
export function printable(text: string, max = MAX_FIELD): string {
  const clean = text
    .replace(/[^\x20-\x7e]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The status line once it has arrived; undefined while it has not. */
export function statusOf(raw: string): number | undefined {
  const m = STATUS_LINE.exec(raw);
  return m ? Number(m[1]) : undefined;
}

/** Headers and body arrived far enough to decide: the head ended and some body (or its end) is in. */
export function answerComplete(raw: string, closed: boolean): boolean {
  if (closed) return true;
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(raw.slice(0, end));
  const body = raw.length - end - 4;
  return length ? body >= Math.min(Number(length[1]), 512) : body >= 512;
}

/** Parses the first bytes of a response. Undefined when they are not HTTP. */
export function parseHttpAnswer(raw: string): HttpAnswer | undefined {
  const m = STATUS_LINE.exec(raw);
  if (!m) return undefined;
  const status = Number(m[1]);
  const reason = printable(m[2] ?? "");
  const end = raw.indexOf("\r\n\r\n");
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? "" : raw.slice(end + 4);
  const title = /<title>([^<]{1,300})<\/title>/i.exec(body)?.[1];
  const firstLine = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith("<"));
  const line = [String(status), reason].filter(Boolean).join(" ");
  const summary = printable(title ?? (firstLine ? `${line}: ${firstLine}` : line));
  const location = /\r\nlocation:\s*([^\r\n]+)/i.exec(head)?.[1];
  return { status, summary, ...(location ? { location: printable(location, 300) } : {}) };
}
