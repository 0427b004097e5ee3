import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal question before a destructive step: the browser's <dialog> (focus
 * moves in and stays there, Escape cancels), named by its title and
 * described by its text for screen readers.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy = false,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-text`}>{children}</div>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onConfirm} data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
