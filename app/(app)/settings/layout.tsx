import type { ReactNode } from "react";
import { SettingsNav } from "./settings-nav";

/** One Settings navigation for every Settings page, so none of them carries its own set of links. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SettingsNav />
      {children}
    </>
  );
}
