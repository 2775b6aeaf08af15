/** The conformance checks (issue #18): judged only where the registry declares probes. */
import type { Check } from "../../../types";
import { meshCapabilityEscalation } from "./mesh-capability-escalation";
import { meshCardFetchUnsafe } from "./mesh-card-fetch-unsafe";
import { meshCardKeyUndeclared } from "./mesh-card-key-undeclared";
import { meshCardSignatureInvalid } from "./mesh-card-signature-invalid";
import { meshCardUnsigned } from "./mesh-card-unsigned";
import { meshForgeryAccepted } from "./mesh-forgery-accepted";
import { meshFutureAccepted } from "./mesh-future-accepted";
import { meshReplayAccepted } from "./mesh-replay-accepted";
import { meshStaleAccepted } from "./mesh-stale-accepted";
import { meshUnknownSenderAccepted } from "./mesh-unknown-sender-accepted";
import { meshUnsignedAccepted } from "./mesh-unsigned-accepted";

export const conformanceChecks: Check[] = [
  meshReplayAccepted,
  meshStaleAccepted,
  meshFutureAccepted,
  meshForgeryAccepted,
  meshUnknownSenderAccepted,
  meshUnsignedAccepted,
  meshCapabilityEscalation,
  meshCardUnsigned,
  meshCardSignatureInvalid,
  meshCardKeyUndeclared,
  meshCardFetchUnsafe,
];
