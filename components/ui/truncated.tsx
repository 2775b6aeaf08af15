/**
 * `<Truncated text={hostile} />`: one line, cut with an ellipsis, full value on hover.
 * Always rendered as a text node (React escapes it), so a homeserver's "<script>" stays text.
 */
export function Truncated({
  text,
  className = "max-w-[18rem]",
  empty = "—",
}: {
  text: string | null | undefined;
  className?: string;
  empty?: string;
}) {
  if (!text) return <span className="text-zinc-500">{empty}</span>;
  return (
    <span className={`block truncate ${className}`} title={text}>
      {text}
    </span>
  );
}
