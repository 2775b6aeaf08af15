import "server-only";
import { HomeserverInput, MeshInput } from "../config/schema";
import { fromZod } from "../yaml/errors";
import { loginForToken, testHomeserver, type HomeserverReport } from "../connections/test-homeserver";
import { validateMeshPems } from "../connections/validate-mesh";
import { getConnectionSecrets, storeHomeserver, storeMesh } from "./connections";

export type SaveResult<R = unknown> = { ok: true; report?: R } | { ok: false; error: string; report?: R };

/**
 * Saves the homeserver only once it is proven: the URL answers as Matrix and
 * the token is accepted. Anything less leaves the previous settings in force.
 * A non-admin token is saved (the view will be partial) and says so.
 */
export async function saveHomeserver(
  raw: unknown,
  actor: string,
  source: "ui" | "file" | "env" = "ui",
): Promise<SaveResult<HomeserverReport>> {
  const parsed = HomeserverInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: fromZod("Homeserver", parsed.error).message };
  const input = parsed.data;
  const current = await getConnectionSecrets();

  let token = input.accessToken;
  if (!token && input.user && input.password) {
    try {
      token = await loginForToken(input.baseUrl, input.user, input.password);
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }
  // Keep the stored token when only the URL changed on the same server.
  token ??= current.homeserver?.baseUrl === input.baseUrl ? current.accessToken : undefined;
  if (!token) return { ok: false, error: "Give the auditor's access token, or a user and password to obtain one." };

  const report = await testHomeserver(input.baseUrl, token);
  if (!report.ok) {
    const failed = report.steps.find((s) => !s.ok);
    return { ok: false, error: `Not saved: ${failed?.detail ?? "the homeserver test failed"}`, report };
  }
  await storeHomeserver(
    {
      baseUrl: input.baseUrl.replace(/\/+$/, ""),
      userId: report.userId,
      admin: report.admin,
      serverVersion: report.serverVersion,
      hasToken: true,
      source,
    },
    token,
    actor,
  );
  return { ok: true, report };
}

/** Saves the mesh once the PEMs parse and belong together; a missing key keeps the stored one. */
export async function saveMesh(raw: unknown, actor: string, source: "ui" | "file" | "env" = "ui"): Promise<SaveResult<never>> {
  const parsed = MeshInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: fromZod("Mesh", parsed.error).message };
  const input = parsed.data;
  const keyPem = input.clientKeyPem ?? (await getConnectionSecrets()).clientKeyPem;
  if (!keyPem) return { ok: false, error: "Mesh: paste the auditor client key (PEM)." };
  let facts;
  try {
    facts = validateMeshPems({ caPem: input.caPem, clientCertPem: input.clientCertPem, clientKeyPem: keyPem });
  } catch (err) {
    return { ok: false, error: `Not saved: ${(err as Error).message}` };
  }
  await storeMesh(
    {
      caPem: input.caPem,
      clientCertPem: input.clientCertPem,
      clientSubject: facts.clientSubject,
      clientNotAfter: facts.clientNotAfter,
      hasKey: true,
      endpoints: input.endpoints,
      certificatePaths: input.certificatePaths,
      source,
    },
    input.clientKeyPem,
    actor,
  );
  return { ok: true };
}
