/**
 * policy.yaml: every key optional, unknown keys are errors, values checked.
 * What is given replaces the default (arrays and maps replace, not append), so
 * the file reads as "these thresholds differ from Vigil's defaults".
 */
import { z } from "zod";
import { checkById } from "../rules/catalogue";
import { SEVERITIES, type Severity } from "../rules/types";

const positiveInt = z.number().int().positive();
const validRegex = z.string().refine((s) => {
  try {
    new RegExp(s, "i");
    return true;
  } catch {
    return false;
  }
}, "must be a valid regular expression");

export const PolicyFile = z
  .object({
    matrix: z
      .object({
        allowedAlgorithms: z.array(z.string().min(1)).min(1, "list at least one algorithm"),
        maxRotationPeriodMs: positiveInt,
        maxRotationPeriodMsgs: positiveInt,
        weakestHistoryVisibility: z.enum(["joined", "invited", "shared", "world_readable"]),
        staleDeviceDays: positiveInt,
        feedbackLoop: z.object({ minAlternations: positiveInt, windowSeconds: positiveInt }).strict().partial(),
        roomScope: z.enum(["all", "with-agents"]),
        allowedMembers: z.array(z.string().regex(/^@[^:]+:.+$/, "must be a Matrix user id like @ops:example.org")),
      })
      .strict()
      .partial(),
    mesh: z
      .object({
        minTlsVersion: z.enum(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]),
        maxCertLifetimeHours: z.number().positive(),
        expiryWarningHours: z.number().nonnegative(),
        expiryWarningLifetimeShare: z.number().gt(0).lt(1, "must be between 0 and 1"),
        minRsaBits: positiveInt,
        minEcBits: positiveInt,
        probeTimeoutMs: positiveInt,
        concurrency: positiveInt.max(1024),
      })
      .strict()
      .partial(),
    registry: z
      .object({ agentLocalpartPattern: validRegex, requiredE2eeModes: z.array(z.string().min(1)).min(1) })
      .strict()
      .partial(),
    severities: z.record(z.string(), z.enum(SEVERITIES as [Severity, ...Severity[]])).superRefine((map, ctx) => {
      for (const id of Object.keys(map)) {
        if (!checkById.has(id)) ctx.addIssue({ code: "custom", path: [id], message: "unknown check id" });
      }
    }),
  })
  .strict()
  .partial();
export type PolicyFile = z.infer<typeof PolicyFile>;
