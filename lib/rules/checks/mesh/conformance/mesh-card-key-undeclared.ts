/**
 * MESH-CARD-KEY-UNDECLARED — the card is signed, but by no key the registry declares for this agent: a valid
 * signature by an unknown key proves only that someone signed it.
 */
import type { Check } from "../../../types";
import { result, unknown } from "../../result";
import { CARD_CONTROLS } from "./controls";
import { judgeCards } from "./observed";

export const meshCardKeyUndeclared: Check = {
  meta: {
    id: "MESH-CARD-KEY-UNDECLARED",
    title: "Agent card signed by a key the registry does not declare",
    severity: "high",
    area: "mesh",
    risk: "A self-signed or attacker-signed card carries a perfectly valid signature; only a key declared out of band makes it mean anything.",
    remediation:
      "Sign with the agent's declared key, or declare the new key in the registry through the change procedure (a rotation must be explicit).",
    controls: CARD_CONTROLS,
    expectation: "Signed by a declared key",
    alsoJudgedBy: [],
  },
  run: (ctx) =>
    judgeCards(ctx, (card, subject) => {
      if (card.signatures.length === 0) return unknown(subject, "The card is unsigned (MESH-CARD-UNSIGNED): no key to compare", { card });
      const declared = card.signatures.filter((s) => s.keyDeclared);
      const kids = card.signatures.map((s) => s.kid ?? "(no kid)").join(", ");
      return result(
        subject,
        declared.length === 0,
        declared.length ? `Signed by declared key ${declared.map((s) => s.kid).join(", ")}` : `Signed only by undeclared key(s): ${kids}`,
        { card },
      );
    }),
};
