/**
 * What a screen that fails shows in its place: what happened, a Retry, and — when the cause is a
 * part of the app that could not be downloaded — whether the network is the reason. The header
 * and navigation stay, so the rest of the app is one tap away; nothing ever leaves a blank page.
 */
import { Component, type ComponentType, lazy, type ReactNode } from 'react';

/** A screen loaded on first use whose failed download can be tried again (React.lazy keeps a failure for good). */
export interface RetryableScreen<P> {
  /** The lazy component to render now: the same one until reset(). */
  current(): ComponentType<P>;
  reset(): void;
}

export function retryableLazy<P extends object>(load: () => Promise<ComponentType<P>>): RetryableScreen<P> {
  const make = () => lazy(async () => ({ default: await load() }));
  let component = make();
  return {
    current: () => component,
    reset() {
      component = make();
    },
  };
}

/** True for the errors browsers give when a script or module could not be fetched. */
export function isLoadFailure(error: unknown): boolean {
  return /dynamically imported|module script|fetch|chunk/i.test(String(error));
}

/** Give it `key` = the screen shown, so a new screen starts without the old one's error. */
interface Props {
  /** Called before Retry renders the screen again (to forget a failed download). */
  onRetry?: () => void;
  children: ReactNode;
}

interface State {
  error: unknown;
}

export class ScreenBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('unknown error') };
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  private readonly retry = () => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const download = isLoadFailure(error);
    return (
      <section className="panel error" role="alert">
        <h1>{download ? 'This screen could not be loaded' : 'This screen stopped working'}</h1>
        <p>
          {download
            ? `It is not stored on this device yet and could not be downloaded${navigator.onLine ? '' : ' (you are offline)'}. Retry once the network is back; after that it works offline too.`
            : 'Something went wrong while showing it. Your collection is safe: nothing was changed.'}
        </p>
        <p className="muted">{String(error)}</p>
        <p className="button-row">
          <button type="button" className="btn primary" onClick={this.retry}>
            Retry
          </button>
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            Reload
          </button>
        </p>
      </section>
    );
  }
}
