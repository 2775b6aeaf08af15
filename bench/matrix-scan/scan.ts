/**
 * One measured scan in its own process, so each side's peak RSS is its own:
 *   tsx scan.ts vigil|floor <state dir> <concurrency>
 * Prints one JSON line. "vigil" is the collector plus the full evaluate step.
 */
import { createMatrixCollector } from "../../lib/collect/matrix";
import { DEFAULT_POLICY } from "../../lib/policy/defaults";
import type { Registry } from "../../lib/registry/types";
import { allChecks } from "../../lib/rules/catalogue";
import { evaluate } from "../../lib/rules/evaluate";
import { readBuilt } from "./build";
import { floorScan } from "./floor";

async function main() {
  const [mode, dir, conc] = process.argv.slice(2);
  const built = readBuilt(dir!);
  if (!built) throw new Error(`no build in ${dir}`);
  const concurrency = Number(conc);
  const registry: Registry = {
    agents: built.agents.map((a, i) => ({ name: `agent-${i}`, matrixUserId: a.userId, deviceIds: a.deviceIds, siblings: [] })),
    allowedMembers: [built.auditorUserId],
  };
  const rss = () => Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB
  const t0 = performance.now();
  if (mode === "floor") {
    const { requests, phasesMs } = await floorScan(
      built.baseUrl,
      built.auditorToken,
      concurrency,
      new Set(built.agents.map((a) => a.userId)),
      built.auditorUserId,
    );
    console.log(JSON.stringify({ wallMs: Math.round(performance.now() - t0), requests, peakRssMb: rss(), phasesMs }));
    return;
  }
  const now = new Date();
  const { matrix, errors, stats } = await createMatrixCollector({
    baseUrl: built.baseUrl,
    accessToken: built.auditorToken,
    policy: DEFAULT_POLICY,
    concurrency,
  }).collect({ registry, now });
  const t1 = performance.now();
  const ev = evaluate(allChecks, {
    snapshot: { takenAt: now.toISOString(), matrix, errors, registry },
    policy: DEFAULT_POLICY,
    registry,
    now,
  });
  const t2 = performance.now();
  console.log(
    JSON.stringify({
      wallMs: Math.round(t2 - t0),
      requests: stats.requests,
      peakRssMb: rss(),
      collectMs: Math.round(t1 - t0),
      evaluateMs: Math.round(t2 - t1),
      scanned: { rooms: matrix.rooms.length, users: matrix.users.length, devices: matrix.devices.length },
      findings: ev.findings.length,
      collectErrors: errors.length,
      checkErrors: ev.errors.length,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
