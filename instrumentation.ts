/**
 * Runs once when the server starts (lib/startup.ts): open and migrate the
 * database, create the first admin from the environment if asked to, import
 * vigil.config.yaml and watch it for changes, start the job worker.
 * Failing here stops the server with the reason, rather than serving pages
 * that would each fail in turn.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too, in its page-collection worker: no database there.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}
