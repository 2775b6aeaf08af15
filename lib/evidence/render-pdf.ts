/**
 * report.pdf via headless Chromium's --print-to-pdf. Optional: where Chromium
 * is missing or fails, the bundle says so in its manifest notes instead.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Renders `html` to a PDF file in a fresh temp dir. Returns the PDF path and a
 * cleanup function, or a reason it could not.
 */
export async function renderPdf(
  html: string,
  timeoutMs = 90_000,
): Promise<{ ok: true; pdf: string; cleanup: () => void } | { ok: false; reason: string }> {
  if (!fs.existsSync(CHROMIUM)) return { ok: false, reason: `report.pdf omitted: no Chromium at ${CHROMIUM}` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-pdf-"));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const htmlPath = path.join(dir, "report.html");
  const pdf = path.join(dir, "report.pdf");
  fs.writeFileSync(htmlPath, html);
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
    `--user-data-dir=${path.join(dir, "profile")}`,
    `--print-to-pdf=${pdf}`,
    `file://${htmlPath}`,
  ];
  const err = await new Promise<Error | null>((resolve) => execFile(CHROMIUM, args, { timeout: timeoutMs }, (e) => resolve(e)));
  if (!fs.existsSync(pdf) || fs.statSync(pdf).size === 0) {
    cleanup();
    return { ok: false, reason: `report.pdf omitted: Chromium could not print (${err?.message.split("\n")[0] ?? "no output"})` };
  }
  return { ok: true, pdf, cleanup };
}
