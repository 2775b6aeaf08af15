/**
 * The "No scan yet" empty state names the CLI the way the README does (`npx vigil scan`, issue #15), not a
 * spelling only a checkout of this repository runs. Rendered with React's server renderer: the empty state
 * shows only before a server's first scan, which the browser suite's shared server is long past.
 */
import fs from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NotReady } from "@/components/shell/not-ready";

const readme = fs.readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
const connectedNoScan = { homeserver: { baseUrl: "https://hs.example" }, mesh: { endpoints: [] }, lastScan: null };

describe("NotReady before the first scan", () => {
  const html = renderToStaticMarkup(createElement(NotReady, { status: connectedNoScan, needs: "any", what: "the rooms" }));
  const commands = [...html.matchAll(/<code[^>]*>([^<]*vigil[^<]*)<\/code>/g)].map((m) => m[1] ?? "");

  it("says no scan ran yet and how to run one", () => {
    expect(html).toContain("No scan yet");
    expect(html).toContain("Scan now");
  });

  it("names the CLI as `npx vigil scan`, as the README does, and never `npm run vigil -- scan`", () => {
    expect(commands).toEqual(["npx vigil scan"]);
    expect(readme).toContain("npx vigil scan");
    expect(html).not.toContain("npm run vigil");
  });
});
