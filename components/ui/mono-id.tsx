import { CopyButton } from "./copy-button";

/** `<MonoId value="!abc:hs" label="room id" />`: a monospaced, truncated id with its copy button. */
export function MonoId({ value, label, max = "max-w-[16rem]" }: { value: string; label?: string; max?: string }) {
  return (
    <span className="inline-flex min-w-0 items-center gap-1">
      <span className={`mono truncate ${max}`} title={value}>
        {value}
      </span>
      <CopyButton value={value} label={label} />
    </span>
  );
}
