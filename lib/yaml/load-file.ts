import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError, errorCode, fromZod } from "./errors";

/**
 * Parses YAML text against a schema. Errors name the file, the line and the
 * key: "vigil.config.yaml:7: mesh.endpoints.0.endpoint: must be host:port".
 */
export function parseYamlFile<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const source = path.basename(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({ key: "", line: lines.linePos(e.pos[0]).line, message: e.message.split("\n")[0] ?? e.message })),
    );
  }
  let data: unknown;
  try {
    // An alias with no anchor, or too many aliases (a "billion laughs" document), fails here, not in parseDocument.
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    throw new ConfigError(source, [{ key: "", message: err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err) }]);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  // Walk the document along the path; the deepest node found names the line.
  const lineOf = (keys: PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let line = doc.contents?.range ? lines.linePos(doc.contents.range[0]).line : undefined;
    for (const key of keys) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
        if (!pair) break;
        if (isScalar(pair.key) && pair.key.range) line = lines.linePos(pair.key.range[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        node = node.items[key];
        if ((isMap(node) || isSeq(node) || isScalar(node)) && node.range) line = lines.linePos(node.range[0]).line;
      } else break;
    }
    return line;
  };
  throw fromZod(source, parsed.error, lineOf);
}

/** Reads and parses; a missing file is `undefined`, any other problem a ConfigError. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if (errorCode(err) === "ENOENT") return undefined;
    throw new ConfigError(path.basename(file), [{ key: "", message: errorMessage(err) }]);
  }
  return parseYamlFile(file, text, schema);
}

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
