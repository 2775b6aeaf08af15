/**
 * HS-VERSION-OUTDATED — the homeserver runs a version older than policy.homeserver.minVersion. The version comes from
 * the Admin API with the auditor's token, else from the federation answer. Subject: the homeserver.
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { VULNERABILITY_MANAGEMENT } from "./controls";
import { compareVersions, homeserverOf, homeserverSubject } from "./observed";

export const hsVersionOutdated: Check = {
  meta: {
    id: "HS-VERSION-OUTDATED",
    title: "Homeserver older than the policy's minimum",
    severity: "medium",
    area: "homeserver",
    risk: "Old Synapse releases carry published vulnerabilities (event auth, media, federation) that an attacker can look up by version.",
    remediation: "Upgrade Synapse to a supported release at or above the policy's minimum, then re-scan.",
    controls: VULNERABILITY_MANAGEMENT,
    expectation: "At or above the minimum version",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    const minimum = ctx.policy.homeserver.minVersion;
    const evidence = { version: hs.version ?? null, source: hs.versionSource ?? null, minimum };
    if (!hs.version) return [unknown(subject, "The version could not be read (no admin token, and federation did not say)", evidence)];
    const old = compareVersions(hs.version, minimum) < 0;
    return [result(subject, old, `Synapse ${hs.version} is ${old ? "older than" : "at or above"} the minimum ${minimum}`, evidence)];
  },
};
