/** Every check Vigil runs, in catalogue order. Ids are stable: findings, evidence and policy refer to them. */
import { homeserverChecks } from "./checks/homeserver";
import { matrixChecks } from "./checks/matrix";
import { meshChecks } from "./checks/mesh";
import { conformanceChecks } from "./checks/mesh/conformance";
import { registryChecks } from "./checks/registry";
import type { Check } from "./types";

export const allChecks: readonly Check[] = [...matrixChecks, ...meshChecks, ...conformanceChecks, ...registryChecks, ...homeserverChecks];

export const checkById = new Map(allChecks.map((c) => [c.meta.id, c]));
