/**
 * What a screen that fails shows in its place: what happened (a screen that threw, or whose code
 * could not be downloaded), Retry and Reload. The header and navigation stay, so the rest of the
 * app is one tap away; nothing ever leaves a blank page.
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

  private readonly retry = () => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    // One message for a screen that threw and one whose code could not be downloaded: the
    // details line tells them apart, and Retry is right for both.
    return (
      <section className="panel error" role="alert">
        <h1>This screen could not be shown</h1>
        <p>
          Your collection is safe. If its code could not be downloaded{navigator.onLine ? '' : ' (you are offline)'}, Retry once
          the network is back; after that it works offline too.
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
