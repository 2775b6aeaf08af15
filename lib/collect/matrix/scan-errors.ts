/** Turning a failed request into a scoped CollectError, and deciding whether the scan can go on. */
import type { ScanContext } from "./source";
import { MatrixApiError } from "../../homeserver/client";

/**
 * Record `error` for `scope`. A dead token stops the scan; a 403 on the Admin API
 * means admin rights were lost mid-scan — recorded once, further admin reads stop.
 */
export function recordError(ctx: ScanContext, scope: string, error: unknown, opts: { admin?: boolean } = {}): void {
  if (error instanceof MatrixApiError && error.kind === "unknown-token") {
    if (!ctx.fatal) {
      ctx.fatal = error.message;
      ctx.errors.push({ source: "matrix", scope: "access token", message: `${error.message} — scan stopped, snapshot is partial` });
    }
    return;
  }
  if (opts.admin && error instanceof MatrixApiError && error.kind === "forbidden") {
    if (!ctx.adminLost) {
      ctx.adminLost = error.message;
      ctx.errors.push({
        source: "matrix",
        scope: "admin api",
        message: `the token lost server-admin rights mid-scan (${error.message}); the admin inventory is partial`,
      });
    }
    return;
  }
  ctx.errors.push({ source: "matrix", scope, message: error instanceof Error ? error.message : String(error) });
}

/** True when further requests would be pointless. */
export const stopped = (ctx: ScanContext, admin = false): boolean => Boolean(ctx.fatal || (admin && ctx.adminLost));
