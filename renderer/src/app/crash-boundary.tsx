import { Component, type ErrorInfo, type ReactNode } from 'react';
import { CrashNotice } from './crash-notice';

/** Catches render errors anywhere below it and shows `CrashNotice` instead of a blank window. */
export class CrashBoundary extends Component<{ children: ReactNode }, { crashed: boolean }> {
  override state = { crashed: false };

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For the developer console only; the operator sees CrashNotice.
    console.error('Renderer crash', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.crashed ? <CrashNotice /> : this.props.children;
  }
}
