/**
 * HS-ADMIN-API-EXPOSED — the Synapse Admin API answers on the public URL. Decided by difference: the same URL serves
 * the client API as Matrix, and `GET /_synapse/admin/v1/server_version` (no token) answers as Synapse does, with the
 * version or a Matrix auth error, instead of the proxy's refusal. Subject: the homeserver (its public URL).
 */
import type { Check } from "../../types";
import { result, unknown } from "../result";
import { BOUNDARY_PROTECTION } from "./controls";
import { answerWords, homeserverOf, homeserverSubject, servesClientApi } from "./observed";

export const hsAdminApiExposed: Check = {
  meta: {
    id: "HS-ADMIN-API-EXPOSED",
    title: "Synapse Admin API reachable on the public URL",
    severity: "high",
    area: "homeserver",
    risk:
      "Anyone on the internet can reach the endpoints that read every room, reset passwords and deactivate users; one" +
      " leaked admin token is then usable from anywhere.",
    remediation:
      "Forward only /_matrix and /_synapse/client from the reverse proxy (Synapse's reverse-proxy docs) and reach " +
      "/_synapse/admin over an internal listener or VPN; point Vigil's homeserver URL at that internal address.",
    controls: BOUNDARY_PROTECTION,
    expectation: "Admin path refused by the proxy",
  },
  run(ctx) {
    const hs = homeserverOf(ctx);
    if (!hs) return [];
    const subject = homeserverSubject(hs);
    const { clientApi, adminApi } = hs.probes;
    const evidence = { clientApi: answerWords(clientApi), adminApi: answerWords(adminApi), serverVersion: adminApi.serverVersion ?? null };
    if (!servesClientApi(hs)) {
      const why = `The public URL does not serve the client API (${answerWords(clientApi)}), so its answer on the admin path proves nothing`;
      return [unknown(subject, why, evidence)];
    }
    if (adminApi.outcome === "unreachable") return [unknown(subject, `The admin path did not answer: ${answerWords(adminApi)}`, evidence)];
    const authError = (adminApi.status === 401 || adminApi.status === 403) && adminApi.errcode !== undefined;
    const exposed = adminApi.serverVersion !== undefined || authError;
    const detail = exposed
      ? `GET /_synapse/admin/v1/server_version answered as Synapse on the public URL (${answerWords(adminApi)})`
      : `The admin path is refused on the public URL (${answerWords(adminApi)}) while the client API answers`;
    return [result(subject, exposed, detail, evidence)];
  },
};
