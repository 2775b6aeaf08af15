/**
 * HS-REGISTRATION-OPEN — anyone can create an account. `POST /_matrix/client/v3/register` with no auth: Synapse answers
 * 403 when registration is disabled, else 401 with the flows it would accept; a flow without m.login.registration_token
 * lets anyone in. Judged against policy.homeserver.registration (disabled < token < open). Subject: the homeserver.
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { ACCOUNT_PROVISIONING } from "./controls";
import { answerWords, homeserverOf, homeserverSubject } from "./observed";

type Registration = "disabled" | "token" | "open";
const RANK: Record<Registration, number> = { disabled: 0, token: 1, open: 2 };
const TOKEN_STAGE = "m.login.registration_token";

export const hsRegistrationOpen: Check = {
  meta: {
    id: "HS-REGISTRATION-OPEN",
    title: "Registration open without a token",
    severity: "high",
    area: "homeserver",
    risk: "Anyone can create an account on the server the agents trust, then search its directory, join public rooms and probe agents from inside.",
    remediation:
      "Set enable_registration: false, or keep it on with registration_requires_token: true and hand out tokens through the Admin API.",
    controls: ACCOUNT_PROVISIONING,
    expectation: "Registration disabled or token-only",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    const p = hs.probes.registration;
    const evidence = { answer: answerWords(p), flows: p.flows ?? null, policy: ctx.policy.homeserver.registration };
    let observed: Registration | undefined;
    if (p.status === 403) observed = "disabled";
    else if (p.status === 200) observed = "open";
    else if (p.status === 401 && p.flows && p.flows.length > 0) observed = p.flows.every((f) => f.includes(TOKEN_STAGE)) ? "token" : "open";
    if (!observed) return [unknown(subject, `The register endpoint's answer does not say (${answerWords(p)})`, evidence)];
    const allowed = ctx.policy.homeserver.registration;
    const open = p.flows?.filter((f) => !f.includes(TOKEN_STAGE)).map((f) => f.join(" + ")) ?? [];
    const detail =
      observed === "open"
        ? `Registration is open: flows without a registration token (${open.join("; ") || "answered 200"})`
        : `Registration is ${observed === "disabled" ? "disabled" : "token-only"} (${answerWords(p)})`;
    return [result(subject, RANK[observed] > RANK[allowed], detail, { ...evidence, observed })];
  },
};
