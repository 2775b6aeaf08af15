"use client";
import { useEffect, useState } from "react";
import { formatAgo, formatUtc } from "./time-format";

/** How often a relative time is re-rendered: minutes are the finest unit it shows past the first minute. */
const TICK_MS = 15_000;

/**
 * A relative time ("in 48 min", "3 h ago") rendered live in the browser from an absolute timestamp, so
 * a page left open never says "in 49 min" an hour later. The server's text is the first paint; the
 * browser's clock takes over after hydration (which is why the text may differ: hydration is told so).
 */
export function LiveTime({ iso, initial }: { iso: string; initial: string }) {
  const [text, setText] = useState(initial);
  useEffect(() => {
    const at = new Date(iso);
    const update = () => setText(formatAgo(at, new Date()));
    update();
    const timer = setInterval(update, TICK_MS);
    return () => clearInterval(timer);
  }, [iso]);
  return (
    <time dateTime={iso} title={formatUtc(new Date(iso))} className="whitespace-nowrap" suppressHydrationWarning data-live-time="">
      {text}
    </time>
  );
}
