/** The mesh checks, in catalogue order (DESIGN.md). */
import type { Check } from "../../types";
import { meshCertExpired } from "./mesh-cert-expired";
import { meshCertExpiring } from "./mesh-cert-expiring";
import { meshCertLifetime } from "./mesh-cert-lifetime";
import { meshCertUntrusted } from "./mesh-cert-untrusted";
import { meshChainIncomplete } from "./mesh-chain-incomplete";
import { meshIdentityMismatch } from "./mesh-identity-mismatch";
import { meshMtlsNotEnforced } from "./mesh-mtls-not-enforced";
import { meshTlsLegacy } from "./mesh-tls-legacy";
import { meshPlaintext } from "./mesh-plaintext";
import { meshWeakKey } from "./mesh-weak-key";
import { meshUnreachable } from "./mesh-unreachable";

export const meshChecks: Check[] = [
  meshCertExpired,
  meshCertExpiring,
  meshCertLifetime,
  meshCertUntrusted,
  meshChainIncomplete,
  meshIdentityMismatch,
  meshMtlsNotEnforced,
  meshTlsLegacy,
  meshPlaintext,
  meshWeakKey,
  meshUnreachable,
];

export {
  meshCertExpired,
  meshCertExpiring,
  meshCertLifetime,
  meshCertUntrusted,
  meshChainIncomplete,
  meshIdentityMismatch,
  meshMtlsNotEnforced,
  meshTlsLegacy,
  meshPlaintext,
  meshWeakKey,
  meshUnreachable,
};
