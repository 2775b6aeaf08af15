/** What the homeserver checks share: the one subject (the public URL) and how a probe's answer reads. */
import type { HomeserverSnapshot, HttpProbe } from "../../../snapshot/types";
import type { CheckContext, Subject } from "../../types";

/** The homeserver part, when the scan collected one; the HS-* checks examine nothing without it. */
export const homeserverOf = (ctx: CheckContext): HomeserverSnapshot | undefined => ctx.snapshot.homeserver;

export const homeserverSubject = (hs: HomeserverSnapshot): Subject => ({ type: "homeserver", id: hs.publicBaseUrl });

/** The client API answers as Matrix: the reference every other probe is compared with. */
export const servesClientApi = (hs: HomeserverSnapshot): boolean =>
  hs.probes.clientApi.status === 200 && (hs.probes.clientApi.versions?.length ?? 0) > 0;

/** Words for a probe's answer, for details and the page: "HTTP 404", "HTTP 401 M_MISSING_TOKEN", "no answer (…)". */
export function answerWords(p: HttpProbe): string {
  if (p.outcome === "unreachable") return `no answer (${p.error ?? "no detail"})`;
  const redirect = p.location ? ` → ${p.location}` : "";
  return `HTTP ${p.status ?? "?"}${p.errcode ? ` ${p.errcode}` : ""}${p.json === false ? " (not JSON)" : ""}${redirect}`;
}

/** Dotted versions compared part by part ("1.98.0" < "1.120.0"); only the leading number of each part counts. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[.+-]/)
      .slice(0, 4)
      .map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
