/** Matrix collection: the MatrixSource seam and its homeserver implementation. */
export { createMatrixCollector } from "./create-matrix-collector";
export type { MatrixCollectOptions, MatrixCollectResult, MatrixCollectorConfig, MatrixSource } from "./source";
export { MatrixApiError, type RequestStats } from "../../homeserver/client";
export { auditorKeys, evaluateDeviceTrust, evaluateUserTrust, type KeysQueryResponse } from "./trust";
