/**
 * Live agents answer interactive verification like a well-behaved bot: they
 * accept a to-device request from the auditor only, go along with SAS, and
 * confirm only when the emoji someone saw on the auditor's screen (handed in
 * through the control channel) equal the emoji the agent computed itself.
 * Anything else — a mismatch, an explicit cancel, no answer — ends cancelled.
 */
import { UserId } from "@matrix-org/matrix-sdk-crypto-wasm";
import { ClientEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/CryptoEvent.js";
import {
  VerificationPhase,
  VerificationRequestEvent,
  VerifierEvent,
  type ShowSasCallbacks,
  type VerificationRequest,
} from "matrix-js-sdk/lib/crypto-api/verification.js";
import type { DemoMode } from "./demo-mode";

export type AgentVerificationState = "requested" | "ready" | "started" | "sas" | "done" | "cancelled";

/** One agent's current (latest) verification, as the control channel reports it. */
export interface AgentVerification {
  agent: string;
  otherUserId: string;
  otherDeviceId: string | null;
  state: AgentVerificationState;
  /** Why it ended, when cancelled: the SAS mismatch, the other side, a timeout. */
  cancelCode: string | null;
  /** What the agent decided about the emoji it was shown, if anything yet. */
  decision: "match" | "mismatch" | null;
}

interface Live {
  view: AgentVerification;
  request: VerificationRequest;
  sas: ShowSasCallbacks | null;
  sasShown: Promise<ShowSasCallbacks>;
}

export interface VerificationResponder {
  list(): AgentVerification[];
  /** Compare the emoji names the auditor's screen shows with the agent's own; confirm or reject. */
  compare(agent: string, shownEmojiNames: string[], timeoutMs?: number): Promise<AgentVerification>;
  cancel(agent: string): Promise<AgentVerification>;
  stop(): void;
}

const stateOf = (r: VerificationRequest, sas: ShowSasCallbacks | null): AgentVerificationState => {
  switch (r.phase) {
    case VerificationPhase.Cancelled:
      return "cancelled";
    case VerificationPhase.Done:
      return "done";
    case VerificationPhase.Started:
      return sas ? "sas" : "started";
    case VerificationPhase.Ready:
      return "ready";
    default:
      return "requested";
  }
};

/**
 * Listen on every agent client for verification requests. `trustedUserId` is
 * the only user an agent will verify with (its operator, the auditor). `demo`,
 * when switched on, also confirms on its own (demo-mode.ts; the demo only).
 */
export function answerVerifications(
  clients: Map<string, MatrixClient>,
  trustedUserId: string,
  log: (m: string) => void = () => {},
  demo?: DemoMode,
): VerificationResponder {
  const live = new Map<string, Live>();
  const detach: (() => void)[] = [];

  for (const [agent, client] of clients) {
    const onRequest = (request: VerificationRequest) => {
      if (request.otherUserId !== trustedUserId) {
        log(`${agent}: refusing verification from ${request.otherUserId}`);
        void request.cancel({ code: "m.user", reason: "This agent verifies only with its auditor." });
        return;
      }
      let resolveSas: (s: ShowSasCallbacks) => void = () => {};
      const entry: Live = {
        request,
        sas: null,
        sasShown: new Promise((r) => (resolveSas = r)),
        view: {
          agent,
          otherUserId: request.otherUserId,
          otherDeviceId: request.otherDeviceId ?? null,
          state: "requested",
          cancelCode: null,
          decision: null,
        },
      };
      live.set(agent, entry);
      const watched = new WeakSet<object>();
      const refresh = () => {
        entry.view = { ...entry.view, state: stateOf(request, entry.sas), cancelCode: request.cancellationCode };
        const verifier = request.verifier;
        if (request.phase === VerificationPhase.Started && verifier && !request.initiatedByMe && !watched.has(verifier)) {
          watched.add(verifier);
          verifier.on(VerifierEvent.ShowSas, (sas) => {
            entry.sas = sas;
            entry.view = { ...entry.view, state: "sas" };
            resolveSas(sas);
            const ended = () => request.phase === VerificationPhase.Cancelled || request.phase === VerificationPhase.Done;
            demo?.onSas(agent, sas, () => entry.view.decision !== null || ended());
          });
          // verify() sends our accept and resolves once both MACs are in; a cancel rejects it.
          verifier.verify().then(
            () => log(`${agent}: verified ${request.otherUserId}`),
            (e: unknown) => log(`${agent}: verification ended: ${(e as Error).message}`),
          );
        }
      };
      request.on(VerificationRequestEvent.Change, refresh);
      log(`${agent}: verification request from ${request.otherUserId}|${request.otherDeviceId ?? "?"}`);
      request.accept().then(refresh, (e: unknown) => log(`${agent}: accept failed: ${(e as Error).message}`));
    };
    client.on(CryptoEvent.VerificationRequestReceived, onRequest);
    const onToDevice = (ev: MatrixEvent) =>
      void refeedFromUnknownDevice(client, trustedUserId, ev).catch((e: unknown) =>
        log(`${agent}: refeed failed: ${(e as Error).message}`),
      );
    client.on(ClientEvent.ToDeviceEvent, onToDevice);
    void internals(client).olmMachine.updateTrackedUsers([new UserId(trustedUserId)]);
    detach.push(
      () => client.off(CryptoEvent.VerificationRequestReceived, onRequest),
      () => client.off(ClientEvent.ToDeviceEvent, onToDevice),
    );
  }

  const get = (agent: string): Live => {
    const e = live.get(agent);
    if (!e) throw new Error(`no verification in progress for ${agent}`);
    return e;
  };

  return {
    list: () => [...live.values()].map((e) => e.view),
    async compare(agent, shown, timeoutMs = 20_000) {
      const e = get(agent);
      const sas = await Promise.race([
        e.sasShown,
        new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${agent} has not computed a SAS yet`)), timeoutMs)),
      ]);
      const own = (sas.sas.emoji ?? []).map(([, name]) => name.toLowerCase());
      const same = own.length === 7 && shown.length === 7 && own.every((n, i) => n === shown[i]?.toLowerCase());
      e.view = { ...e.view, decision: same ? "match" : "mismatch" };
      log(`${agent}: the auditor's emoji ${same ? "match" : "do NOT match"} ours`);
      if (same) await sas.confirm();
      else sas.mismatch();
      return e.view;
    },
    async cancel(agent) {
      const e = get(agent);
      await e.request.cancel({ code: "m.user", reason: "Cancelled by the agent's operator." });
      return e.view;
    },
    stop: () => {
      demo?.stop();
      detach.forEach((d) => d());
    },
  };
}

interface RustCryptoInternals {
  olmMachine: { updateTrackedUsers(u: UserId[]): Promise<void>; markAllTrackedUsersAsDirty(): Promise<void> };
  outgoingRequestsManager: { doProcessOutgoingRequests(): Promise<void> };
  processSyncChanges(changes: { toDeviceEvents: object[]; useMsc4186: boolean }): Promise<unknown>;
}

/** The parts of the SDK's RustCrypto this needs; checked so an SDK upgrade fails loudly. */
function internals(client: MatrixClient): RustCryptoInternals {
  const c = client.getCrypto() as unknown as Partial<RustCryptoInternals> | undefined;
  if (!c?.olmMachine || !c.outgoingRequestsManager || typeof c.processSyncChanges !== "function")
    throw new Error("matrix-js-sdk internals changed: cannot refresh device lists");
  return c as RustCryptoInternals;
}

/**
 * The Rust crypto ignores a verification request from a device it does not
 * know yet — here the auditor's browser device, brand new, from a user the
 * agent shares no room with (so no device-list update reached it). A bot
 * that wants to answer re-downloads the sender's devices and feeds the same
 * request through the crypto again; requests it already took are left alone.
 */
async function refeedFromUnknownDevice(client: MatrixClient, trustedUserId: string, ev: MatrixEvent): Promise<void> {
  if (ev.getType() !== "m.key.verification.request" || ev.getSender() !== trustedUserId) return;
  const txn = (ev.getContent() as { transaction_id?: unknown }).transaction_id;
  const crypto = client.getCrypto();
  if (!crypto || typeof txn !== "string") return;
  if (crypto.getVerificationRequestsToDeviceInProgress(trustedUserId).some((r) => r.transactionId === txn)) return;
  const c = internals(client);
  await c.olmMachine.updateTrackedUsers([new UserId(trustedUserId)]);
  await c.olmMachine.markAllTrackedUsersAsDirty();
  await c.outgoingRequestsManager.doProcessOutgoingRequests();
  await c.processSyncChanges({
    toDeviceEvents: [{ type: ev.getType(), sender: trustedUserId, content: ev.getContent() }],
    useMsc4186: true,
  });
}
