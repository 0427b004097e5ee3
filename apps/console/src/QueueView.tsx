import type { ContactRequestStatus, ContactRequestView } from '@pacjent/contracts';
import { useState, type FormEvent } from 'react';
import { consoleApi } from './api';
import { DocumentFields } from './DocumentFields';
import { useStatusQueue } from './hooks';
import { StatusFilter } from './StatusFilter';
import { errorText, formatDate, t } from './texts';

const STATUSES: readonly ContactRequestStatus[] = ['open', 'confirmed', 'rejected', 'unreachable'];

/** The contact-form queue: open requests oldest first; staff confirm, reject (with a reason) or mark unreachable. */
export function QueueView() {
  const queue = useStatusQueue<ContactRequestView, ContactRequestStatus>(STATUSES, 'open', (chosen) =>
    consoleApi.contactRequests(chosen),
  );
  const { items: requests, error, setError } = queue;

  return (
    <section className="card" data-testid="queue" data-state={queue.state}>
      <h1>{t.queue}</h1>
      <StatusFilter
        label={t.status}
        value={queue.status}
        labels={t.statuses}
        testId="queue-status"
        onChange={queue.setStatus}
      />
      {error ? (
        <p className="error" role="alert" data-testid="queue-error">
          {error}
        </p>
      ) : null}
      {queue.state === 'ready' && requests.length === 0 ? <p className="muted">{t.queueEmpty}</p> : null}
      <ul className="list">
        {requests.map((request) => (
          <QueueRow
            key={request.id}
            request={request}
            onError={setError}
            onResolved={() => {
              setError(null);
              queue.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function QueueRow({
  request,
  onResolved,
  onError,
}: {
  request: ContactRequestView;
  onResolved: () => void;
  onError: (message: string) => void;
}) {
  const [step, setStep] = useState<'none' | 'confirm' | 'reject'>('none');
  const [documentType, setDocumentType] = useState('id_card');
  const [last4, setLast4] = useState('');
  const [reason, setReason] = useState('');

  const resolve = async (body: Parameters<typeof consoleApi.resolve>[1], event?: FormEvent) => {
    event?.preventDefault();
    try {
      await consoleApi.resolve(request.id, body);
      onResolved();
    } catch (caught) {
      onError(errorText(caught));
    }
  };

  return (
    <li data-testid="queue-row" data-request-id={request.id} data-status={request.status} className="queue-row">
      <div>
        <strong>{request.name}</strong> · {request.email} · {request.phone}
        {request.pesel ? ` · PESEL ${request.pesel}` : ''} · {formatDate(request.createdAt)}
        {request.patientId ? '' : ` · (${t.noAccount})`}
      </div>
      <p className="message">{request.message}</p>
      {request.status !== 'open' ? (
        <p className="muted">
          {t.statuses[request.status]}
          {request.reason ? `: ${request.reason}` : ''}
        </p>
      ) : null}
      {request.status === 'open' && step === 'none' ? (
        <div className="actions">
          {(
            [
              ['queue-confirm', t.markConfirmed, () => setStep('confirm')],
              ['queue-reject', t.markRejected, () => setStep('reject')],
              ['queue-unreachable', t.markUnreachable, () => void resolve({ outcome: 'unreachable' })],
            ] as const
          ).map(([testId, label, onClick]) => (
            <button key={testId} type="button" className="button button--small" data-testid={testId} onClick={onClick}>
              {label}
            </button>
          ))}
        </div>
      ) : null}
      {step === 'confirm' ? (
        <form
          className="actions"
          onSubmit={(e) => void resolve({ outcome: 'confirmed', documentType, documentNumberLast4: last4 }, e)}
        >
          <DocumentFields
            documentType={documentType}
            onDocumentType={setDocumentType}
            last4={last4}
            onLast4={setLast4}
            testIdPrefix="queue"
          />
          <button type="submit" className="button button--small" data-testid="queue-confirm-submit">
            {t.save}
          </button>
          <button type="button" className="button button--link" onClick={() => setStep('none')}>
            {t.cancel}
          </button>
        </form>
      ) : null}
      {step === 'reject' ? (
        <form className="actions" onSubmit={(e) => void resolve({ outcome: 'rejected', reason }, e)}>
          <label className="field">
            {t.reason}
            <input
              value={reason}
              required
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              data-testid="queue-reason"
            />
          </label>
          <button type="submit" className="button button--small" data-testid="queue-reject-submit">
            {t.save}
          </button>
          <button type="button" className="button button--link" onClick={() => setStep('none')}>
            {t.cancel}
          </button>
        </form>
      ) : null}
    </li>
  );
}
