/** Every Matrix check, in catalogue order (DESIGN.md), plus MX-ROOM-ROTATION and MX-SIGNATURE-INVALID. */
import type { Check } from "../../types";
import { mxBackupMissing } from "./mx-backup-missing";
import { mxDeviceNoKeys } from "./mx-device-no-keys";
import { mxDeviceStale } from "./mx-device-stale";
import { mxDeviceUnexpected } from "./mx-device-unexpected";
import { mxDeviceUnsigned } from "./mx-device-unsigned";
import { mxIdentityChanged } from "./mx-identity-changed";
import { mxRoomAlgorithm } from "./mx-room-algorithm";
import { mxRoomFeedbackLoop } from "./mx-room-feedback-loop";
import { mxRoomGuests } from "./mx-room-guests";
import { mxRoomHistory } from "./mx-room-history";
import { mxRoomPlaintext } from "./mx-room-plaintext";
import { mxRoomPublic } from "./mx-room-public";
import { mxRoomRotation } from "./mx-room-rotation";
import { mxRoomUnlistedMember } from "./mx-room-unlisted-member";
import { mxSiblingsAsymmetric } from "./mx-siblings-asymmetric";
import { mxSignatureInvalid } from "./mx-signature-invalid";
import { mxUserNoCrossSigning } from "./mx-user-no-cross-signing";
import { mxUserUnverified } from "./mx-user-unverified";

export const matrixChecks: Check[] = [
  mxRoomPlaintext,
  mxRoomAlgorithm,
  mxRoomRotation,
  mxRoomPublic,
  mxRoomHistory,
  mxRoomGuests,
  mxRoomUnlistedMember,
  mxUserNoCrossSigning,
  mxDeviceUnsigned,
  mxUserUnverified,
  mxIdentityChanged,
  mxDeviceUnexpected,
  mxDeviceStale,
  mxDeviceNoKeys,
  mxSiblingsAsymmetric,
  mxRoomFeedbackLoop,
  mxBackupMissing,
  mxSignatureInvalid,
];
