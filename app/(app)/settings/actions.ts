"use server";
import { revalidatePath } from "next/cache";
import { perform } from "@/lib/auth/guard";
import { testHomeserver, type HomeserverReport } from "@/lib/connections/test-homeserver";
import { getConnectionSecrets } from "@/lib/settings/connections";
import { saveHomeserver, saveMesh, type SaveResult } from "@/lib/settings/save-connections";
import { parseEndpointLines } from "@/lib/settings/endpoint-lines";

export type ActionState = SaveResult<HomeserverReport> & { at?: number };

const text = (form: FormData, key: string): string | undefined => {
  const v = form.get(key);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

/** Errors a user can act on come back as state; only a missing role or session throws. */
async function guarded(
  action: "settings.update" | "settings.test-connection",
  target: string,
  fn: (actor: string) => Promise<ActionState>,
) {
  try {
    return await perform(action, target, (actor) => fn(actor.email));
  } catch (err) {
    return { ok: false as const, error: (err as Error).message, at: Date.now() };
  }
}

export async function saveHomeserverAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return guarded("settings.update", "homeserver", async (actor) => {
    const result = await saveHomeserver(
      {
        baseUrl: text(form, "baseUrl") ?? "",
        accessToken: text(form, "accessToken"),
        user: text(form, "user"),
        password: text(form, "password"),
      },
      actor,
    );
    revalidatePath("/", "layout");
    return { ...result, at: Date.now() };
  });
}

export async function testHomeserverAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return guarded("settings.test-connection", "homeserver", async () => {
    const baseUrl = text(form, "baseUrl");
    if (!baseUrl) return { ok: false, error: "Enter the homeserver URL first.", at: Date.now() };
    const current = await getConnectionSecrets();
    const token = text(form, "accessToken") ?? (current.homeserver?.baseUrl === baseUrl ? current.accessToken : undefined);
    const report = await testHomeserver(baseUrl, token);
    return report.ok
      ? { ok: true, report, at: Date.now() }
      : { ok: false, error: "The connection test found a problem.", report, at: Date.now() };
  });
}

export async function saveMeshAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return guarded("settings.update", "mesh", async (actor) => {
    const endpoints = parseEndpointLines(text(form, "endpoints") ?? "");
    if (!endpoints.ok) return { ok: false, error: endpoints.error, at: Date.now() };
    const result = await saveMesh(
      {
        caPem: text(form, "caPem") ?? "",
        clientCertPem: text(form, "clientCertPem") ?? "",
        clientKeyPem: text(form, "clientKeyPem"),
        endpoints: endpoints.endpoints,
        certificatePaths: (text(form, "certificatePaths") ?? "")
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      },
      actor,
    );
    revalidatePath("/", "layout");
    return { ...result, at: Date.now() };
  });
}
