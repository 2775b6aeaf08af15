export { createConformanceProber } from "./prober";
export type { ConformanceProberConfig, ConformanceSource, ConformanceTarget } from "./prober";
export { AGENT_CARD_PATH } from "./agent-card";
