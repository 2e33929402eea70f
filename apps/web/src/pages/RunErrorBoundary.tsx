import { errorMessage } from "@milo/core";
import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  readonly children: ReactNode;
  /** Where the error is also reported (default: console.error, as React does). */
  readonly onError?: (error: unknown, info: ErrorInfo) => void;
}

interface State {
  readonly error: unknown;
  readonly failed: boolean;
}

/**
 * Keeps a run's content from blanking the whole page: if drawing it throws (a state with
 * something odd in it), this says what went wrong in its place, and the page's header and
 * navigation stay usable.
 */
export class RunErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    (this.props.onError ?? ((caught) => console.error(caught)))(error, info);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div
        role="alert"
        data-testid="run-content-error"
        className="mx-auto mt-12 max-w-xl rounded-xl border border-red-200 bg-red-50 p-6 text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-100"
      >
        <h1 className="font-semibold">This run could not be shown</h1>
        <p className="mt-1 whitespace-pre-wrap break-words text-sm">
          {errorMessage(this.state.error)}
        </p>
        <button
          type="button"
          onClick={() => this.setState({ error: null, failed: false })}
          className="mt-4 rounded-lg border border-red-300 bg-white px-3 py-1 font-medium text-sm hover:bg-red-100 dark:border-red-800 dark:bg-red-950 dark:hover:bg-red-900"
        >
          Try again
        </button>
      </div>
    );
  }
}
