import "server-only";
import { getDb } from "../db";

/** The last 20 saved policies, newest first; the one in force has `active`. */
export function listPolicyVersions() {
  return getDb().policyVersion.findMany({ orderBy: { createdAt: "desc" }, take: 20 });
}

/** The last 20 saved registries, newest first, without their YAML (the history lists them; the editor shows the active one). */
export function listRegistryVersions() {
  return getDb().registryVersion.findMany({
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, createdAt: true, createdBy: true, source: true, sha256: true, active: true },
  });
}

/** The registry in force, YAML included; null before any was saved. */
export function getActiveRegistryVersion() {
  return getDb().registryVersion.findFirst({ where: { active: true } });
}
