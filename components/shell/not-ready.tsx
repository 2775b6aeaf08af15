import { EmptyState } from "../ui/empty-state";

/** What NotReady looks at in a SetupStatus (lib/views/setup-status): only whether each is there. */
interface Presence {
  homeserver: unknown;
  mesh: unknown;
  lastScan: unknown;
}

/**
 * The empty state shared by every inventory page: names the one missing step.
 * Returns null once there is data to show.
 */
export function NotReady({ status, needs, what }: { status: Presence; needs: "matrix" | "mesh" | "any"; what: string }) {
  const matrixMissing = !status.homeserver && needs !== "mesh";
  const meshMissing = !status.mesh && needs !== "matrix";
  if (
    (needs === "any" && !status.homeserver && !status.mesh) ||
    (needs === "matrix" && matrixMissing) ||
    (needs === "mesh" && meshMissing)
  ) {
    return (
      <EmptyState
        title={needs === "mesh" ? "No mesh connected yet" : needs === "matrix" ? "No homeserver connected yet" : "Nothing connected yet"}
        action={{ href: "/settings", label: needs === "mesh" ? "Settings → Mesh" : "Settings → Homeserver" }}
      >
        {needs === "mesh" ? (
          <p>
            To see {what}, give Vigil the mesh CA bundle, the auditor client certificate and key, and the endpoints to probe (Settings →
            Mesh, or <code className="mono">mesh:</code> in <code className="mono">vigil.config.yaml</code>).
          </p>
        ) : (
          <p>
            To see {what}, give Vigil the homeserver URL and an access token for the auditor account (a server admin sees every room;
            Settings → Homeserver, or <code className="mono">homeserver:</code> in <code className="mono">vigil.config.yaml</code>).
          </p>
        )}
      </EmptyState>
    );
  }
  if (!status.lastScan) {
    return (
      <EmptyState title="No scan yet">
        <p>
          Connections are configured. Run a scan from the Overview (Scan now) to see {what}. In CI,{" "}
          <code className="mono">npx vigil scan</code> runs the same checks without the server; its results stay in CI.
        </p>
      </EmptyState>
    );
  }
  return null;
}
