export { createMeshProber } from "./prober";
export type { MeshSource, MeshProberConfig, MeshEndpointTarget, MeshCollectOptions } from "./types";
export { readCertificateFiles } from "./cert-files";
export { verifyChain } from "./trust";
export { parseCertificateBundle, PemError } from "./pem";
