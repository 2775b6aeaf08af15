/**
 * Prometheus scrape endpoint. Public to the session gate (proxy.ts lets it
 * through: a scraper has no session) and guarded here by its own bearer token
 * instead — see lib/metrics/token.ts.
 */
import { getDb } from "@/lib/db";
import { collectMetrics } from "@/lib/metrics/collect";
import { renderExposition } from "@/lib/metrics/exposition";
import { checkBearer, configuredMetricsToken } from "@/lib/metrics/token";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const db = getDb();
  const expected = await configuredMetricsToken(db);
  const check = checkBearer(expected?.token, req.headers.get("authorization"));
  if (!check.ok) {
    return new Response(check.message + "\n", {
      status: check.status,
      headers: {
        "content-type": "text/plain; charset=utf-8",
        ...(check.status === 401 ? { "www-authenticate": 'Bearer realm="vigil-metrics"' } : {}),
      },
    });
  }
  const body = renderExposition(await collectMetrics(db));
  return new Response(body, { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
}
