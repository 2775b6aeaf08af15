/** The homeserver checks (HS-*) and MX-ROOM-PLAINTEXT-EVENTS, fed by the homeserver collector, in catalogue order. */
import type { Check } from "../../types";
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
  mxRoomPlaintextEvents,
];

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
  mxRoomPlaintextEvents,
};
