/**
 * Hostile strings (certificate subjects, SANs, names from a peer) as plain text:
 * React escapes them, CSS truncates them, and the full value is on hover.
 */
export function Text({ value, className = "", mono = false }: { value: string | null | undefined; className?: string; mono?: boolean }) {
  if (!value) return <span className="text-zinc-500">—</span>;
  return (
    <span title={value} className={`block max-w-full truncate ${mono ? "mono" : ""} ${className}`}>
      {value}
    </span>
  );
}
