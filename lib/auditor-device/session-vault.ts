/**
 * The browser keeps its Matrix session (homeserver, user, device, access
 * token) in localStorage sealed with AES-GCM under the storage key Vigil's
 * server hands the signed-in Vigil user for this device; the same key
 * protects the Rust crypto store in IndexedDB. A stolen profile without a
 * Vigil session opens neither.
 */
import { z } from "zod";

const VAULT_ITEM = "vigil.auditor-device.session";

export const MatrixSession = z.object({
  baseUrl: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  accessToken: z.string(),
});
export type MatrixSession = z.infer<typeof MatrixSession>;

const Sealed = z.object({ userId: z.string(), deviceId: z.string(), iv: z.string(), data: z.string() });

const b64 = (u: Uint8Array): string => btoa(String.fromCharCode(...u));
const unb64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** Ask Vigil for this device's storage key (32 bytes); needs a Vigil session with the auditor role. */
export async function fetchStorageKey(userId: string, deviceId: string): Promise<Uint8Array<ArrayBuffer>> {
  const res = await fetch("/api/auditor-device/storage-key", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId, deviceId }),
  });
  const body = z.object({ key: z.string().optional(), error: z.string().optional() }).parse(await res.json());
  if (!res.ok || !body.key) throw new Error(body.error ?? `Vigil refused the storage key (${res.status}).`);
  return unb64(body.key);
}

const aesKey = (storageKey: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey("raw", storageKey, "AES-GCM", false, ["encrypt", "decrypt"]);

export async function sealSession(s: MatrixSession, storageKey: Uint8Array<ArrayBuffer>): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(storageKey), new TextEncoder().encode(JSON.stringify(s)));
  localStorage.setItem(
    VAULT_ITEM,
    JSON.stringify({ userId: s.userId, deviceId: s.deviceId, iv: b64(iv), data: b64(new Uint8Array(data)) }),
  );
}

/** Who the sealed session belongs to, without opening it (to ask for the right key). */
export function sealedSessionOwner(): { userId: string; deviceId: string } | null {
  const parsed = Sealed.safeParse(JSON.parse(localStorage.getItem(VAULT_ITEM) ?? "null"));
  return parsed.success ? { userId: parsed.data.userId, deviceId: parsed.data.deviceId } : null;
}

export async function openSession(storageKey: Uint8Array<ArrayBuffer>): Promise<MatrixSession | null> {
  const sealed = Sealed.safeParse(JSON.parse(localStorage.getItem(VAULT_ITEM) ?? "null"));
  if (!sealed.success) return null;
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: unb64(sealed.data.iv) },
    await aesKey(storageKey),
    unb64(sealed.data.data),
  );
  return MatrixSession.parse(JSON.parse(new TextDecoder().decode(plain)));
}

export const forgetSession = (): void => localStorage.removeItem(VAULT_ITEM);
