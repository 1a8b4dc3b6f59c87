// Around the viewer: its chunk loading, and a viewer that fails. Either way the user sees what is happening and
// Esc still leads back to the worklist (once the viewer is up, it handles its own keys, Esc included).
import { Component, lazy, Suspense, useEffect, type ReactNode } from 'react';

// Cornerstone is large: the worklist must not wait for it, so the viewer is its own chunk.
const Viewer = lazy(() => import('../viewer/Viewer').then((module) => ({ default: module.Viewer })));

interface Props {
  studyInstanceUid: string;
  onClose(): void;
}

export function ViewerFrame({ studyInstanceUid, onClose }: Props) {
  return (
    <ViewerErrorBoundary studyInstanceUid={studyInstanceUid} onClose={onClose}>
      <Suspense fallback={<ViewerMessage onClose={onClose}>Opening viewer…</ViewerMessage>}>
        <Viewer studyInstanceUid={studyInstanceUid} onClose={onClose} />
      </Suspense>
    </ViewerErrorBoundary>
  );
}

function ViewerMessage({ children, onClose, alert }: { children: ReactNode; onClose(): void; alert?: boolean }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="viewer-frame-message">
      <p role={alert ? 'alert' : 'status'}>{children}</p>
      <button type="button" onClick={onClose}>
        ← Back to the worklist
      </button>
    </div>
  );
}

interface BoundaryProps extends Props {
  children: ReactNode;
}

class ViewerErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error(`the viewer failed on study ${this.props.studyInstanceUid}`, error);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <ViewerMessage onClose={this.props.onClose} alert>
        The viewer could not show study {this.props.studyInstanceUid}: {this.state.error.message}
      </ViewerMessage>
    );
  }
}
