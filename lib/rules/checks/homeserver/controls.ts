/**
 * Control mappings of the homeserver checks, grouped by the property each protects. SOC 2 (2017 TSC), HIPAA Security
 * Rule, ISO/IEC 27001:2022 Annex A — the same spellings as the Matrix and mesh checks (lib/evidence/controls-catalogue.ts).
 */
import type { ControlRef } from "../../types";

const c = (framework: ControlRef["framework"], id: string): ControlRef => ({ framework, id });

/** An administrative interface reachable from outside the system boundary. */
export const BOUNDARY_PROTECTION = [
  c("SOC2", "CC6.1"),
  c("SOC2", "CC6.6"),
  c("HIPAA", "164.312(a)(1)"),
  c("ISO27001", "A.8.20"),
  c("ISO27001", "A.8.3"),
] as const;
/** Who may get an account (registration, guests): provisioning of identities. */
export const ACCOUNT_PROVISIONING = [
  c("SOC2", "CC6.1"),
  c("SOC2", "CC6.2"),
  c("HIPAA", "164.312(a)(1)"),
  c("HIPAA", "164.312(d)"),
  c("ISO27001", "A.5.16"),
  c("ISO27001", "A.5.15"),
] as const;
/** Which other servers may exchange events with this one. */
export const FEDERATION_BOUNDARY = [
  c("SOC2", "CC6.6"),
  c("SOC2", "CC6.7"),
  c("HIPAA", "164.312(e)(1)"),
  c("ISO27001", "A.8.20"),
  c("ISO27001", "A.5.14"),
] as const;
/** Known vulnerabilities in the server software. */
export const VULNERABILITY_MANAGEMENT = [c("SOC2", "CC7.1"), c("SOC2", "CC8.1"), c("ISO27001", "A.8.8")] as const;
/** Transport encryption of the client API. */
export const TRANSPORT_ENCRYPTION = [
  c("SOC2", "CC6.7"),
  c("HIPAA", "164.312(e)(1)"),
  c("HIPAA", "164.312(e)(2)(ii)"),
  c("ISO27001", "A.8.24"),
  c("ISO27001", "A.8.20"),
] as const;
/** Server settings that decide whether rooms are encrypted or exposed. */
export const SECURE_CONFIGURATION = [
  c("SOC2", "CC7.1"),
  c("SOC2", "CC6.7"),
  c("HIPAA", "164.312(a)(2)(iv)"),
  c("ISO27001", "A.8.9"),
  c("ISO27001", "A.8.24"),
] as const;
/** Message content that bypassed end-to-end encryption: the same controls as a plaintext room (MX-ROOM-PLAINTEXT). */
export const CONTENT_CONFIDENTIALITY = [
  c("SOC2", "CC6.7"),
  c("HIPAA", "164.312(e)(1)"),
  c("HIPAA", "164.312(e)(2)(ii)"),
  c("ISO27001", "A.8.24"),
  c("ISO27001", "A.5.14"),
] as const;
/** A bot's own encryption settings: whether its messages and rooms are end-to-end encrypted at all. */
export const BOT_ENCRYPTION = [
  c("SOC2", "CC6.7"),
  c("SOC2", "CC7.1"),
  c("HIPAA", "164.312(a)(2)(iv)"),
  c("HIPAA", "164.312(e)(2)(ii)"),
  c("ISO27001", "A.8.24"),
  c("ISO27001", "A.8.9"),
] as const;
/** Which devices a bot trusts with keys and messages: authentication of the entities it talks to. */
export const BOT_DEVICE_TRUST = [
  c("SOC2", "CC6.1"),
  c("HIPAA", "164.312(d)"),
  c("HIPAA", "164.312(c)(1)"),
  c("ISO27001", "A.8.5"),
  c("ISO27001", "A.8.24"),
] as const;
