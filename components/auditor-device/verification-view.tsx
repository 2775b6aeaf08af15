"use client";
import { useEffect, useRef } from "react";
import type { DeviceVerification, VerificationStep } from "@/lib/auditor-device/verification";
import { sasEmojiFont } from "./sas-emoji-font";
import { useStore } from "./use-store";

const LABEL: Record<VerificationStep, string> = {
  "requesting": "Sending the request…",
  "waiting": "Waiting for the agent to accept…",
  "ready": "Accepted; starting the emoji comparison…",
  "emoji": "Compare these emoji with the ones the agent shows (or reports).",
  "confirming": "Confirmed on this side; waiting for the agent…",
  "done": "Verified.",
  "cancelled": "Cancelled.",
  "timed-out": "Timed out.",
  "failed": "Failed.",
};

export function VerificationView({ verification, onFinished }: { verification: DeviceVerification; onFinished: () => void }) {
  const v = useStore(verification);
  const finished = useRef(false);
  useEffect(() => {
    if (!finished.current && (v.step === "done" || v.step === "cancelled" || v.step === "timed-out")) {
      finished.current = true;
      onFinished();
    }
  }, [v.step, onFinished]);
  useEffect(() => () => verification.dispose(), [verification]);
  const ended = v.step === "done" || v.step === "cancelled" || v.step === "timed-out" || v.step === "failed";
  const tone = v.step === "done" ? "text-green-700 dark:text-green-400" : ended ? "text-red-700 dark:text-red-400" : "";
  return (
    <div className="space-y-3 rounded border border-zinc-300 p-3 dark:border-zinc-600" aria-label="Verification" data-step={v.step}>
      <p className={`text-sm font-medium ${tone}`} role="status">
        <span className="mono">{v.userId}</span> · <span className="mono">{v.deviceId}</span>: {LABEL[v.step]} {v.reason}
      </p>
      {v.emoji.length > 0 && !ended && (
        <ol className="grid grid-cols-4 gap-3 sm:grid-cols-7" aria-label="Emoji to compare">
          {v.emoji.map((e, i) => (
            <li key={i} className="flex flex-col items-center rounded bg-zinc-100 p-2 dark:bg-zinc-800" data-emoji-name={e.name}>
              <span className={`text-3xl ${sasEmojiFont.className}`} aria-hidden data-sas-emoji>
                {e.symbol}
              </span>
              <span className="text-xs">{e.name}</span>
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-wrap gap-2">
        {v.step === "emoji" && (
          <>
            <button type="button" className="btn btn-primary" onClick={() => void verification.confirm()}>
              They match
            </button>
            <button type="button" className="btn" onClick={() => verification.mismatch()}>
              They don’t match
            </button>
          </>
        )}
        {!ended && (
          <button type="button" className="btn" onClick={() => verification.cancel()}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
