import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./defaults";
import { loadPolicyFile, parsePolicyYaml as parseWith } from "./load";

// The catalogue lives in lib/rules, above this folder; a stand-in set of ids is all parsing needs.
const checkIds = new Set(["MX-DEVICE-STALE", "MESH-CERT-LIFETIME"]);
const parsePolicyYaml = (source: string, yaml: string) => ({ policy: parseWith(source, yaml, checkIds) });

describe("policy.yaml", () => {
  it("an empty file is the defaults", () => {
    expect(parsePolicyYaml("policy.yaml", "").policy).toEqual(DEFAULT_POLICY);
  });

  it("a file of comments only is the defaults, and each parse gets its own arrays", () => {
    const a = parsePolicyYaml("policy.yaml", "# nothing\n").policy;
    a.matrix.allowedAlgorithms.push("mutated");
    expect(parsePolicyYaml("policy.yaml", "").policy.matrix.allowedAlgorithms).toEqual(["m.megolm.v1.aes-sha2"]);
    expect(DEFAULT_POLICY.matrix.allowedAlgorithms).toEqual(["m.megolm.v1.aes-sha2"]);
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
    expect(() => parsePolicyYaml("policy.yaml", "severities:\n  MX-NOPE: low\n")).toThrow(
      /policy\.yaml:2: severities\.MX-NOPE: unknown check id/,
    );
    expect(() => parsePolicyYaml("policy.yaml", "severities:\n  MX-DEVICE-STALE: urgent\n")).toThrow(/severities\.MX-DEVICE-STALE/);
  });

  it("an invalid regular expression and broken YAML are refused with a line", () => {
    expect(() => parsePolicyYaml("policy.yaml", "registry:\n  agentLocalpartPattern: '(['\n")).toThrow(
      /policy\.yaml:2: registry\.agentLocalpartPattern: must be a valid regular expression/,
    );
    expect(() => parsePolicyYaml("policy.yaml", "matrix:\n  staleDeviceDays: [\n")).toThrow(/policy\.yaml:\d+: /);
  });

  it("a bad value inside a nested object with defaults names its line; its siblings keep their defaults", () => {
    expect(() => parsePolicyYaml("policy.yaml", "matrix:\n  feedbackLoop:\n    windowSeconds: -1\n")).toThrow(
      /policy\.yaml:3: matrix\.feedbackLoop\.windowSeconds: /,
    );
    const mesh = parsePolicyYaml("policy.yaml", "mesh:\n  minTlsVersion: TLSv1.2\n").policy.mesh;
    expect(mesh).toEqual({ ...DEFAULT_POLICY.mesh, minTlsVersion: "TLSv1.2" });
  });

  it("a TLS version the snapshot cannot record is refused", () => {
    expect(() => parsePolicyYaml("policy.yaml", "mesh:\n  minTlsVersion: SSLv3\n")).toThrow(/policy\.yaml:2: mesh\.minTlsVersion: /);
  });

  it("a missing policy file is an error naming it, never the defaults", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-policy-"));
    expect(() => loadPolicyFile(path.join(dir, "policy.yaml"), checkIds)).toThrow(/^policy\.yaml: policy: ENOENT/);
  });
});
