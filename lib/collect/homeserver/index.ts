/** The homeserver's own posture: the HomeserverSource seam and its implementation. */
export { createHomeserverCollector } from "./create-homeserver-collector";
export type { HomeserverCollectOptions, HomeserverCollectResult, HomeserverCollectorConfig, HomeserverSource } from "./types";
