/** How long a finding stayed open, in words ("3 d 4 h"); null while it is not resolved. */
export function timeToFix(firstSeenAt: Date, resolvedAt: Date | null): string | null {
  if (!resolvedAt) return null;
  const minutes = Math.max(0, Math.round((resolvedAt.getTime() - firstSeenAt.getTime()) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}
