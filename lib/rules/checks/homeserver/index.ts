/** The homeserver checks (HS-*, bot configs among them) and MX-ROOM-PLAINTEXT-EVENTS, fed by the homeserver collector. */
import type { Check } from "../../types";
import { hsBotCryptoInactive } from "./hs-bot-crypto-inactive";
import { hsBotEncryptionConfig } from "./hs-bot-encryption-config";
import { hsBotVerificationLevels } from "./hs-bot-verification-levels";
import { hsAdminApiExposed } from "./hs-admin-api-exposed";
import { hsClientTls } from "./hs-client-tls";
import { hsConfigEncryptionDefault } from "./hs-config-encryption-default";
import { hsConfigPublicExposure } from "./hs-config-public-exposure";
import { hsFederationOpen } from "./hs-federation-open";
import { hsGuestRegistration } from "./hs-guest-registration";
import { hsRegistrationOpen } from "./hs-registration-open";
import { hsVersionOutdated } from "./hs-version-outdated";
import { hsWellKnownMismatch } from "./hs-well-known-mismatch";
import { mxRoomPlaintextEvents } from "./mx-room-plaintext-events";

export const homeserverChecks: Check[] = [
  hsAdminApiExposed,
  hsRegistrationOpen,
  hsGuestRegistration,
  hsFederationOpen,
  hsVersionOutdated,
  hsClientTls,
  hsWellKnownMismatch,
  hsConfigEncryptionDefault,
  hsConfigPublicExposure,
  hsBotEncryptionConfig,
  hsBotVerificationLevels,
  hsBotCryptoInactive,
  mxRoomPlaintextEvents,
];

/** The checks that judge the declared bots' configs (subject: the agent), shown apart from the server's own. */
export const botChecks: Check[] = [hsBotEncryptionConfig, hsBotVerificationLevels, hsBotCryptoInactive];

export {
  hsAdminApiExposed,
  hsRegistrationOpen,
  hsGuestRegistration,
  hsFederationOpen,
  hsVersionOutdated,
  hsClientTls,
  hsWellKnownMismatch,
  hsConfigEncryptionDefault,
  hsConfigPublicExposure,
  hsBotEncryptionConfig,
  hsBotVerificationLevels,
  hsBotCryptoInactive,
  mxRoomPlaintextEvents,
};
