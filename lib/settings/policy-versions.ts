import "server-only";
import { accessSync, constants, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { getDb } from "../db";
import { log } from "../log";
import { DEFAULT_POLICY } from "../policy/defaults";
import { parsePolicyYaml } from "../policy/load";
import type { Policy } from "../policy/schema";
import { checkById } from "../rules/catalogue";
import { reconcile, sha256, type FileSyncStatus } from "./file-sync";
import { unifiedDiff } from "./unified-diff";

export const POLICY_PATH_KEY = "policy.path";

export type SaveOutcome = { ok: true; id: string; changed: boolean } | { ok: false; error: string };

/**
 * Records a new active policy version, after validating it whole. Invalid YAML
 * changes nothing (the previous version stays in force) and comes back as the
 * error, naming line and key. Identical content is not a new version.
 */
export async function savePolicyVersion(
  yaml: string,
  source: "file" | "ui",
  createdBy: string,
  sourceName = "policy.yaml",
): Promise<SaveOutcome> {
  try {
    parsePolicyYaml(sourceName, yaml, checkById);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const db = getDb();
  return db.$transaction(async (tx) => {
    const active = await tx.policyVersion.findFirst({ where: { active: true } });
    const sha = sha256(yaml);
    if (active?.sha256 === sha && active.source === source) return { ok: true as const, id: active.id, changed: false };
    const from = active ? `policy@${active.createdAt.toISOString()}` : "/dev/null";
    const diff = unifiedDiff(active?.yaml ?? "", yaml, { from, to: `policy (${source}, ${createdBy})` });
    await tx.policyVersion.updateMany({ where: { active: true }, data: { active: false } });
    const row = await tx.policyVersion.create({ data: { yaml, sha256: sha, source, createdBy, diff, active: true } });
    return { ok: true as const, id: row.id, changed: true };
  });
}

/** The policy scans judge by: the active version, or the defaults when none was ever saved. */
export async function activePolicy(): Promise<Policy> {
  const active = await getDb().policyVersion.findFirst({ where: { active: true } });
  if (!active) return DEFAULT_POLICY;
  // Versions were validated when saved; a version that no longer parses (schema tightened) falls back loudly.
  try {
    return parsePolicyYaml("policy (active version)", active.yaml, checkById);
  } catch (err) {
    log.error({ err, policyVersionId: active.id }, "the active policy version no longer parses; using the defaults");
    return DEFAULT_POLICY;
  }
}

export async function policyFilePath(): Promise<string | undefined> {
  const row = await getDb().setting.findUnique({ where: { key: POLICY_PATH_KEY } });
  const parsed = z.string().min(1).safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Compares the policy file with the active version and loads it when the
 * file is the source of truth (see reconcile). Called before each scan and
 * when the Policy page renders, so a file edit is noticed without a restart.
 */
export async function syncPolicyFile(): Promise<FileSyncStatus> {
  const file = await policyFilePath();
  const active = await getDb().policyVersion.findFirst({ where: { active: true } });
  const inForce = active?.source ?? "default";
  if (!file) return { paths: [], state: "none", inForce };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    return { paths: [file], state: "invalid", inForce, message: `${path.basename(file)}: ${(err as Error).message}` };
  }
  const writable = isWritable(file);
  const decision = reconcile(active, sha256(text));
  if (decision === "in-sync") return { paths: [file], state: "in-sync", inForce, writable };
  if (decision === "conflict") return { paths: [file], state: "conflict", inForce, writable };
  const saved = await savePolicyVersion(text, "file", `file:${path.basename(file)}`, file);
  if (!saved.ok) return { paths: [file], state: "invalid", inForce, message: saved.error, writable };
  return { paths: [file], state: "loaded", inForce: "file", writable };
}

/** Writes the active version to the policy file (the UI's "write to file"). */
export async function writeActivePolicyToFile(): Promise<void> {
  const file = await policyFilePath();
  if (!file) throw new Error("No policy file is configured (vigil.config.yaml `policy:`).");
  const active = await getDb().policyVersion.findFirst({ where: { active: true } });
  if (!active) throw new Error("No policy version is active yet.");
  writeFileSync(file, active.yaml);
}

function isWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
