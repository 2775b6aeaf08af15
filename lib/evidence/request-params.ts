/**
 * The export request as URL parameters, shared by the Evidence page (preview)
 * and GET /api/evidence/export: from/to as YYYY-MM-DD (UTC days, `to` inclusive),
 * fw repeated or comma-separated, optional scan for a single snapshot.
 */
import type { Framework } from "../rules/types";
import { FRAMEWORKS, isFramework } from "./controls-catalogue";
import type { ExportRequest } from "./scope";

export const DEFAULT_DAYS = 30;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface EvidenceParams {
  from: string;
  to: string;
  frameworks: Framework[];
  scanId?: string;
  request: ExportRequest;
}

export type ParamsResult = { ok: true; params: EvidenceParams } | { ok: false; error: string };

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const list = (v: string | string[] | null | undefined): string[] =>
  (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).filter(Boolean);

/** Parses and checks the parameters; defaults to the last 30 days and every framework. Bad input gets one clear message. */
export function parseEvidenceParams(get: (key: string) => string | string[] | null | undefined, now = new Date()): ParamsResult {
  const first = (k: string) => list(get(k))[0];
  const to = first("to") ?? ymd(now);
  const from = first("from") ?? ymd(new Date(now.getTime() - DEFAULT_DAYS * 864e5));
  if (!DAY.test(from) || Number.isNaN(Date.parse(from)))
    return { ok: false, error: `"From" must be a date (YYYY-MM-DD), not "${from.slice(0, 40)}".` };
  if (!DAY.test(to) || Number.isNaN(Date.parse(to)))
    return { ok: false, error: `"To" must be a date (YYYY-MM-DD), not "${to.slice(0, 40)}".` };
  if (from > to) return { ok: false, error: `"From" (${from}) is after "To" (${to}).` };
  const fw = list(get("fw"));
  const unknown = fw.find((f) => !isFramework(f));
  if (unknown)
    return { ok: false, error: `Unknown framework "${unknown.slice(0, 40)}"; choose from ${FRAMEWORKS.map((f) => f.id).join(", ")}.` };
  const frameworks = fw.length ? FRAMEWORKS.map((f) => f.id).filter((id) => fw.includes(id)) : FRAMEWORKS.map((f) => f.id);
  const scanId = first("scan");
  const request: ExportRequest = scanId
    ? { scope: "snapshot", scanId }
    : { scope: "period", from: new Date(`${from}T00:00:00.000Z`), to: new Date(`${to}T23:59:59.999Z`) };
  return { ok: true, params: { from, to, frameworks, scanId, request } };
}
