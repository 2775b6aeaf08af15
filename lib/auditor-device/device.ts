/**
 * The auditor's device in this browser: a matrix-js-sdk client with the Rust
 * crypto (WebAssembly) and its store in IndexedDB, unlocked by the storage key
 * Vigil hands the signed-in user. One instance per page; React reads it with
 * useSyncExternalStore. Loaded only on /auditor-device, by dynamic import.
 */
import { ClientEvent, createClient, SyncState, type MatrixClient } from "matrix-js-sdk";
import { ExternalStore } from "./external-store";
import { forgetSession, fetchStorageKey, openSession, sealedSessionOwner, sealSession, type MatrixSession } from "./session-vault";
import { describeMatrixError } from "./uia";
import { readIdentity, setUpIdentity, verifyWithRecoveryKey, type IdentityStatus } from "./identity";
import { SecretStorageKeyCache } from "./secret-storage-key-cache";

export type DeviceStatus = "loading" | "signed-out" | "signing-in" | "ready" | "error";

export interface DeviceState {
  status: DeviceStatus;
  userId: string | null;
  deviceId: string | null;
  /** Milliseconds from "start" to crypto ready and first sync (the bench reads it). */
  initMs: number | null;
  identity: IdentityStatus | null;
  /** Set while the homeserver does not answer the sync loop; cleared when it does again. */
  connectionProblem: string | null;
  /** Shown once after set-up, until the auditor says it is saved; in memory only. */
  recoveryKeyToSave: string | null;
  busy: string | null;
  error: string | null;
}

const CRYPTO_DB_PREFIX = "vigil-auditor-device";

export class AuditorDevice extends ExternalStore<DeviceState> {
  client: MatrixClient | null = null;
  readonly keys = new SecretStorageKeyCache();
  private detach: (() => void)[] = [];

  constructor(readonly baseUrl: string) {
    super({
      status: "loading",
      userId: null,
      deviceId: null,
      initMs: null,
      identity: null,
      connectionProblem: null,
      recoveryKeyToSave: null,
      busy: null,
      error: null,
    });
  }

  /** Resume a session sealed in this browser, if any. */
  async resume(): Promise<void> {
    const owner = sealedSessionOwner();
    if (!owner) return this.set({ status: "signed-out" });
    try {
      const key = await fetchStorageKey(owner.userId, owner.deviceId);
      const session = await openSession(key);
      if (!session || session.baseUrl !== this.baseUrl) {
        forgetSession();
        return this.set({ status: "signed-out" });
      }
      await this.start(session, key);
    } catch (e) {
      this.set({ status: "error", error: `Could not reopen this browser's device: ${describeMatrixError(e)}` });
    }
  }

  /** Password login: a new device for the auditor, its crypto store created fresh. */
  async signIn(userId: string, password: string): Promise<void> {
    this.set({ status: "signing-in", error: null });
    try {
      const flows = await loginFlows(this.baseUrl);
      if (!flows.includes("m.login.password")) {
        throw new Error(
          `This homeserver offers no password login (it offers: ${flows.join(", ") || "nothing"}). ` +
            "The auditor device needs the auditor account to sign in with a password: enable password login for it, " +
            "or (SSO/OIDC-only servers) create an application password / compatibility login for the auditor account.",
        );
      }
      const tmp = createClient({ baseUrl: this.baseUrl });
      const res = await tmp.loginRequest({
        type: "m.login.password",
        identifier: { type: "m.id.user", user: userId },
        password,
        initial_device_display_name: "Vigil auditor device (browser)",
      });
      const session: MatrixSession = { baseUrl: this.baseUrl, userId: res.user_id, deviceId: res.device_id, accessToken: res.access_token };
      const key = await fetchStorageKey(session.userId, session.deviceId);
      await sealSession(session, key);
      await this.start(session, key, true);
    } catch (e) {
      this.set({ status: "signed-out", error: describeMatrixError(e) });
    }
  }

  private async start(s: MatrixSession, storageKey: Uint8Array<ArrayBuffer>, fresh = false): Promise<void> {
    const t0 = performance.now();
    this.set({ status: "signing-in", userId: s.userId, deviceId: s.deviceId });
    const client = createClient({
      baseUrl: s.baseUrl,
      userId: s.userId,
      deviceId: s.deviceId,
      accessToken: s.accessToken,
      cryptoCallbacks: this.keys.callbacks,
    });
    if (fresh) await client.clearStores({ cryptoDatabasePrefix: CRYPTO_DB_PREFIX }); // a leftover store belongs to an older device
    await client.initRustCrypto({ storageKey, cryptoDatabasePrefix: CRYPTO_DB_PREFIX });
    this.client = client;
    const onSync = (state: SyncState) =>
      this.set({
        connectionProblem:
          state === SyncState.Error || state === SyncState.Reconnecting ? "The homeserver is not answering; retrying…" : null,
      });
    client.on(ClientEvent.Sync, onSync);
    this.detach.push(() => client.off(ClientEvent.Sync, onSync));
    await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: true });
    await waitForFirstSync(client);
    this.set({ status: "ready", initMs: Math.round(performance.now() - t0), error: null });
    await this.refreshIdentity();
  }

  async refreshIdentity(): Promise<IdentityStatus | null> {
    if (!this.client) return null;
    const identity = await readIdentity(this.client);
    this.set({ identity });
    return identity;
  }

  /** Run a step that may fail; its message goes to `error`, the device stays as it was. */
  private async run(busy: string, step: (client: MatrixClient) => Promise<void>): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.set({ error: null, busy });
    try {
      await step(client);
    } catch (e) {
      this.set({ error: describeMatrixError(e) });
    } finally {
      this.set({ busy: null });
      await this.refreshIdentity().catch(() => undefined);
    }
  }

  /** New identity (first time or reset): cross-signing, secret storage, key backup; the recovery key is shown once. */
  setUpIdentity(password: string): Promise<void> {
    return this.run("Creating the identity…", async (client) => {
      const recoveryKey = await setUpIdentity(client, this.keys, password);
      this.set({ recoveryKeyToSave: recoveryKey });
    });
  }

  acknowledgeRecoveryKey(): void {
    this.set({ recoveryKeyToSave: null });
  }

  verifyWithRecoveryKey(recoveryKey: string): Promise<void> {
    return this.run("Verifying this browser…", (client) => verifyWithRecoveryKey(client, this.keys, recoveryKey));
  }

  /** Log the device out on the server and wipe every local trace: IndexedDB and the sealed session. */
  async signOut(): Promise<void> {
    const client = this.client;
    this.dispose();
    if (client) {
      await client.logout(true).catch(() => undefined); // a dead homeserver must not keep the keys on this disk
      await client.clearStores({ cryptoDatabasePrefix: CRYPTO_DB_PREFIX });
    }
    forgetSession();
    this.keys.clear();
    this.set({
      status: "signed-out",
      userId: null,
      deviceId: null,
      identity: null,
      initMs: null,
      connectionProblem: null,
      recoveryKeyToSave: null,
    });
  }

  /** Stop syncing and drop listeners (page unmount); the stores stay for the next visit. */
  dispose(): void {
    this.detach.forEach((d) => d());
    this.detach = [];
    this.client?.stopClient();
    this.client = null;
  }
}

async function loginFlows(baseUrl: string): Promise<string[]> {
  const res = await fetch(`${baseUrl}/_matrix/client/v3/login`);
  if (!res.ok) throw new Error(`The homeserver answered ${res.status} to GET /login.`);
  const body = (await res.json()) as { flows?: { type?: unknown }[] };
  return (body.flows ?? []).map((f) => String(f.type));
}

function waitForFirstSync(client: MatrixClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const onSync = (state: SyncState) => {
      if (state === SyncState.Prepared || state === SyncState.Syncing) {
        client.off(ClientEvent.Sync, onSync);
        resolve();
      } else if (state === SyncState.Error && !client.isInitialSyncComplete()) {
        client.off(ClientEvent.Sync, onSync);
        reject(new Error("The homeserver did not answer the first sync."));
      }
    };
    client.on(ClientEvent.Sync, onSync);
  });
}
