/**
 * HS-FEDERATION-OPEN — the server federates more widely than policy.homeserver.federation (none < allowlist < open).
 * Observed: `GET /_matrix/federation/v1/version` on the federation URL (reachable or not) and, when homeserver.yaml
 * was given, its federation_domain_whitelist (absent: every server). Reachable with the whitelist not visible is
 * unknown under an allowlist policy: it could be either. Subject: the homeserver.
 */
import type { HomeserverSnapshot } from "../../../snapshot/types";
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { FEDERATION_BOUNDARY } from "./controls";
import { answerWords, homeserverOf, homeserverSubject } from "./observed";

type Federation = "none" | "allowlist" | "open";

/** Whether federation answers: a Synapse `server` object, a refusal, or (timeouts, odd errors) undefined. */
function reachable(hs: HomeserverSnapshot): boolean | undefined {
  const p = hs.probes.federation;
  if (p.status === 200 && p.server) return true;
  if (p.outcome === "answered") return false;
  return /ECONNREFUSED/.test(p.error ?? "") ? false : undefined;
}

export const hsFederationOpen: Check = {
  meta: {
    id: "HS-FEDERATION-OPEN",
    title: "Federation wider than policy",
    severity: "medium",
    area: "homeserver",
    risk:
      "Every federated server receives the events of rooms it has members in and can invite agents; an open server " +
      "lets any server on the internet in.",
    remediation:
      "Set federation_domain_whitelist to the servers you trust, or remove the federation listener (and the " +
      "federation port at the proxy) when agents need no federation.",
    controls: FEDERATION_BOUNDARY,
    expectation: "No federation, or an allowlist",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    const policy = ctx.policy.homeserver.federation;
    const whitelist = hs.config?.federationDomainWhitelist;
    const evidence = { url: hs.probes.federation.url, answer: answerWords(hs.probes.federation), whitelist: whitelist ?? null, policy };
    const isReachable = reachable(hs);
    if (isReachable === undefined) {
      return [unknown(subject, `The federation URL did not answer clearly (${answerWords(hs.probes.federation)})`, evidence)];
    }
    let observed: Federation | undefined;
    if (!isReachable) observed = "none";
    else if (Array.isArray(whitelist)) observed = "allowlist";
    else if (hs.config) observed = "open";
    if (policy === "none" && isReachable) {
      const detail = `Federation answers at ${hs.probes.federation.url} but the policy allows none`;
      return [result(subject, true, detail, { ...evidence, observed: observed ?? null })];
    }
    if (!observed) {
      const why = "Federation answers and homeserver.yaml was not given, so whether it is limited to an allowlist is not visible";
      return [unknown(subject, why, evidence)];
    }
    const detail =
      observed === "none"
        ? `No federation answers at ${hs.probes.federation.url} (${answerWords(hs.probes.federation)})`
        : observed === "allowlist"
          ? `Federation is limited to ${whitelist?.length ?? 0} server(s) by federation_domain_whitelist`
          : "Federation answers and homeserver.yaml sets no federation_domain_whitelist: every server may federate";
    return [result(subject, policy === "allowlist" && observed === "open", detail, { ...evidence, observed })];
  },
};
