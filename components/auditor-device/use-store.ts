"use client";
import { useSyncExternalStore } from "react";
import type { ExternalStore } from "@/lib/auditor-device/external-store";

/** Read a view model; React re-renders on its changes and unsubscribes on unmount. */
export function useStore<S>(store: ExternalStore<S>): S {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
