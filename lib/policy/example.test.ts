import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { DEFAULT_POLICY } from "./defaults";
import { parsePolicyYaml } from "./load";
import { PolicySchema } from "./schema";

const text = readFileSync(path.join(import.meta.dirname, "policy.example.yaml"), "utf8");

/** Dotted paths of every leaf key a schema declares, looking through defaults to nested objects. */
function schemaKeys(schema: z.ZodType, prefix = ""): string[] {
  const inner = schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject)) return [prefix];
  return Object.entries(inner.shape).flatMap(([key, child]) => schemaKeys(child, prefix ? `${prefix}.${key}` : key));
}

/** Dotted paths of every leaf key a YAML document spells out (maps are descended into, values are leaves). */
function documentKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  if (prefix === "severities") return [prefix]; // a map of check ids: the key is the leaf
  return Object.entries(value).flatMap(([key, child]) => documentKeys(child, prefix ? `${prefix}.${key}` : key));
}

describe("policy.example.yaml, the shipped documentation of every threshold", () => {
  it("states exactly the defaults", () => {
    expect(parsePolicyYaml("policy.example.yaml", text, new Set())).toEqual(DEFAULT_POLICY);
  });

  it("spells out every key of the schema, and no other", () => {
    const declared = schemaKeys(PolicySchema).sort();
    expect(declared).toContain("matrix.feedbackLoop.windowSeconds");
    expect(declared.length).toBeGreaterThan(15);
    expect(documentKeys(parse(text)).sort()).toEqual(declared);
  });

  it("the key walk sees a key left out (so the test above can fail)", () => {
    const without = text.replace(/^ {2}staleDeviceDays: 30\n/m, "");
    expect(without).not.toBe(text);
    expect(documentKeys(parse(without))).not.toContain("matrix.staleDeviceDays");
  });
});
