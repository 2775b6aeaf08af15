/** Every registry check: the declared registry against deployed profiles and what the scan observed. */
import type { Check } from "../../types";
import { regDeviceMismatch } from "./reg-device-mismatch";
import { regE2eeNotRequired } from "./reg-e2ee-not-required";
import { regSiblingsConfigMismatch } from "./reg-siblings-config-mismatch";
import { regUndeclaredEndpoint } from "./reg-undeclared-endpoint";
import { regUndeclaredUser } from "./reg-undeclared-user";

export const registryChecks: Check[] = [
  regDeviceMismatch,
  regE2eeNotRequired,
  regSiblingsConfigMismatch,
  regUndeclaredUser,
  regUndeclaredEndpoint,
];
