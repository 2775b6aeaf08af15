import type { ControlRef } from "../../../types";

/** Message authenticity and integrity above mTLS: who sent it, unaltered, once, recently. */
export const MESSAGE_CONTROLS: readonly ControlRef[] = [
  { framework: "SOC2", id: "CC6.1" },
  { framework: "SOC2", id: "CC6.7" },
  { framework: "HIPAA", id: "164.312(c)(1)" },
  { framework: "HIPAA", id: "164.312(d)" },
  { framework: "HIPAA", id: "164.312(e)(1)" },
  { framework: "ISO27001", id: "A.8.5" },
  { framework: "ISO27001", id: "A.8.24" },
];

/** Least privilege between agents: a token grants its scopes and nothing else. */
export const CAPABILITY_CONTROLS: readonly ControlRef[] = [
  { framework: "SOC2", id: "CC6.1" },
  { framework: "SOC2", id: "CC6.3" },
  { framework: "HIPAA", id: "164.312(a)(1)" },
  { framework: "ISO27001", id: "A.5.15" },
  { framework: "ISO27001", id: "A.8.3" },
];

/** Provenance of what an agent says it is: the card clients trust to route work. */
export const CARD_CONTROLS: readonly ControlRef[] = [
  { framework: "SOC2", id: "CC6.1" },
  { framework: "SOC2", id: "CC6.6" },
  { framework: "HIPAA", id: "164.312(c)(1)" },
  { framework: "HIPAA", id: "164.312(d)" },
  { framework: "ISO27001", id: "A.8.5" },
  { framework: "ISO27001", id: "A.8.24" },
];
