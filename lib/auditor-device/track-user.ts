/**
 * The Rust crypto only knows the devices of users it *tracks* — members of
 * encrypted rooms we share. An agent the auditor shares no room with is
 * untracked, and a to-device verification request to it fails with "Not a
 * known device". The SDK has no public "track this user", so we reach the
 * OlmMachine the RustCrypto object owns (checked at run time, with a clear
 * error if a future SDK renames it) and ask it to track the user, then run
 * the outgoing-request loop so the /keys/query goes out now, not after the
 * next long-poll sync.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { UserId } from "@matrix-org/matrix-sdk-crypto-wasm";

interface RustCryptoInternals {
  olmMachine?: { updateTrackedUsers(users: UserId[]): Promise<void> };
  outgoingRequestsManager?: { doProcessOutgoingRequests(): Promise<void> };
}

/** Make the crypto track `userId` and download their devices now. */
export async function trackUser(client: MatrixClient, userId: string): Promise<void> {
  const internals = client.getCrypto() as unknown as RustCryptoInternals | undefined;
  const machine = internals?.olmMachine;
  const outgoing = internals?.outgoingRequestsManager;
  if (!machine || !outgoing)
    throw new Error("This matrix-js-sdk version hides the device tracker: verification of users outside shared rooms is unavailable.");
  await machine.updateTrackedUsers([new UserId(userId)]);
  await outgoing.doProcessOutgoingRequests();
}
