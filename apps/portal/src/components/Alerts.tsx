import type { ReactNode } from 'react';

/** An error the patient must notice: announced at once by screen readers. */
export function ErrorMessage({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert" data-testid="error-message">
      <p>{message}</p>
      {children}
    </div>
  );
}

/**
 * A polite live region that is always in the page (so screen readers notice
 * changes); its content is the success message, if any.
 */
export function SuccessRegion({ children }: { children?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="live-region">
      {children}
    </div>
  );
}

export function SuccessMessage({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <div className="alert alert--success" data-testid={testId}>
      {children}
    </div>
  );
}

export function InfoNote({ children }: { children: ReactNode }) {
  return <div className="alert alert--info">{children}</div>;
}
