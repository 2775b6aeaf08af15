/**
 * The public URL seen from outside, as anyone on the internet sees it: no token. Six requests, each kept as facts
 * (probe-http.ts); the verdicts are the HS-* checks', decided by comparing answers (the client API answers as Matrix
 * here, so a 404 on the admin path is the proxy refusing it, not a dead server).
 */
import { z } from "zod";
import type { HomeserverProbes } from "../../snapshot/types";
import { probeHttp, type ProbeAnswer, type ProbeRequest } from "./probe-http";

const Versions = z.object({ versions: z.array(z.string()).max(200) });
const ServerVersion = z.object({ server_version: z.string().max(200) });
const Flows = z.object({ flows: z.array(z.object({ stages: z.array(z.string().max(200)).max(20) })).max(50) });
const Guest = z.object({ user_id: z.string().max(300) });
const FederationVersion = z.object({ server: z.object({ name: z.string().max(200).optional(), version: z.string().max(200).optional() }) });
const WellKnown = z.object({ "m.homeserver": z.object({ base_url: z.string().max(500) }) });

export interface PublicProbeOptions {
  publicBaseUrl: string;
  federationUrl?: string;
  timeoutMs: number;
  /** PEM roots for https URLs; absent: Node's bundled public roots. */
  caPem?: string;
  /** The scan's time limit: cancels the requests in flight when it passes. */
  signal?: AbortSignal;
}

export async function probePublicUrl(o: PublicProbeOptions): Promise<HomeserverProbes> {
  const ask = (path: string, req?: ProbeRequest, baseUrl = o.publicBaseUrl) =>
    probeHttp({ baseUrl, timeoutMs: o.timeoutMs, caPem: o.caPem, signal: o.signal }, path, req);
  const federationUrl = o.federationUrl ?? o.publicBaseUrl;
  const [client, admin, registration, guest, federation, wellKnown] = await Promise.all([
    ask("/_matrix/client/versions"),
    ask("/_synapse/admin/v1/server_version"),
    // No auth at all: Synapse answers 403 when registration is disabled, else 401 with the flows it would accept.
    ask("/_matrix/client/v3/register", { method: "POST", body: {} }),
    // The only proof that guests can register is registering one; its token is never kept (the collector deactivates it).
    ask("/_matrix/client/v3/register?kind=guest", { method: "POST", body: {} }),
    ask("/_matrix/federation/v1/version", {}, federationUrl),
    ask("/.well-known/matrix/client"),
  ]);
  const probes: HomeserverProbes = {
    clientApi: { ...client.probe, ...pick(Versions, client.body, (b) => ({ versions: b.versions })) },
    adminApi: { ...admin.probe, ...pick(ServerVersion, admin.body, (b) => ({ serverVersion: b.server_version })) },
    registration: { ...registration.probe, ...pick(Flows, registration.body, (b) => ({ flows: b.flows.map((f) => f.stages) })) },
    guestRegistration: { ...guest.probe, ...guestOf(guest) },
    federation: { ...federation.probe, url: federationUrl, ...pick(FederationVersion, federation.body, (b) => ({ server: b.server })) },
    wellKnown: { ...wellKnown.probe, ...pick(WellKnown, wellKnown.body, (b) => ({ homeserverBaseUrl: b["m.homeserver"].base_url })) },
  };
  return probes;
}

/** The fields a body of the expected shape yields; nothing when it is not that shape (the raw body is never kept). */
function pick<S extends z.ZodType, T extends object>(schema: S, body: unknown, fields: (b: z.infer<S>) => T): T | Record<string, never> {
  const parsed = schema.safeParse(body);
  return parsed.success ? fields(parsed.data) : {};
}

/** Synapse answers 403 when guest access is off, and 200 with the new guest's id (and a token, dropped here) when on. */
function guestOf(answer: ProbeAnswer): { guestUserId?: string } {
  if (answer.probe.status !== 200) return {};
  const guest = Guest.safeParse(answer.body);
  return guest.success ? { guestUserId: guest.data.user_id } : {};
}
