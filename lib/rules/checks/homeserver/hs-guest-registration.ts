/**
 * HS-GUEST-REGISTRATION — anyone can get a guest account. `POST /register?kind=guest` creates one when allowed (the
 * collector deactivates it when it holds an admin token); Synapse answers 403 when guest access is off. Subject: the homeserver.
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { ACCOUNT_PROVISIONING } from "./controls";
import { answerWords, homeserverOf, homeserverSubject } from "./observed";

export const hsGuestRegistration: Check = {
  meta: {
    id: "HS-GUEST-REGISTRATION",
    title: "Guest accounts can be registered",
    severity: "medium",
    area: "homeserver",
    risk:
      "Guest accounts are anonymous: they can read world-readable rooms and join any room whose guest_access allows " +
      "it, with no one accountable.",
    remediation: "Set allow_guest_access: false in homeserver.yaml (Synapse's default) and restart.",
    controls: ACCOUNT_PROVISIONING,
    expectation: "Guest registration refused",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    const p = hs.probes.guestRegistration;
    const evidence = { answer: answerWords(p), guestUserId: p.guestUserId ?? null, guestDeactivated: p.guestDeactivated ?? null };
    if (p.status === 403) return [result(subject, false, `Guest registration is refused (${answerWords(p)})`, evidence)];
    if (!p.guestUserId) return [unknown(subject, `The guest register request's answer does not say (${answerWords(p)})`, evidence)];
    const allowed = ctx.policy.homeserver.allowGuestRegistration;
    return [
      result(subject, !allowed, `A guest account was created (${p.guestUserId})${allowed ? ", which the policy allows" : ""}`, evidence),
    ];
  },
};
