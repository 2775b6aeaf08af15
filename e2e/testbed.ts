import { readFileSync } from "node:fs";
import path from "node:path";
import { testbedDir } from "./env";

/** The running test bed's facts, as the fleet wrote them (.testbed/matrix.json). */
export function matrixTestbed(): { baseUrl: string; auditor: { userId: string; accessToken: string } } {
  const tb = JSON.parse(readFileSync(path.join(testbedDir, "matrix.json"), "utf8"));
  return { baseUrl: tb.homeserver.baseUrl, auditor: tb.auditor };
}
