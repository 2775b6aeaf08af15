import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Every page and route handler under app/, found by walking the folder — so a
 * route added tomorrow is covered by the access tests without anyone listing it.
 * Route groups "(x)" vanish from the URL; dynamic segments get a placeholder.
 */
export function appRoutes(root = path.resolve("app")): { path: string; kind: "page" | "route" }[] {
  const out: { path: string; kind: "page" | "route" }[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name.startsWith("_")) continue;
        const seg = name.startsWith("(")
          ? null
          : name.startsWith("[...") || name.startsWith("[[...")
            ? "x/y"
            : name.startsWith("[")
              ? "x"
              : name;
        walk(full, seg === null ? segments : [...segments, seg]);
      } else if (/^(page|route)\.tsx?$/.test(name)) {
        out.push({ path: "/" + segments.join("/"), kind: name.startsWith("page") ? "page" : "route" });
      }
    }
  };
  walk(root, []);
  return out;
}
