"use client";
import { useState } from "react";
import { Icon } from "../ui/icon";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };

/** Cycles system → light → dark; remembered in a cookie the server reads for the first paint. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const change = () => {
    const next = NEXT[theme];
    document.cookie = `vigil-theme=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.classList.remove("light", "dark");
    if (next !== "system") document.documentElement.classList.add(next);
    setTheme(next);
  };
  return (
    <button type="button" onClick={change} className="btn w-full justify-center" aria-label={`Theme: ${theme}. Change theme`}>
      <Icon name={theme === "dark" ? "moon" : "sun"} />
      Theme: {theme}
    </button>
  );
}
