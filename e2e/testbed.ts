import { readFileSync } from "node:fs";
import path from "node:path";
import { testbedDir } from "./env";

/** The running test bed's facts, as the fleet wrote them. */
export function matrixTestbed(): { baseUrl: string; auditor: { userId: string; accessToken: string } } {
  return JSON.parse(readFileSync(path.join(testbedDir, "matrix.json"), "utf8"));
}
