// Liveness only: says nothing about posture or configuration, so it is public.
export const GET = () => Response.json({ status: "ok" });
