/**
 * The homeserver's own posture in one pass: the public URL probed from outside (probe-public.ts), its TLS when it is
 * https (probe-tls.ts), the homeserver.yaml the operator pointed Vigil at (read-config.ts) and, with the auditor's admin
 * token, the server's version and the recent timeline metadata of encrypted rooms (collect-timeline.ts). The declared
 * bots' mautrix configs are not read here: every scan reads them, posture or not (bot-config/collect-bot-configs.ts).
 * What could not be read is an error of the result, never a silent gap.
 */
import { z } from "zod";
import { createHomeserverClient, seg, type RequestStats } from "../../homeserver/client";
import { redact } from "../../secrets/redact";
import type { CollectError, HomeserverSnapshot } from "../../snapshot/types";
import { errorText } from "../mesh/pem";
import { collectTimelines } from "./collect-timeline";
import { probePublicUrl } from "./probe-public";
import { probeClientTls } from "./probe-tls";
import { readHomeserverConfig } from "./read-config";
import type { HomeserverCollectorConfig, HomeserverSource } from "./types";

const ServerVersion = z.object({ server_version: z.string().max(200) });

export function createHomeserverCollector(config: HomeserverCollectorConfig): HomeserverSource {
  return {
    async collect(opts = {}) {
      const now = opts.now ?? new Date();
      const errors: CollectError[] = [];
      const fail = (scope: string, e: unknown) =>
        errors.push({ source: "homeserver", scope, message: redact(errorText(e), [config.admin?.accessToken]) });
      const publicBaseUrl = config.publicBaseUrl.replace(/\/+$/, "");
      const timeoutMs = config.policy.probeTimeoutMs;

      const { signal } = opts;
      const probes = await probePublicUrl({ publicBaseUrl, federationUrl: config.federationUrl, timeoutMs, caPem: config.caPem, signal });
      const homeserver: HomeserverSnapshot = { publicBaseUrl, probes };

      const url = new URL(publicBaseUrl);
      if (url.protocol === "https:") {
        try {
          homeserver.tls = await probeClientTls({ url, timeoutMs, caPem: config.caPem, signal });
        } catch (e) {
          fail(`TLS of ${url.host}`, e);
        }
      }
      if (config.configFile) {
        try {
          homeserver.config = readHomeserverConfig(config.configFile);
        } catch (e) {
          fail("homeserver.yaml", e);
        }
      }

      let stats: RequestStats = { requests: 0, retries: 0, byLabel: {} };
      if (config.admin) {
        const http = createHomeserverClient({ ...config.admin, fetch: config.fetch, signal });
        stats = http.stats;
        try {
          homeserver.version = (await http.get("admin.server_version", "/_synapse/admin/v1/server_version", ServerVersion)).server_version;
          homeserver.versionSource = "admin-api";
        } catch (e) {
          fail("server version (Admin API)", e);
        }
        const guest = probes.guestRegistration.guestUserId;
        if (guest) {
          // The probe's own guest account: deactivated so the proof leaves no usable account behind.
          try {
            await http.post(
              "admin.deactivate_probe_guest",
              `/_synapse/admin/v1/deactivate/${seg(guest)}`,
              { erase: false },
              z.looseObject({}),
            );
            probes.guestRegistration.guestDeactivated = true;
          } catch (e) {
            probes.guestRegistration.guestDeactivated = false;
            fail(`probe guest ${guest}`, e);
          }
        }
        const roomIds = opts.encryptedRoomIds ?? [];
        if (roomIds.length > 0) {
          const { hours, maxEventsPerRoom } = config.policy.eventWindow;
          const rooms = await collectTimelines({ http, roomIds, windowHours: hours, maxEventsPerRoom, now });
          for (const r of rooms) if (r.error) fail(`room ${r.roomId} recent events`, r.error);
          homeserver.timeline = { windowHours: hours, rooms };
        }
      }
      const federationVersion = probes.federation.server?.version;
      if (!homeserver.version && federationVersion) {
        homeserver.version = federationVersion;
        homeserver.versionSource = "federation";
      }
      return { homeserver, errors, stats };
    },
  };
}
