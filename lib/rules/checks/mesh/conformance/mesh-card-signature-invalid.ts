/**
 * MESH-CARD-SIGNATURE-INVALID — a signature by a declared key does not verify over the card as served: the card was
 * changed after signing (or signed over another canonical form). Signatures by undeclared keys are judged by
 * MESH-CARD-KEY-UNDECLARED; Vigil has nothing trusted to check them with.
 */
import type { Check } from "../../../types";
import { result, unknown } from "../../result";
import { CARD_CONTROLS } from "./controls";
import { judgeCards } from "./observed";

export const meshCardSignatureInvalid: Check = {
  meta: {
    id: "MESH-CARD-SIGNATURE-INVALID",
    title: "Agent card signature does not verify",
    severity: "critical",
    area: "mesh",
    risk: "A card whose signature fails was altered after signing, or is signed in a way no client can check: either way its claims are unproven.",
    remediation:
      "Re-sign the card as served (JWS, detached payload, RFC 8785 canonical JSON without `signatures`) and find what changed it.",
    controls: CARD_CONTROLS,
    expectation: "Every signature by a declared key verifies",
    alsoJudgedBy: [],
  },
  run: (ctx) =>
    judgeCards(ctx, (card, subject) => {
      const declared = card.signatures.filter((s) => s.keyDeclared);
      if (declared.length === 0) return unknown(subject, "No signature by a declared key to verify", { card });
      const bad = declared.filter((s) => s.valid !== true);
      const detail = bad.length
        ? `Signature by ${bad.map((s) => `${s.kid} (${s.error ?? "does not verify"})`).join(", ")} fails over the card as served`
        : `Signature by ${declared.map((s) => s.kid).join(", ")} verifies`;
      return result(subject, bad.length > 0, detail, { card });
    }),
};
