/**
 * Keeping secrets out of words: error messages, log lines and reports are
 * redacted before they leave the layer that held the secret. Free of
 * "server-only" on purpose: the headless CLI and the collectors import it.
 *
 * Two passes. Exact: every known secret (the access token, a private key) in
 * the forms it can take inside a message (raw, JSON-escaped, percent-encoded).
 * Pattern: shapes that are secrets whoever's they are (a Bearer credential,
 * a Synapse or MAS token, a PEM private key, a password field), so a secret
 * the caller did not know about — one a server echoed back — is caught too.
 * Only for messages: snapshot *data* (room names are hostile strings) is
 * stored verbatim and never pattern-redacted.
 */

export const REDACTED = "[redacted]";

/** Shorter "secrets" would shred ordinary words; a real token or key is far longer. */
const MIN_SECRET_LENGTH = 8;

const PATTERNS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, `${REDACTED} private key`],
  [/\b(Bearer)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  // Synapse access/refresh tokens (syt_, syr_) and Matrix Authentication Service ones (mat_, mar_).
  [/\b(syt|syr|mat|mar)_[A-Za-z0-9_-]{6,}/g, `$1_${REDACTED}`],
  [/("?(?:password|passphrase|access_token|accessToken|refresh_token)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\s,}&]+)/gi, `$1"${REDACTED}"`],
];

function forms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  let encoded = secret;
  try {
    encoded = encodeURIComponent(secret);
  } catch {
    // A lone surrogate cannot be percent-encoded; the raw form is still covered.
  }
  return [...new Set([secret, escaped, encoded])].sort((a, b) => b.length - a.length);
}

/** `text` with every known secret replaced by [redacted]; nothing else is touched (safe on data, e.g. a report). */
export function redactKnown(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of forms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** `text` with every known secret and every secret-shaped string replaced by [redacted]: for messages only. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = redactKnown(text, secrets);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Why a credential cannot be sent in an HTTP header, or undefined when it can.
 * Says where and what kind of character, never the character or the credential:
 * visible ASCII only, as RFC 6750's b64token and every homeserver's tokens are.
 */
export function unsendableCredential(credential: string): string | undefined {
  if (credential.length === 0) return "it is empty";
  for (let i = 0; i < credential.length; i++) {
    const code = credential.charCodeAt(i);
    if (code >= 0x21 && code <= 0x7e) continue;
    const what =
      code === 0x0a || code === 0x0d
        ? "a line break"
        : code === 0x20 || code === 0x09
          ? "a space or tab"
          : code < 0x20 || code === 0x7f
            ? "a control character"
            : "a non-ASCII character";
    return `it contains ${what} at position ${i + 1} of ${credential.length}`;
  }
  return undefined;
}
