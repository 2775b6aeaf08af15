"use client";
import { useRef, useState, useTransition, type ReactNode } from "react";

export type ConfirmResult = { ok: true; message: string } | { ok: false; error: string };

/**
 * `<ConfirmDialog triggerLabel="Enable encryption…" title="…" confirmLabel="Enable" onConfirm={fn}>what will happen</ConfirmDialog>`
 * A native modal <dialog> (focus trapped, Esc closes): says what will happen,
 * runs `onConfirm` only on an explicit click, then shows its result in words.
 */
export function ConfirmDialog({
  triggerLabel,
  title,
  confirmLabel,
  onConfirm,
  children,
  danger = false,
  disabled = false,
}: {
  triggerLabel: string;
  title: string;
  confirmLabel: string;
  onConfirm: () => Promise<ConfirmResult>;
  children: ReactNode;
  danger?: boolean;
  disabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [result, setResult] = useState<ConfirmResult | null>(null);
  const [pending, start] = useTransition();
  const titleId = `confirm-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <>
      <button
        type="button"
        className={danger ? "btn border-critical/50 text-critical dark:text-red-300" : "btn"}
        disabled={disabled}
        onClick={() => {
          setResult(null);
          ref.current?.showModal();
        }}
      >
        {triggerLabel}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[32rem] max-w-[95vw] rounded-lg border border-zinc-300 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="flex flex-col gap-3 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <div className="text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
          {result && (
            <p
              role={result.ok ? "status" : "alert"}
              className={`rounded-md px-3 py-2 text-sm ${result.ok ? "bg-ok/10 text-ok dark:text-green-300" : "bg-critical/10 text-critical dark:text-red-300"}`}
            >
              {result.ok ? result.message : result.error}
            </p>
          )}
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" className="btn" onClick={() => ref.current?.close()}>
              {result?.ok ? "Close" : "Cancel"}
            </button>
            {!result?.ok && (
              <button
                type="button"
                className="btn-primary"
                disabled={pending}
                onClick={() =>
                  start(async () =>
                    setResult(await onConfirm().catch((e: unknown) => ({ ok: false as const, error: (e as Error).message }))),
                  )
                }
              >
                {pending ? "Working…" : confirmLabel}
              </button>
            )}
          </div>
        </div>
      </dialog>
    </>
  );
}
