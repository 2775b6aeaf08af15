// The Policy type is the schema's output; this path stays for the many modules that import it from here.
export type { Policy } from "./schema";
