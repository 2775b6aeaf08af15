/**
 * Accounts a test adds to the shared test bed's Synapse without touching the
 * seeded ones (other tests demand their exact ground truth): a cross-signed
 * agent whose identity the test can reset, and a plain user. Localparts are
 * chosen by the caller and must not look like an agent (^agent|bot[-_.]),
 * or REG-UNDECLARED-USER would add to every other test's findings.
 */
import crypto from "node:crypto";
import type { MatrixClient } from "matrix-js-sdk";
import { z } from "zod";
import { newPassword, passwordLogin, queryKeys, registerUser, type Session } from "@/scripts/testbed/fleet/accounts";
import { startCryptoClient, stopClient, waitForDeviceKeys } from "@/scripts/testbed/fleet/crypto-client";
import { waitFor } from "@/scripts/testbed/fleet/http";
import { readState } from "@/scripts/testbed/synapse/config";
import { synapseDir } from "@/scripts/testbed/synapse/paths";

/** A localpart no earlier run of the same test used (the Synapse state outlives a run). */
export const uniqueLocalpart = (prefix: string): string => `${prefix}-${crypto.randomBytes(4).toString("hex")}`;

function registrationSecret(testbedDir: string): string {
  const state = readState(synapseDir(testbedDir));
  if (!state) throw new Error(`no Synapse state under ${testbedDir}`);
  return state.registrationSecret;
}

/** A plain, non-admin user with one logged-in device (no crypto): the member view's auditor. */
export async function registerPlainUser(baseUrl: string, testbedDir: string, localpart: string): Promise<Session> {
  const password = newPassword();
  const userId = await registerUser(baseUrl, registrationSecret(testbedDir), { localpart, password });
  return passwordLogin(baseUrl, userId, password, "PLAIN01", `vigil test ${localpart}`);
}

export interface IdentityAgent extends Session {
  /** The master key the homeserver publishes for the agent right now. */
  masterKey(): Promise<string>;
  /** Uploads a brand-new master key (and self/user-signing keys), authorised by password (UIA): an identity reset. */
  resetIdentity(): Promise<string>;
  stop(): void;
}

const MasterKeySchema = z.object({ keys: z.record(z.string(), z.string()) });

async function publishedMasterKey(baseUrl: string, s: Session): Promise<string | undefined> {
  const parsed = MasterKeySchema.safeParse((await queryKeys(baseUrl, s.accessToken, s.userId)).master_keys?.[s.userId]);
  return parsed.success ? Object.values(parsed.data.keys)[0] : undefined;
}

/** Bootstraps cross-signing with a fresh set of keys, answering the UIA challenge with the password. */
async function newCrossSigningKeys(client: MatrixClient, userId: string, password: string): Promise<void> {
  const cryptoApi = client.getCrypto();
  if (!cryptoApi) throw new Error("crypto not initialised");
  await cryptoApi.bootstrapCrossSigning({
    setupNewCrossSigning: true,
    authUploadDeviceSigningKeys: async (makeRequest) => {
      try {
        return await makeRequest(null);
      } catch (e) {
        const session = (e as { data?: { session?: string } }).data?.session;
        if (!session) throw e;
        return makeRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: userId }, password, session });
      }
    },
  });
}

/** A real matrix-js-sdk client (Rust crypto) that uploads device keys and cross-signs itself. */
export async function createIdentityAgent(
  baseUrl: string,
  testbedDir: string,
  localpart: string,
  deviceId: string,
): Promise<IdentityAgent> {
  const password = newPassword();
  const userId = await registerUser(baseUrl, registrationSecret(testbedDir), { localpart, password, displayName: localpart });
  const session = await passwordLogin(baseUrl, userId, password, deviceId, `vigil test ${localpart}`);
  const client = await startCryptoClient(baseUrl, session);
  await waitForDeviceKeys(baseUrl, session.accessToken, userId, deviceId);
  await newCrossSigningKeys(client, userId, password);
  const first = await waitFor(`master key of ${userId}`, () => publishedMasterKey(baseUrl, session));
  return {
    ...session,
    masterKey: async () => (await publishedMasterKey(baseUrl, session)) ?? "",
    async resetIdentity() {
      const before = (await publishedMasterKey(baseUrl, session)) ?? first;
      await newCrossSigningKeys(client, userId, password);
      return waitFor(`a new master key for ${userId}`, async () => {
        const now = await publishedMasterKey(baseUrl, session);
        return now && now !== before ? now : undefined;
      });
    },
    stop: () => stopClient(client),
  };
}
