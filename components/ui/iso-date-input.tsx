import type { InputHTMLAttributes } from "react";

/**
 * `<IsoDateInput name="from" defaultValue="2026-11-01" />`: a date typed and shown as YYYY-MM-DD, as every date in
 * Vigil is. A native date picker would show the browser's locale (mm/dd/yyyy in en-US) beside ISO/UTC everywhere
 * else, and take keystrokes in that order. The server parses the value as it always did; the pattern only helps.
 */
export function IsoDateInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "pattern" | "placeholder">) {
  return (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      pattern="\d{4}-\d{2}-\d{2}"
      placeholder="YYYY-MM-DD"
      maxLength={10}
      autoComplete="off"
      spellCheck={false}
      title="A date as YYYY-MM-DD (UTC)"
      className={`mono w-36 ${props.className ?? "input"}`}
    />
  );
}
