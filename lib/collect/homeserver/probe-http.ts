/**
 * One unauthenticated request to the public URL, kept as the facts the HS-* checks compare: status, Matrix errcode,
 * whether the body was JSON, a redirect's Location. Like the homeserver client it never follows a redirect and reads
 * bodies with a cap; unlike it, a 401 or 403 is an answer to keep (the registration flows live in a 401), not an error.
 * node:http(s) rather than fetch, so the CA file Vigil was given can be trusted for these requests alone. Never throws:
 * a hostile or dead server costs one timeout.
 */
import http from "node:http";
import https from "node:https";
import { matrixErrorOf } from "../../homeserver/error-body";
import { escapeControlCharacters } from "../../security/text";
import type { HttpProbe } from "../../snapshot/types";

export interface ProbeRequest {
  method?: "GET" | "POST";
  /** Sent as JSON. */
  body?: unknown;
}

export interface ProbeTarget {
  baseUrl: string;
  timeoutMs: number;
  /** PEM roots for an https URL; absent: Node's bundled public roots. */
  caPem?: string;
  /** The scan's time limit: once it aborts nothing is sent, and a request in flight ends with its socket closed. */
  signal?: AbortSignal;
}

export interface ProbeAnswer {
  probe: HttpProbe;
  /** The parsed body, for the caller's zod schema; never stored as is. */
  body?: unknown;
}

/** Discovery and error bodies are a few KB; more is not read. */
const MAX_BODY = 64 * 1024;
const MAX_LOCATION = 200;

const printable = (text: string, max: number) => escapeControlCharacters(text).slice(0, max);

export function probeHttp(target: ProbeTarget, path: string, req: ProbeRequest = {}): Promise<ProbeAnswer> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const url = new URL(`${target.baseUrl.replace(/\/+$/, "")}${path}`);
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = { "User-Agent": "vigil-homeserver-probe", "Accept": "application/json" };
  if (payload !== undefined)
    Object.assign(headers, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(payload)) });
  const cancelledBy = (signal: AbortSignal) =>
    `cancelled: ${signal.reason instanceof Error ? signal.reason.message : "the scan was cancelled"}`;
  return new Promise((resolve) => {
    // Nothing is sent for a scan already over.
    if (target.signal?.aborted) return resolve({ probe: { path, outcome: "unreachable", error: cancelledBy(target.signal), ms: 0 } });
    let done = false;
    const finish = (a: ProbeAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      target.signal?.removeEventListener("abort", cancelled);
      request.destroy();
      resolve(a);
    };
    const failed = (e: unknown) => finish({ probe: { path, outcome: "unreachable", error: describe(e), ms: ms() } });
    const cancelled = () => failed(new Error(target.signal ? cancelledBy(target.signal) : "cancelled"));
    const options = { method: req.method ?? "GET", headers, ...(url.protocol === "https:" && target.caPem ? { ca: target.caPem } : {}) };
    const request = (url.protocol === "https:" ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (d: Buffer) => {
        size += d.length;
        if (size > MAX_BODY) {
          return finish({
            probe: { path, outcome: "answered", status: res.statusCode, error: `body larger than ${MAX_BODY} bytes`, ms: ms() },
          });
        }
        chunks.push(d);
      });
      res.on("error", failed);
      res.on("end", () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          body = undefined;
        }
        const probe: HttpProbe = { path, outcome: "answered", status: res.statusCode, json: body !== undefined, ms: ms() };
        const errcode = matrixErrorOf(body).errcode;
        if (errcode) probe.errcode = errcode;
        if (res.headers.location) probe.location = printable(res.headers.location, MAX_LOCATION);
        finish({ probe, body });
      });
    });
    const timer = setTimeout(() => failed(new Error(`no answer within ${target.timeoutMs} ms`)), target.timeoutMs);
    target.signal?.addEventListener("abort", cancelled, { once: true });
    request.on("error", failed);
    request.end(payload);
  });
}

/** The socket's reason, printable and bounded, as it may reach a page. */
function describe(e: unknown): string {
  const code = e instanceof Error && "code" in e && typeof e.code === "string" ? `${e.code}: ` : "";
  return printable(`${code}${e instanceof Error ? e.message : String(e)}`, 300);
}
