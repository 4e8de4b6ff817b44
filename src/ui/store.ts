/**
 * The smallest external store: plain state with subscribers, for logic that lives outside React
 * (Browse's search and actions) and is read by components through useSyncExternalStore.
 */
export class Store<S extends object> {
  private listeners = new Set<() => void>();

  constructor(private state: S) {}

  /** The current snapshot: a new object whenever something changed, the same one otherwise. */
  readonly getSnapshot = (): S => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected update(change: Partial<S> | ((state: S) => Partial<S>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
