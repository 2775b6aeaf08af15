import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { z } from "zod";
import { ConfigError, fromZod } from "./errors";

/**
 * Parses a YAML file against a schema. Errors name the file, the line and the
 * key: "vigil.config.yaml:7: mesh.endpoints.0.endpoint: must be host:port".
 */
export function parseYamlFile<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  const source = path.basename(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({ key: "", line: lines.linePos(e.pos[0]).line, message: e.message.split("\n")[0] ?? e.message })),
    );
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const lineOf = (p: PropertyKey[]): number | undefined => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let line: number | undefined = node?.range ? lines.linePos(node.range[0]).line : undefined;
    for (const key of p) {
      if (isMap(node)) {
        const pair = node.items.find((i) => (i.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) line = lines.linePos(keyNode.range[0]).line;
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof key === "number") {
        node = node.items[key] as Node | null;
        if (node?.range) line = lines.linePos(node.range[0]).line;
      } else break;
    }
    return line;
  };
  throw fromZod(source, parsed.error, lineOf);
}

/** Reads and parses; a missing file is `undefined`, any other problem a ConfigError. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(path.basename(file), [{ key: "", message: (err as Error).message }]);
  }
  return parseYamlFile(file, text, schema);
}
