/**
 * The smallest store React's useSyncExternalStore can read: an immutable
 * snapshot replaced on every change, and listeners that unsubscribe cleanly.
 */
export class ExternalStore<S> {
  private listeners = new Set<() => void>();

  constructor(private snapshot: S) {}

  /** For useSyncExternalStore: returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): S => this.snapshot;

  protected set(patch: Partial<S>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}
