"use client";
import { useState } from "react";

/**
 * The recovery key, shown exactly once: grouped in fours for reading aloud or
 * copying by hand, with copy and download; the page moves on only after the
 * auditor says it is saved.
 */
export function RecoveryKeyOnce({ recoveryKey, userId, onSaved }: { recoveryKey: string; userId: string; onSaved: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const groups = recoveryKey.split(/\s+/).filter(Boolean);
  const download = () => {
    const blob = new Blob([`Vigil auditor device — recovery key for ${userId}\n\n${groups.join(" ")}\n`], { type: "text/plain" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "vigil-recovery-key.txt";
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <section className="card space-y-3 border-amber-500" aria-labelledby="rk-title">
      <h2 id="rk-title" className="text-base font-semibold">
        Save your recovery key
      </h2>
      <p className="text-sm">
        It is shown only now. Anyone holding it can take over the auditor’s identity and read the key backup; without it, a lost browser
        means resetting the identity.
      </p>
      <p data-testid="recovery-key" aria-label="Recovery key" className="mono grid grid-cols-4 gap-2 text-lg sm:grid-cols-6">
        {groups.map((g, i) => (
          <span key={i}>{g}</span>
        ))}
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard?.writeText(groups.join(" ")).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="btn" onClick={download}>
          Download
        </button>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved the recovery key somewhere safe
      </label>
      <button type="button" className="btn btn-primary" disabled={!saved} onClick={onSaved}>
        Continue
      </button>
    </section>
  );
}
