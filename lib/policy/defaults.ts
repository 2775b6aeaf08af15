import { PolicySchema, type Policy } from "./schema";

/** Vigil's defaults — what a careful team would accept with no policy file at all — read off the schema. */
export const DEFAULT_POLICY: Policy = PolicySchema.parse({});
