/** MESH-CARD-UNSIGNED — the declared agent card carries no JWS signature: anyone who can serve it can rewrite it. */
import type { Check } from "../../../types";
import { result } from "../../result";
import { CARD_CONTROLS } from "./controls";
import { judgeCards } from "./observed";

export const meshCardUnsigned: Check = {
  meta: {
    id: "MESH-CARD-UNSIGNED",
    title: "Agent card is not signed",
    severity: "high",
    area: "mesh",
    risk: "Clients route work by what the card says (skills, endpoints, auth); unsigned, it is only as trustworthy as every proxy and cache on its way.",
    remediation:
      "Sign the card (A2A §8.4: JWS over the RFC 8785 form of the card without `signatures`) with a key declared in the registry.",
    controls: CARD_CONTROLS,
    expectation: "At least one JWS signature",
    alsoJudgedBy: [],
  },
  run: (ctx) =>
    judgeCards(ctx, (card, subject) =>
      result(
        subject,
        card.signatures.length === 0,
        card.signatures.length === 0 ? "The card carries no signatures" : `The card carries ${card.signatures.length} signature(s)`,
        { card },
      ),
    ),
};
