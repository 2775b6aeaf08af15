/**
 * One unauthenticated request to the public URL, kept as the facts the HS-* checks compare: status, Matrix errcode,
 * whether the body was JSON, a redirect's Location. Like the homeserver client it never follows a redirect and reads
 * bodies with a cap; unlike it, a 401 or 403 is an answer to keep (the registration flows live in a 401), not an error.
 * Never throws: a hostile or dead server costs one timeout.
 */
import { MAX_ERROR_BODY_BYTES, matrixErrorOf, readCapped } from "../../homeserver/error-body";
import { escapeControlCharacters } from "../../security/text";
import type { HttpProbe } from "../../snapshot/types";

export interface ProbeRequest {
  method?: "GET" | "POST";
  /** Sent as JSON. */
  body?: unknown;
  /** Only for the guest logout: the probe never sends Vigil's own token. */
  bearer?: string;
}

export interface ProbeAnswer {
  probe: HttpProbe;
  /** The parsed body, for the caller's zod schema; never stored as is. */
  body?: unknown;
}

const MAX_LOCATION = 200;

export async function probeHttp(baseUrl: string, path: string, timeoutMs: number, req: ProbeRequest = {}, doFetch = fetch): Promise<ProbeAnswer> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const headers: Record<string, string> = { "User-Agent": "vigil-homeserver-probe" };
  if (req.body !== undefined) headers["Content-Type"] = "application/json";
  if (req.bearer) headers.Authorization = `Bearer ${req.bearer}`;
  try {
    const res = await doFetch(`${baseUrl.replace(/\/+$/, "")}${path}`, {
      method: req.method ?? "GET",
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      // A redirect is an answer to record, never to follow: it could lead the probe anywhere.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    let text: string;
    try {
      text = await readCapped(res, MAX_ERROR_BODY_BYTES * 4);
    } catch (e) {
      return { probe: { path, outcome: "answered", status: res.status, error: describe(e), ms: ms() } };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const probe: HttpProbe = { path, outcome: "answered", status: res.status, json: body !== undefined, ms: ms() };
    const errcode = matrixErrorOf(body).errcode;
    if (errcode) probe.errcode = errcode;
    const location = res.headers.get("location");
    if (location) probe.location = escapeControlCharacters(location).slice(0, MAX_LOCATION);
    return { probe, body };
  } catch (e) {
    return { probe: { path, outcome: "unreachable", error: describe(e), ms: ms() } };
  }
}

/** fetch hides the socket's reason in `cause`; printable and bounded, as it may reach a page. */
function describe(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : "";
  return escapeControlCharacters(`${e instanceof Error ? e.message : String(e)}${cause}`).slice(0, 300);
}
