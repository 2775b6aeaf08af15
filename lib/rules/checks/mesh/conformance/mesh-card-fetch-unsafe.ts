/**
 * MESH-CARD-FETCH-UNSAFE — the declared agent card was served through a redirect or over the size cap. Vigil follows
 * neither: a client that does can be steered to another origin's card, or made to buffer without bound.
 */
import type { Check } from "../../../types";
import { result, unknown } from "../../result";
import { CARD_CONTROLS } from "./controls";
import { conformanceOf, conformanceSubject } from "./observed";

export const meshCardFetchUnsafe: Check = {
  meta: {
    id: "MESH-CARD-FETCH-UNSAFE",
    title: "Agent card served through a redirect or over the size cap",
    severity: "medium",
    area: "mesh",
    risk: "A card reached through a redirect can come from anywhere the redirect points, and an oversized one is a denial of service on every client that reads it.",
    remediation:
      "Serve /.well-known/agent-card.json directly (200, no redirect) on the agent's own endpoint, and keep it under the declared size.",
    controls: CARD_CONTROLS,
    expectation: "200 with the card, no redirect, within the size cap",
    alsoJudgedBy: [],
  },
  run(ctx) {
    return conformanceOf(ctx).flatMap((c) => {
      const card = c.card;
      if (!card) return [];
      const subject = conformanceSubject(c);
      const evidence = { card };
      if (card.skipped) return [unknown(subject, `Card not fetched: ${card.skipped}`, evidence)];
      if (card.outcome !== "answered")
        return [unknown(subject, `No answer for ${card.path}: ${card.outcome}${card.error ? ` (${card.error})` : ""}`, evidence)];
      const status = card.status ?? 0;
      if (status >= 300 && status < 400)
        return [result(subject, true, `${card.path} answered ${status}, redirecting to ${card.location ?? "(no Location)"}`, evidence)];
      if (card.overCap) return [result(subject, true, `The card is larger than the ${card.maxBytes}-byte cap`, evidence)];
      if (status !== 200) return [unknown(subject, `${card.path} answered ${status}: no card to judge`, evidence)];
      return [result(subject, false, `Card served directly, ${card.bytes ?? 0} bytes (cap ${card.maxBytes})`, evidence)];
    });
  },
};
