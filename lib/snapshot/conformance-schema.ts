/** The stored shape of lib/snapshot/conformance.ts (loose, like the rest of the snapshot schema: added fields carry). */
import { z } from "zod";
import { MESSAGE_PROBE_KINDS } from "./conformance";

const Outcome = z.enum(["answered", "closed", "timeout", "error"]);

const SentProbeSchema = z.looseObject({
  kind: z.enum(MESSAGE_PROBE_KINDS),
  sent: z.string(),
  method: z.string(),
  path: z.string(),
  at: z.string(),
  outcome: Outcome,
  status: z.number().optional(),
  summary: z.string().optional(),
  error: z.string().optional(),
  ms: z.number(),
});

export const EndpointConformanceSchema = z.looseObject({
  endpoint: z.string(),
  agent: z.string().optional(),
  messages: z
    .looseObject({
      format: z.enum(["hmac-headers", "signed-envelope"]),
      senderId: z.string(),
      freshnessSeconds: z.number(),
      futureSkewSeconds: z.number(),
      outOfScope: z.looseObject({ method: z.string(), path: z.string(), scope: z.string() }).optional(),
      skipped: z.string().optional(),
      probes: z.array(SentProbeSchema),
    })
    .optional(),
  card: z
    .looseObject({
      path: z.string(),
      maxBytes: z.number(),
      outcome: Outcome,
      status: z.number().optional(),
      location: z.string().optional(),
      bytes: z.number().optional(),
      overCap: z.boolean().optional(),
      parseError: z.string().optional(),
      signatures: z
        .array(
          z.looseObject({
            kid: z.string().optional(),
            alg: z.string().optional(),
            keyDeclared: z.boolean(),
            valid: z.boolean().optional(),
            error: z.string().optional(),
          }),
        )
        .optional(),
      skipped: z.string().optional(),
      error: z.string().optional(),
      ms: z.number(),
    })
    .optional(),
});
