/**
 * What the simulated people request: every page e2e/app-routes.ts finds under app/ (dynamic ones with real ids
 * from the seed), a few deep variants of the big lists, and every GET API. A route handler with no GET here must be
 * named in NOT_GET with the reason, so a route added tomorrow fails the benchmark until someone places it.
 */
import path from "node:path";
import { appRoutes } from "../../e2e/app-routes";
import { certificateHref, deviceHref, endpointPageHref, roomHref, userHref } from "../../lib/views/subject-href";
import type { SeedSamples } from "./seed";

export interface Target {
  /** The name results are grouped under (the route, not the id it was given). */
  route: string;
  /** A page is opened as a document once, then reached by in-app navigation; an API is fetched. */
  kind: "page" | "api";
  /** A concrete URL path; `pick` chooses among the seed's ids. */
  url: (pick: <T>(list: T[]) => T) => string;
  headers?: Record<string, string>;
}

/** Route handlers that answer no GET a person makes while reading: actions (POST) guarded by a role and audited. */
const NOT_GET: Record<string, string> = {
  "/api/evidence/export": "POST only: an audited export that starts Chromium (a GET answers 405 by design)",
  "/api/findings/x/accept": "POST/DELETE only: accepting a finding is an audited action",
  "/api/auditor-device/storage-key": "POST only: the auditor device's key, audited per hand-out",
};

/** The GETs of each route handler. NextAuth's catch-all: the session read every page's client makes, and the CSRF token. */
const API_GETS: Record<string, string[]> = {
  "/api/auth/x/y": ["/api/auth/session", "/api/auth/csrf"],
  "/api/health": ["/api/health"],
  "/api/metrics": ["/api/metrics"],
  "/api/scans": ["/api/scans"],
  "/api/scans/latest": ["/api/scans/latest"],
  "/api/baseline": ["/api/baseline"],
  "/api/findings/csv": ["/api/findings/csv"],
};

/** Deeper looks at the big lists, beside each page's first view. */
const VARIANTS: Record<string, string[]> = {
  "/rooms": ["/rooms?page=40", "/rooms?plaintext=1&sort=name", "/rooms?q=room%2099"],
  "/findings": ["/findings?status=all", "/findings?severity=critical&page=5"],
  "/devices": ["/devices?page=20"],
};

export function loadTargets(
  root: string,
  samples: SeedSamples,
  metricsToken: string,
): { targets: Target[]; skipped: Record<string, string> } {
  const targets: Target[] = [];
  // Each dynamic page, with an id the seed wrote, linked the way the app links it (lib/views/subject-href.ts).
  const dynamic: Record<string, (pick: <T>(l: T[]) => T) => string> = {
    "/findings/x": (pick) => `/findings/${pick(samples.findingIds)}`,
    "/rooms/x": (pick) => roomHref(pick(samples.roomIds)),
    "/mesh/x": (pick) => endpointPageHref(pick(samples.endpoints)),
    "/mesh/certificates/x": (pick) => certificateHref(pick(samples.fingerprints)),
    "/devices/x": (pick) => userHref(pick(samples.userIds)),
    "/devices/x/x": (pick) => {
      const d = pick(samples.devicePairs);
      return deviceHref(d.userId, d.deviceId);
    },
  };
  for (const r of appRoutes(path.join(root, "app"))) {
    if (r.kind === "page") {
      const make = dynamic[r.path];
      if (r.path.split("/").includes("x") && !make) throw new Error(`page ${r.path} has a dynamic segment the benchmark has no ids for`);
      targets.push({ route: r.path, kind: "page", url: make ?? (() => r.path) });
      for (const v of VARIANTS[r.path] ?? []) targets.push({ route: v, kind: "page", url: () => v });
    } else if (!NOT_GET[r.path]) {
      const gets = API_GETS[r.path];
      if (!gets) throw new Error(`route handler ${r.path} is not in bench/load/routes.ts: add its GETs or say why it has none`);
      for (const g of gets)
        targets.push({
          route: g,
          kind: "api",
          url: () => g,
          ...(g === "/api/metrics" ? { headers: { authorization: `Bearer ${metricsToken}` } } : {}),
        });
    }
  }
  return { targets, skipped: NOT_GET };
}
