import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "./errors";
import { loadYamlFile, parseYamlFile } from "./load-file";

// A schema of its own: lib/yaml is a leaf and knows no Vigil file format.
const Shape = z
  .object({
    name: z.string().min(1),
    ports: z.array(z.object({ port: z.number().int().max(65535, "port must be at most 65535") }).strict()).default([]),
    nested: z.object({ flag: z.boolean() }).strict().optional(),
  })
  .strict();
const parse = (text: string) => parseYamlFile("/etc/x/thing.yaml", text, Shape);

describe("parseYamlFile", () => {
  it("returns the parsed value, defaults applied", () => {
    expect(parse("name: a\n")).toEqual({ name: "a", ports: [] });
  });

  it("names file (basename only), line and key of an unknown key", () => {
    expect(() => parse("name: a\nnested:\n  flag: true\n  flga: false\n")).toThrow("thing.yaml:2: nested: unknown key flga");
  });

  it("names the line of a bad value deep in a list", () => {
    expect(() => parse("name: a\nports:\n  - port: 1\n  - port: 70000\n")).toThrow(
      "thing.yaml:4: ports.1.port: port must be at most 65535",
    );
  });

  it("names a missing required key at the document's first line", () => {
    expect(() => parse("ports: []\n")).toThrow(/^thing\.yaml:1: name: /);
  });

  it("reports YAML syntax errors with their line, and duplicate keys as errors", () => {
    expect(() => parse("name: a\nports: [unclosed\n")).toThrow(/^thing\.yaml:\d+: /);
    expect(() => parse("name: a\nname: b\n")).toThrow(/^thing\.yaml:2: /);
  });

  it("an empty document is an empty object, judged by the schema", () => {
    expect(() => parse("")).toThrow(/name/);
  });

  it("throws a ConfigError listing every problem", () => {
    try {
      parse("name: ''\nextra: 1\n");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect(err instanceof ConfigError && err.problems.map((p) => p.key).sort()).toEqual(["", "name"]);
    }
  });
});

describe("loadYamlFile", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-yaml-"));

  it("a missing file is undefined, not an error", () => {
    expect(loadYamlFile(path.join(dir, "absent.yaml"), Shape)).toBeUndefined();
  });

  it("reads and parses a real file", () => {
    const file = path.join(dir, "ok.yaml");
    writeFileSync(file, "name: b\n");
    expect(loadYamlFile(file, Shape)).toEqual({ name: "b", ports: [] });
  });

  it("an alias without its anchor, or an alias bomb, is a ConfigError, not a ReferenceError (found by bench/fuzz)", () => {
    expect(() => parseYamlFile("a.yaml", "name: *nowhere\n", Shape)).toThrow(ConfigError);
    expect(() => parseYamlFile("a.yaml", "name: *nowhere\n", Shape)).toThrow(/^a\.yaml: Unresolved alias/);
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ..."bcdefgh".split("").map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`),
    ];
    expect(() => parseYamlFile("bomb.yaml", `${bomb.join("\n")}\nname: x\n`, Shape)).toThrow(ConfigError);
  });

  it("a path that cannot be read as a file is a ConfigError naming it", () => {
    expect(() => loadYamlFile(dir, Shape)).toThrow(new RegExp(`^${path.basename(dir)}: .*EISDIR`));
  });
});
