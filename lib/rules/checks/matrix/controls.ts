/**
 * Control mappings shared by the Matrix checks, grouped by the property a
 * check protects. SOC 2 (2017 TSC), HIPAA Security Rule, ISO/IEC 27001:2022 Annex A.
 */
import type { ControlRef } from "../../types";

const c = (framework: ControlRef["framework"], id: string): ControlRef => ({ framework, id });

/** Confidentiality of data in transit: end-to-end encryption of rooms. */
export const ENCRYPTION_IN_TRANSIT = [
  c("SOC2", "CC6.7"),
  c("HIPAA", "164.312(e)(1)"),
  c("HIPAA", "164.312(e)(2)(ii)"),
  c("ISO27001", "A.8.24"),
] as const;
/** Cryptographic key management (session rotation, algorithm choice). */
export const KEY_MANAGEMENT = [c("SOC2", "CC6.1"), c("SOC2", "CC6.7"), c("HIPAA", "164.312(e)(2)(ii)"), c("ISO27001", "A.8.24")] as const;
/** Who may read a room: access restriction. */
export const ACCESS_RESTRICTION = [
  c("SOC2", "CC6.1"),
  c("SOC2", "CC6.3"),
  c("HIPAA", "164.312(a)(1)"),
  c("ISO27001", "A.5.15"),
  c("ISO27001", "A.8.3"),
] as const;
/** Knowing that a key really belongs to the agent it claims to be. */
export const ENTITY_AUTHENTICATION = [
  c("SOC2", "CC6.1"),
  c("HIPAA", "164.312(d)"),
  c("ISO27001", "A.5.16"),
  c("ISO27001", "A.8.5"),
] as const;
/** Tampered or broken signatures: integrity of identity material. */
export const INTEGRITY = [
  c("SOC2", "CC6.1"),
  c("SOC2", "CC7.2"),
  c("HIPAA", "164.312(c)(1)"),
  c("HIPAA", "164.312(d)"),
  c("ISO27001", "A.8.24"),
  c("ISO27001", "A.5.16"),
] as const;
/** Inventory of devices that hold keys, and their lifecycle. */
export const DEVICE_INVENTORY = [
  c("SOC2", "CC6.1"),
  c("SOC2", "CC6.2"),
  c("HIPAA", "164.312(a)(1)"),
  c("ISO27001", "A.5.9"),
  c("ISO27001", "A.8.1"),
] as const;
/** Detecting changes and anomalies. */
export const MONITORING = [c("SOC2", "CC7.1"), c("SOC2", "CC7.2"), c("HIPAA", "164.312(b)"), c("ISO27001", "A.8.16")] as const;
/** Declared configuration kept consistent. */
export const CONFIGURATION = [c("SOC2", "CC7.1"), c("SOC2", "CC8.1"), c("ISO27001", "A.8.9")] as const;
/** Recoverability of encrypted history; key backup is key management under ISO 27001 A.8.24. */
export const BACKUP = [c("SOC2", "A1.2"), c("HIPAA", "164.308(a)(7)(ii)(A)"), c("ISO27001", "A.8.13"), c("ISO27001", "A.8.24")] as const;
