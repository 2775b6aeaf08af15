/**
 * report.html: the human-readable face of a bundle. Self-contained (inline
 * CSS, no scripts, fonts or images), every piece of text escaped (room names and
 * finding details are hostile), and laid out to print on A4/Letter.
 */
import { STATUS_WORD, type ControlState, type ControlStatus } from "./control-matrix";
import { FRAMEWORKS } from "./controls-catalogue";
import { groupFingerprint } from "./manifest";
import type { EntryDigest } from "./zip-writer";
import type { BundleMeta, BundleSummary, FindingRecord } from "./source";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
const e = (v: string | number | null | undefined) => escapeHtml(v === null || v === undefined ? "" : String(v));

/** Status shape + word + colour: never colour alone. */
const SHAPE: Record<ControlState, { mark: string; cls: string }> = {
  "satisfied": { mark: "●", cls: "ok" },
  "failing": { mark: "■", cls: "bad" },
  "exceptions": { mark: "◆", cls: "warn" },
  "incomplete": { mark: "◐", cls: "warn" },
  "not-assessed": { mark: "○", cls: "na" },
};

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1c1f24;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d5d9e0;padding-bottom:.25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d5d9e0;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.ok{color:#106b3a}.bad{color:#a4161a}.warn{color:#8a5a00}.na{color:#555d69}
.status{white-space:nowrap;font-weight:600}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
ul.cov{margin:0;padding-left:1rem;font-size:.9em}#controls td:first-child .mono{white-space:nowrap;word-break:normal}#controls code{word-break:normal}.muted{color:#555d69}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit}@page{size:A4;margin:14mm}}
`;

export interface ReportInput {
  meta: BundleMeta;
  matrix: ControlStatus[];
  summary: BundleSummary;
  findings: FindingRecord[];
  files: EntryDigest[];
  publicKeyFingerprint: string;
}

function controlRows(matrix: ControlStatus[]): string {
  return matrix
    .map((c) => {
      const s = SHAPE[c.status];
      const cov = c.checks.map((l) => `<li><code>${e(l.check)}</code>: ${e(l.coverage)}</li>`).join("");
      const notes = [
        c.failingCount
          ? `${c.failingCount} failing: ${c.failing
              .slice(0, 5)
              .map((f) => `<code>${e(f.check)}</code> ${e(f.subjectLabel ?? f.subjectId)}`)
              .join(", ")}${c.failingCount > 5 ? ", …" : ""}`
          : "",
        c.exceptionsCount
          ? `${c.exceptionsCount} accepted: ${c.exceptions
              .slice(0, 5)
              .map((x) => `${e(x.subjectLabel ?? x.subjectId)} (${e(x.reason)}; ${e(x.owner)}; until ${e(x.expires ?? "no expiry")})`)
              .join(", ")}`
          : "",
      ]
        .filter(Boolean)
        .join("<br>");
      return `<tr><td><span class="mono">${e(c.framework)} ${e(c.id)}</span></td><td>${e(c.title)}</td><td class="status ${s.cls}">${s.mark} ${e(STATUS_WORD[c.status])}</td><td><ul class="cov">${cov || "<li>no check maps here</li>"}</ul></td><td>${notes || '<span class="muted">none</span>'}</td></tr>`;
    })
    .join("\n");
}

/** The whole report as one HTML string (bounded: the matrix, counts and at most the findings given). */
export function renderReportHtml(r: ReportInput): string {
  const { meta, summary } = r;
  const fw = FRAMEWORKS.filter((f) => meta.frameworks.includes(f.id))
    .map((f) => f.name)
    .join(", ");
  const sev = Object.values(summary.findingsBySeverity)
    .map((v) => `<td class="num">${v}</td>`)
    .join("");
  const findingRows = r.findings
    .map(
      (f) =>
        `<tr><td>${e(f.severity)}</td><td><code>${e(f.check)}</code></td><td>${e(f.subjectLabel ?? f.subjectId)}<br><span class="mono muted">${e(f.subjectId)}</span></td><td>${e(f.detail)}</td><td>${e(f.status)}</td></tr>`,
    )
    .join("\n");
  const scans = meta.scans
    .map((s) => `<tr><td class="mono">${e(s.id)}</td><td>${e(s.startedAt)}</td><td>${e(s.finishedAt)}</td><td>${e(s.status)}</td></tr>`)
    .join("\n");
  const files = r.files
    .map((f) => `<tr><td class="mono">${e(f.path)}</td><td class="num">${f.size}</td><td class="mono">${e(f.sha256)}</td></tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vigil compliance evidence ${e(meta.period.from.toISOString().slice(0, 10))} – ${e(meta.period.to.toISOString().slice(0, 10))}</title>
<style>${CSS}</style></head><body>
<h1>Compliance evidence</h1>
<p class="muted">Generated by Vigil ${e(meta.vigilVersion)} at ${e(meta.generatedAt.toISOString())} by ${e(meta.generatedBy)}.</p>
<dl>
<dt>Period</dt><dd>${e(meta.period.from.toISOString())} to ${e(meta.period.to.toISOString())} (${e(meta.scope)})</dd>
<dt>Frameworks</dt><dd>${e(fw)}</dd>
<dt>Scans</dt><dd>${meta.scans.length}; inventory from scan <span class="mono">${e(meta.inventorySnapshot.scanId)}</span> taken ${e(meta.inventorySnapshot.takenAt)}</dd>
<dt>Homeserver</dt><dd>${meta.homeserver ? `${e(meta.homeserver.serverName)} (${e(meta.homeserver.baseUrl)})` : "not scanned"}</dd>
<dt>Mesh</dt><dd>${meta.mesh ? `${meta.mesh.endpoints} endpoints; CA SHA-256 <span class="mono">${e(meta.mesh.caFingerprint256 ?? "unknown")}</span>` : "not scanned"}</dd>
<dt>Policy</dt><dd><span class="mono">${e(meta.policy.sha256)}</span> (${e(meta.policy.source)})</dd>
<dt>Signing key</dt><dd>Ed25519, SHA-256 <span class="mono">${e(groupFingerprint(r.publicKeyFingerprint))}</span></dd>
</dl>
<h2>Controls</h2>
<table id="controls"><colgroup><col style="width:10%"><col style="width:17%"><col style="width:10%"><col style="width:38%"><col style="width:25%"></colgroup><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Coverage</th><th>Findings and exceptions</th></tr></thead><tbody>
${controlRows(r.matrix)}
</tbody></table>
<h2>Coverage</h2>
<table><thead><tr><th>Rooms</th><th>Devices</th><th>Certificates</th><th>Findings</th><th>Accepted exceptions</th></tr></thead>
<tbody><tr><td class="num">${summary.rooms}</td><td class="num">${summary.devices}</td><td class="num">${summary.certificates}</td><td class="num">${summary.findings}</td><td class="num">${summary.exceptions}</td></tr></tbody></table>
<h2>Findings by severity</h2>
<table><thead><tr>${Object.keys(summary.findingsBySeverity)
    .map((k) => `<th>${e(k)}</th>`)
    .join("")}</tr></thead><tbody><tr>${sev}</tr></tbody></table>
<h2>Findings${summary.findings > r.findings.length ? ` (worst ${r.findings.length} of ${summary.findings}; all in findings.csv)` : ""}</h2>
<table><thead><tr><th>Severity</th><th>Check</th><th>Subject</th><th>Detail</th><th>Status</th></tr></thead><tbody>
${findingRows || '<tr><td colspan="5">No findings in this period.</td></tr>'}
</tbody></table>
<h2>Scans</h2>
<table><thead><tr><th>Scan</th><th>Started</th><th>Finished</th><th>Status</th></tr></thead><tbody>${scans}</tbody></table>
<h2>Files (SHA-256)</h2>
<p class="muted">The signed manifest.json lists every file in the bundle, this one included; verify with <code>vigil evidence verify</code> or <code>sha256sum -c SHA256SUMS</code>.</p>
<table><thead><tr><th>File</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>${files}</tbody></table>
</body></html>
`;
}
