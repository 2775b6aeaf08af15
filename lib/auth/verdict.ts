/**
 * What an action really came to, read from what its handler returned: the
 * audit log must not say "ok" for a form that answered "Not saved" or a route
 * that answered 409. Pure, so its rules are tested on their own.
 */
export type ActionVerdict = { outcome: "ok" } | { outcome: "refused" | "failed"; reason: string };

const reasonOf = (value: unknown): string | undefined => {
  if (!value || typeof value !== "object") return undefined;
  const r = value as { error?: unknown; message?: unknown };
  const text = typeof r.error === "string" ? r.error : typeof r.message === "string" ? r.message : undefined;
  return text?.slice(0, 500);
};

/**
 * A Response: 2xx/3xx ok, 4xx refused, 5xx failed. An object with `ok: false`
 * (the shape every form action returns): refused, with its error as the reason.
 * Anything else the handler returned without throwing: ok.
 */
export function verdictOf(result: unknown): ActionVerdict {
  if (result instanceof Response) {
    if (result.status < 400) return { outcome: "ok" };
    return { outcome: result.status >= 500 ? "failed" : "refused", reason: `HTTP ${result.status}` };
  }
  if (result && typeof result === "object" && (result as { ok?: unknown }).ok === false) {
    return { outcome: "refused", reason: reasonOf(result) ?? "the action reported that it did not go through" };
  }
  return { outcome: "ok" };
}
