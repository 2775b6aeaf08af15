/**
 * HS-WELL-KNOWN-MISMATCH — `/.well-known/matrix/client` on the public URL sends clients to another homeserver URL.
 * None served is a pass: clients then use the URL they were given. Subject: the homeserver.
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { BOUNDARY_PROTECTION } from "./controls";
import { answerWords, homeserverOf, homeserverSubject } from "./observed";

/** Scheme, host, port and path without trailing slashes: the parts that decide where a client goes. */
function normalised(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
}

export const hsWellKnownMismatch: Check = {
  meta: {
    id: "HS-WELL-KNOWN-MISMATCH",
    title: ".well-known points clients elsewhere",
    severity: "medium",
    area: "homeserver",
    risk:
      "Clients and agents that discover their homeserver through .well-known send their passwords and tokens wherever" +
      " it points: a stale or tampered entry hands them to another server.",
    remediation:
      "Make m.homeserver.base_url in /.well-known/matrix/client (Synapse: public_baseurl with serve_client_wellknown)" +
      " the public URL the homeserver really answers at.",
    controls: BOUNDARY_PROTECTION,
    expectation: "Absent, or this homeserver's URL",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    const p = hs.probes.wellKnown;
    const evidence = { answer: answerWords(p), baseUrl: p.homeserverBaseUrl ?? null, expected: hs.publicBaseUrl };
    if (p.status === 404) return [result(subject, false, "No client .well-known is served: clients use the URL they are given", evidence)];
    if (p.status !== 200 || p.homeserverBaseUrl === undefined) {
      return [unknown(subject, `The .well-known answer names no homeserver (${answerWords(p)})`, evidence)];
    }
    const elsewhere = normalised(p.homeserverBaseUrl) !== normalised(hs.publicBaseUrl);
    const detail = elsewhere
      ? `.well-known sends clients to ${p.homeserverBaseUrl}, not ${hs.publicBaseUrl}`
      : `.well-known names this homeserver (${p.homeserverBaseUrl})`;
    return [result(subject, elsewhere, detail, evidence)];
  },
};
