/**
 * The controls an evidence bundle reports on, with their titles. `required`
 * marks the set every bundle must show (the issue's list); the others are the
 * remaining controls Vigil's checks map to, so no check's evidence is dropped.
 * Ids use the same spelling as CheckMeta.controls (lib/rules/checks/*).
 */
import type { Framework } from "../rules/types";

export interface ControlDef {
  framework: Framework;
  id: string;
  title: string;
  required: boolean;
}

export const FRAMEWORKS: readonly { id: Framework; name: string }[] = [
  { id: "SOC2", name: "SOC 2 (2017 Trust Services Criteria)" },
  { id: "HIPAA", name: "HIPAA Security Rule, 45 CFR 164" },
  { id: "ISO27001", name: "ISO/IEC 27001:2022 Annex A" },
];

const req = (framework: Framework, id: string, title: string): ControlDef => ({ framework, id, title, required: true });
const more = (framework: Framework, id: string, title: string): ControlDef => ({ framework, id, title, required: false });

export const CONTROLS: readonly ControlDef[] = [
  req("SOC2", "CC6.1", "Logical access security software, infrastructure and architectures"),
  more("SOC2", "CC6.2", "Registration and authorization of new users and credentials"),
  more("SOC2", "CC6.3", "Role-based access, least privilege and removal of access"),
  req("SOC2", "CC6.6", "Security measures against threats from outside system boundaries"),
  req("SOC2", "CC6.7", "Restriction of transmission and movement of information"),
  req("SOC2", "CC7.1", "Detection and monitoring of configuration changes and vulnerabilities"),
  req("SOC2", "CC7.2", "Monitoring of system components for anomalies"),
  more("SOC2", "CC8.1", "Authorized and tested changes to infrastructure and software"),
  more("SOC2", "A1.2", "Backup and recovery infrastructure"),
  more("HIPAA", "164.308(a)(7)(ii)(A)", "Data backup plan"),
  more("HIPAA", "164.312(a)(1)", "Access control"),
  req("HIPAA", "164.312(a)(2)(iv)", "Encryption and decryption"),
  req("HIPAA", "164.312(b)", "Audit controls"),
  req("HIPAA", "164.312(c)(1)", "Integrity"),
  req("HIPAA", "164.312(d)", "Person or entity authentication"),
  req("HIPAA", "164.312(e)(1)", "Transmission security"),
  req("HIPAA", "164.312(e)(2)(ii)", "Encryption (transmission)"),
  more("ISO27001", "A.5.9", "Inventory of information and other associated assets"),
  more("ISO27001", "A.5.14", "Information transfer"),
  more("ISO27001", "A.5.15", "Access control"),
  more("ISO27001", "A.5.16", "Identity management"),
  req("ISO27001", "A.5.17", "Authentication information"),
  more("ISO27001", "A.8.1", "User endpoint devices"),
  more("ISO27001", "A.8.3", "Information access restriction"),
  more("ISO27001", "A.8.5", "Secure authentication"),
  more("ISO27001", "A.8.8", "Management of technical vulnerabilities"),
  req("ISO27001", "A.8.9", "Configuration management"),
  more("ISO27001", "A.8.13", "Information backup"),
  req("ISO27001", "A.8.16", "Monitoring activities"),
  req("ISO27001", "A.8.20", "Networks security"),
  req("ISO27001", "A.8.24", "Use of cryptography"),
];

export const controlKey = (c: { framework: Framework; id: string }): string => `${c.framework}:${c.id}`;

export const controlByKey = new Map(CONTROLS.map((c) => [controlKey(c), c]));

export function isFramework(s: string): s is Framework {
  return FRAMEWORKS.some((f) => f.id === s);
}
