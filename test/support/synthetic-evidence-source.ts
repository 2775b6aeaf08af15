/**
 * A synthetic EvidenceSource: rows are generated on demand (never held), so
 * the benchmark measures the bundle writer, not a fixture in memory. Shared by
 * bench/evidence and the evidence tests, so it lives with test support, not in either.
 */
import { allChecks } from "../../lib/rules/catalogue";
import { SEVERITIES } from "../../lib/rules/types";
import { buildControlMatrix } from "../../lib/evidence/control-matrix";
import type { EvidenceSource, FindingRecord } from "../../lib/evidence/source";

export interface Size {
  rooms: number;
  devices: number;
  certificates: number;
  findings: number;
}

const HOSTILE = ['=HYPERLINK("http://x")', "<script>alert(1)</script>", 'quote " and, comma', "line\nbreak"];

function finding(i: number): FindingRecord {
  const check = allChecks[i % allChecks.length]?.meta.id ?? "MX-ROOM-PLAINTEXT";
  return {
    key: `${check}|room|!r${i}:bench`,
    check,
    severity: SEVERITIES[i % 5] ?? "high",
    subjectType: "room",
    subjectId: `!r${i}:bench`,
    subjectLabel: `${HOSTILE[i % HOSTILE.length]} ${i}`,
    detail: `synthetic finding ${i}`,
    status: i % 50 === 0 ? "accepted" : "open",
    firstSeenAt: "2026-01-01T00:00:00.000Z",
    lastSeenAt: "2026-01-30T00:00:00.000Z",
    acceptedReason: i % 50 === 0 ? "bench" : null,
    acceptedBy: i % 50 === 0 ? "bench@vigil.test" : null,
    acceptedAt: null,
    acceptedUntil: null,
    evidence: { n: i },
  };
}

function* range<T>(n: number, make: (i: number) => T): Generator<T> {
  for (let i = 0; i < n; i++) yield make(i);
}

export function syntheticSource(size: Size): EvidenceSource {
  const coverage = allChecks.map((c) => ({ check: c.meta.id, examined: size.rooms, passed: size.rooms - 10, failed: 10, scans: 1 }));
  const sample = [...range(Math.min(size.findings, 200), finding)];
  const findingsInput = allChecks.map((c) => {
    const mine = sample.filter((f) => f.check === c.meta.id);
    return {
      check: c.meta.id,
      failingCount: mine.length,
      failing: mine.filter((f) => f.status !== "accepted"),
      exceptionsCount: 0,
      exceptions: [],
    };
  });
  const now = new Date();
  return {
    meta: {
      vigilVersion: "bench",
      generatedAt: now,
      generatedBy: "bench",
      scope: "period",
      period: { from: new Date(now.getTime() - 30 * 864e5), to: now },
      frameworks: ["SOC2", "HIPAA", "ISO27001"],
      scans: [{ id: "bench-scan", startedAt: now.toISOString(), finishedAt: now.toISOString(), status: "complete" }],
      inventorySnapshot: { scanId: "bench-scan", takenAt: now.toISOString() },
      policy: { sha256: "0".repeat(64), source: "bench" },
      homeserver: { baseUrl: "https://hs.bench", serverName: "bench" },
      mesh: { caFingerprint256: null, endpoints: size.certificates },
    },
    matrix: buildControlMatrix({
      checks: allChecks.map((c) => c.meta),
      frameworks: ["SOC2", "HIPAA", "ISO27001"],
      coverage,
      findings: findingsInput,
    }),
    summary: {
      rooms: size.rooms,
      devices: size.devices,
      certificates: size.certificates,
      findings: size.findings,
      findingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: size.findings },
      exceptions: 0,
    },
    reportFindings: sample,
    rooms: async function* () {
      yield* range(size.rooms, (i) => ({
        roomId: `!r${i}:bench`,
        name: `${HOSTILE[i % 4]} room ${i}`,
        encrypted: i % 7 !== 0,
        algorithm: "m.megolm.v1.aes-sha2",
        joinRule: "invite",
        historyVisibility: "shared",
        memberCount: 5 + (i % 40),
        agentCount: 2,
        exposure: i % 5,
      }));
    },
    devices: async function* () {
      yield* range(size.devices, (i) => ({
        userId: `@agent${i % 900}:bench`,
        deviceId: `DEV${i}`,
        displayName: `device ${i}`,
        trust: "verified-by-owner",
        lastSeenTs: 1_700_000_000_000 + i,
      }));
    },
    keys: async function* () {
      yield* range(size.devices, (i) => ({
        kind: "device",
        userId: `@agent${i % 900}:bench`,
        deviceId: `DEV${i}`,
        ed25519: "A".repeat(43),
        curve25519: "B".repeat(43),
      }));
    },
    certificates: async function* () {
      yield* range(size.certificates, (i) => ({
        fingerprint: i.toString(16).padStart(64, "0"),
        source: `endpoint:10.0.0.${i % 250}:8443`,
        subject: `CN=agent-${i}`,
        issuer: "CN=bench CA",
        notBefore: "2026-01-01T00:00:00Z",
        notAfter: "2026-01-02T00:00:00Z",
        trusted: true,
        status: "valid",
      }));
    },
    findings: async function* () {
      yield* range(size.findings, finding);
    },
    auditLog: async function* () {
      yield* range(1000, (i) => ({
        at: now.toISOString(),
        actorEmail: "bench@vigil.test",
        action: "scan.run",
        target: `/api/scans#${i}`,
        outcome: "ok",
      }));
    },
  };
}
