import { describe, expect, it } from "vitest";
import { meshCardFetchUnsafe } from "./mesh-card-fetch-unsafe";
import { meshCardKeyUndeclared } from "./mesh-card-key-undeclared";
import { meshCardSignatureInvalid } from "./mesh-card-signature-invalid";
import { meshCardUnsigned } from "./mesh-card-unsigned";
import { card, statuses } from "./__fixtures__/conformance";

const cards = [
  { endpoint: "signed:1", card: card() },
  { endpoint: "unsigned:1", card: card({ signatures: [] }) },
  { endpoint: "tampered:1", card: card({ signatures: [{ kid: "k1", alg: "ES256", keyDeclared: true, valid: false }] }) },
  { endpoint: "stranger:1", card: card({ signatures: [{ kid: "k9", alg: "ES256", keyDeclared: false }] }) },
  { endpoint: "redirect:1", card: card({ status: 302, location: "https://elsewhere.test/card.json", signatures: undefined }) },
  { endpoint: "huge:1", card: card({ overCap: true, bytes: 65_537, signatures: undefined }) },
  { endpoint: "missing:1", card: card({ status: 404, signatures: undefined }) },
  { endpoint: "down:1", card: card({ outcome: "timeout", status: undefined, signatures: undefined, error: "no answer" }) },
];

describe("agent card checks", () => {
  it("MESH-CARD-UNSIGNED fails only the unsigned card; a card never read is unknown", () => {
    expect(statuses(meshCardUnsigned, cards)).toEqual({
      "signed:1": "pass",
      "unsigned:1": "fail",
      "tampered:1": "pass",
      "stranger:1": "pass",
      "redirect:1": "unknown",
      "huge:1": "unknown",
      "missing:1": "unknown",
      "down:1": "unknown",
    });
  });

  it("MESH-CARD-SIGNATURE-INVALID fails a declared key's signature that does not verify; undeclared keys are unknown", () => {
    expect(statuses(meshCardSignatureInvalid, cards)).toMatchObject({
      "signed:1": "pass",
      "unsigned:1": "unknown",
      "tampered:1": "fail",
      "stranger:1": "unknown",
      "redirect:1": "unknown",
    });
  });

  it("MESH-CARD-KEY-UNDECLARED fails a card signed only by keys the registry does not declare", () => {
    expect(statuses(meshCardKeyUndeclared, cards)).toMatchObject({
      "signed:1": "pass",
      "unsigned:1": "unknown",
      "tampered:1": "pass",
      "stranger:1": "fail",
      "huge:1": "unknown",
    });
  });

  it("MESH-CARD-FETCH-UNSAFE fails a redirect and an oversized card, passes a direct 200, leaves a 404 and a timeout unknown", () => {
    expect(statuses(meshCardFetchUnsafe, cards)).toEqual({
      "signed:1": "pass",
      "unsigned:1": "pass",
      "tampered:1": "pass",
      "stranger:1": "pass",
      "redirect:1": "fail",
      "huge:1": "fail",
      "missing:1": "unknown",
      "down:1": "unknown",
    });
  });
});
