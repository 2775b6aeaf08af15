/**
 * A real Matrix client per device: matrix-js-sdk with the Rust crypto (WASM).
 * The crypto store is in memory (Node has no IndexedDB), so a device's keys
 * live only as long as this process: restarting means re-seeding.
 */
import "./node-compat";
import { ClientEvent, createClient, SyncState, type MatrixClient } from "matrix-js-sdk";
import { logger as globalLogger, type Logger } from "matrix-js-sdk/lib/logger.js";
import { queryKeys, type Session } from "./accounts";
import { waitFor } from "./http";

const DEBUG = !!process.env.VIGIL_FLEET_DEBUG;

/** The SDK logs every request at info; keep errors only unless debugging. */
function quietLogger(prefix: string): Logger {
  const out =
    (level: string, on: boolean) =>
    (...msg: unknown[]) =>
      on && console.error(`[${prefix}] ${level}`, ...msg);
  const l: Logger = {
    trace: out("trace", DEBUG),
    debug: out("debug", DEBUG),
    info: out("info", DEBUG),
    warn: out("warn", DEBUG),
    error: out("error", DEBUG),
    getChild: (ns: string) => quietLogger(`${prefix}${ns}`),
  };
  return l;
}
// Parts of the SDK (MatrixRTC, sync) log through the global loglevel logger and its
// children, which pin their level to DEBUG; children copy the root's methodFactory,
// so replacing it silences them all.
if (!DEBUG) {
  const root = globalLogger as unknown as { methodFactory: unknown; rebuild(): void };
  root.methodFactory = () => () => {};
  root.rebuild();
}

/** Log in state → syncing client with crypto; resolves once the first sync is in. */
export async function startCryptoClient(baseUrl: string, s: Session): Promise<MatrixClient> {
  const client = createClient({
    baseUrl,
    userId: s.userId,
    deviceId: s.deviceId,
    accessToken: s.accessToken,
    logger: quietLogger(`${s.userId}|${s.deviceId}`),
  });
  await client.initRustCrypto({ useIndexedDB: false });
  const prepared = new Promise<void>((resolve) => {
    const onSync = (state: SyncState) => {
      if (state === SyncState.Prepared || state === SyncState.Syncing) {
        client.off(ClientEvent.Sync, onSync);
        resolve();
      }
    };
    client.on(ClientEvent.Sync, onSync);
  });
  await client.startClient({ initialSyncLimit: 5 });
  await prepared;
  return client;
}

/** The Rust crypto uploads device keys from its request loop; wait until the server has them. */
export async function waitForDeviceKeys(baseUrl: string, token: string, userId: string, deviceId: string) {
  await waitFor(`device keys of ${userId}|${deviceId}`, async () => {
    const r = await queryKeys(baseUrl, token, userId);
    return r.device_keys?.[userId]?.[deviceId];
  });
}

/**
 * Create master/self-signing/user-signing keys and sign this device with the
 * self-signing key. UIA by password when the server asks for it.
 */
export async function bootstrapCrossSigning(client: MatrixClient, password: string): Promise<void> {
  const crypto = client.getCrypto();
  if (!crypto) throw new Error("crypto not initialised");
  await crypto.bootstrapCrossSigning({
    authUploadDeviceSigningKeys: async (makeRequest) => {
      try {
        return await makeRequest(null);
      } catch (e) {
        const session = (e as { data?: { session?: string } }).data?.session;
        if (!session) throw e;
        return makeRequest({
          type: "m.login.password",
          identifier: { type: "m.id.user", user: client.getUserId()! },
          password,
          session,
        });
      }
    },
  });
}

/**
 * Sign another of our own devices with our self-signing key. The primary
 * learns of the new device through its sync (device_lists.changed).
 */
export async function crossSignOwnDevice(primary: MatrixClient, deviceId: string): Promise<void> {
  const crypto = primary.getCrypto()!;
  const userId = primary.getUserId()!;
  await waitFor(`${userId} to see its device ${deviceId}`, async () =>
    (await crypto.getUserDeviceInfo([userId], true)).get(userId)?.has(deviceId),
  );
  await crypto.crossSignDevice(deviceId);
}

export function stopClient(client: MatrixClient): void {
  client.stopClient();
}
