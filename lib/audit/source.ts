/**
 * Where a request came from, for the audit log and sign-in throttling. The
 * address is the nearest hop of X-Forwarded-For: Next.js fills the header
 * with the socket's address when a request arrives without one, and a proxy
 * in front (which should overwrite or append it) puts its own view last.
 * Without such a proxy a client can write the header itself: the address is
 * then a claim, which is why throttling keys on the account as well.
 */
import { escapeControlCharacters } from "../security/text";

export interface RequestSource {
  ip?: string;
  userAgent?: string;
}

interface HeaderSource {
  get(name: string): string | null;
}

const bounded = (value: string | null | undefined, max: number): string | undefined => {
  const v = value?.trim();
  return v ? escapeControlCharacters(v).slice(0, max) : undefined;
};

export function requestSource(headers: HeaderSource): RequestSource {
  const hops = headers.get("x-forwarded-for")?.split(",") ?? [];
  return { ip: bounded(hops.at(-1), 64) ?? bounded(headers.get("x-real-ip"), 64), userAgent: bounded(headers.get("user-agent"), 256) };
}
