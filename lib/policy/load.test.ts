import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./defaults";
import { parsePolicyYaml } from "./load";

const example = readFileSync(path.join(import.meta.dirname, "policy.example.yaml"), "utf8");

describe("policy.yaml", () => {
  it("the shipped example documents exactly the defaults", () => {
    expect(parsePolicyYaml("policy.example.yaml", example).policy).toEqual(DEFAULT_POLICY);
  });

  it("an empty file is the defaults", () => {
    expect(parsePolicyYaml("policy.yaml", "").policy).toEqual(DEFAULT_POLICY);
  });

  it("given keys replace defaults; nested objects merge, arrays replace", () => {
    const p = parsePolicyYaml(
      "policy.yaml",
      "matrix:\n  staleDeviceDays: 7\n  feedbackLoop:\n    minAlternations: 5\n  allowedAlgorithms: [x.alg]\nseverities:\n  MX-DEVICE-STALE: low\n",
    ).policy;
    expect(p.matrix.staleDeviceDays).toBe(7);
    expect(p.matrix.feedbackLoop).toEqual({ minAlternations: 5, windowSeconds: 300 });
    expect(p.matrix.allowedAlgorithms).toEqual(["x.alg"]);
    expect(p.matrix.maxRotationPeriodMsgs).toBe(DEFAULT_POLICY.matrix.maxRotationPeriodMsgs);
    expect(p.severities).toEqual({ "MX-DEVICE-STALE": "low" });
  });

  it("an unknown key gets file, line and key", () => {
    expect(() => parsePolicyYaml("/etc/vigil/policy.yaml", "matrix:\n  staleDeviceDays: 7\n  staleDays: 3\n")).toThrow(
      "policy.yaml:1: matrix: unknown key staleDays",
    );
  });

  it("a wrong type names the line of the key", () => {
    expect(() => parsePolicyYaml("policy.yaml", "mesh:\n  minTlsVersion: TLSv1.3\n  maxCertLifetimeHours: soon\n")).toThrow(
      /policy\.yaml:3: mesh\.maxCertLifetimeHours: /,
    );
  });

  it("an unknown check id in severities is refused, as is an unknown severity", () => {
    expect(() => parsePolicyYaml("policy.yaml", "severities:\n  MX-NOPE: low\n")).toThrow(/policy\.yaml:2: severities\.MX-NOPE: unknown check id/);
    expect(() => parsePolicyYaml("policy.yaml", "severities:\n  MX-DEVICE-STALE: urgent\n")).toThrow(/severities\.MX-DEVICE-STALE/);
  });

  it("an invalid regular expression and broken YAML are refused with a line", () => {
    expect(() => parsePolicyYaml("policy.yaml", "registry:\n  agentLocalpartPattern: '(['\n")).toThrow(/policy\.yaml:2: registry\.agentLocalpartPattern: must be a valid regular expression/);
    expect(() => parsePolicyYaml("policy.yaml", "matrix:\n  staleDeviceDays: [\n")).toThrow(/policy\.yaml:\d+: /);
  });
});
