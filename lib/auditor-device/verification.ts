/**
 * One interactive (SAS emoji) verification of another user's device, as a
 * view model: waiting → ready → emoji → done, or cancelled / timed out.
 * On "They match" the Rust crypto checks the MACs and, when the other side
 * vouched for its master key, signs it with the auditor's user-signing key
 * and uploads the signature: that is what resolves MX-USER-UNVERIFIED.
 */
import type { MatrixClient } from "matrix-js-sdk";
import {
  VerificationPhase,
  VerificationRequestEvent,
  VerifierEvent,
  type ShowSasCallbacks,
  type VerificationRequest,
} from "matrix-js-sdk/lib/crypto-api/verification.js";
import { ExternalStore } from "./external-store";
import { trackUser } from "./track-user";
import { describeMatrixError } from "./uia";

export type VerificationStep = "requesting" | "waiting" | "ready" | "emoji" | "confirming" | "done" | "cancelled" | "timed-out" | "failed";

export interface VerificationState {
  userId: string;
  deviceId: string;
  step: VerificationStep;
  /** The seven emoji with their names, once both sides computed the SAS. */
  emoji: { symbol: string; name: string }[];
  /** Why it ended, in words, when it did not end in "done". */
  reason: string | null;
  /** Request sent → done, in ms (the bench reads it). */
  wallMs: number | null;
}

/** How long the other device has to answer the request before we give up. */
const ANSWER_TIMEOUT_MS = 60_000;

const CANCEL_REASONS: Record<string, string> = {
  "m.mismatched_sas": "The emoji did not match: nothing was signed.",
  "m.user": "Cancelled. Nothing was signed.",
  "m.timeout": "The other device did not answer in time. Nothing was signed.",
  "m.key_mismatch": "The keys did not match: nothing was signed.",
};

export class DeviceVerification extends ExternalStore<VerificationState> {
  private request: VerificationRequest | null = null;
  private sas: ShowSasCallbacks | null = null;
  private detach: (() => void)[] = [];
  private readonly t0 = performance.now();

  constructor(
    private readonly client: MatrixClient,
    userId: string,
    deviceId: string,
  ) {
    super({ userId, deviceId, step: "requesting", emoji: [], reason: null, wallMs: null });
  }

  /** Send the request and drive it to the SAS; resolves when the request is out. */
  async start(): Promise<void> {
    const crypto = this.client.getCrypto();
    if (!crypto) throw new Error("The crypto engine is not running.");
    const { userId, deviceId } = this.getSnapshot();
    try {
      await trackUser(this.client, userId); // the request needs the device's keys in the crypto store
      const request = await crypto.requestDeviceVerification(userId, deviceId);
      this.request = request;
      const timer = setTimeout(() => {
        if (request.phase === VerificationPhase.Requested) void request.cancel({ code: "m.timeout", reason: "No answer." });
      }, ANSWER_TIMEOUT_MS);
      const onChange = () => this.onChange(request);
      request.on(VerificationRequestEvent.Change, onChange);
      this.detach.push(
        () => request.off(VerificationRequestEvent.Change, onChange),
        () => clearTimeout(timer),
      );
      this.set({ step: "waiting" });
      this.onChange(request);
    } catch (e) {
      this.set({ step: "failed", reason: describeMatrixError(e) });
    }
  }

  private onChange(request: VerificationRequest): void {
    if (request.phase === VerificationPhase.Ready && !request.verifier) {
      this.set({ step: "ready" });
      request.startVerification("m.sas.v1").then(
        (verifier) => {
          const onSas = (sas: ShowSasCallbacks) => {
            this.sas = sas;
            this.set({ step: "emoji", emoji: (sas.sas.emoji ?? []).map(([symbol, name]) => ({ symbol, name })) });
          };
          verifier.on(VerifierEvent.ShowSas, onSas);
          this.detach.push(() => verifier.off(VerifierEvent.ShowSas, onSas));
          verifier.verify().catch(() => undefined); // the outcome arrives as a phase change
        },
        (e: unknown) => this.set({ step: "failed", reason: describeMatrixError(e) }),
      );
    } else if (request.phase === VerificationPhase.Done) {
      this.set({ step: "done", reason: null, wallMs: Math.round(performance.now() - this.t0) });
      this.dispose();
    } else if (request.phase === VerificationPhase.Cancelled) {
      const code = request.cancellationCode ?? "m.user";
      const by = request.cancellingUserId && request.cancellingUserId !== this.client.getUserId() ? " (by the other side)" : "";
      this.set({
        step: code === "m.timeout" ? "timed-out" : "cancelled",
        reason: `${CANCEL_REASONS[code] ?? `Cancelled (${code}). Nothing was signed.`}${by}`,
      });
      this.dispose();
    }
  }

  /** "They match": confirm our side; done once the other side confirms too. */
  async confirm(): Promise<void> {
    if (!this.sas) return;
    this.set({ step: "confirming" });
    await this.sas.confirm().catch((e: unknown) => this.set({ step: "failed", reason: describeMatrixError(e) }));
  }

  /** "They don't match": cancel with m.mismatched_sas; nothing gets signed. */
  mismatch(): void {
    this.sas?.mismatch();
  }

  cancel(): void {
    void this.request?.cancel({ code: "m.user", reason: "Cancelled by the auditor." });
  }

  dispose(): void {
    this.detach.forEach((d) => d());
    this.detach = [];
  }
}
