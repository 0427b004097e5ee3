import type { DoctorRenewalView, RenewalStatus } from '@pacjent/contracts';
import { useState, type FormEvent } from 'react';
import { consoleApi } from './api';
import { useStatusQueue } from './hooks';
import { localized } from './i18n';
import { StatusFilter } from './StatusFilter';
import { errorText, formatDate } from './texts';

const pl = {
  tab: 'Prośby o e-Receptę',
  title: 'Prośby o odnowienie recept',
  status: 'Status',
  statuses: { pending: 'Oczekujące', approved: 'Wystawione', declined: 'Odrzucone' } satisfies Record<
    RenewalStatus,
    string
  >,
  empty: 'Brak próśb.',
  waiting: (seconds: number) =>
    seconds < 3600 ? `czeka ${Math.floor(seconds / 60)} min` : `czeka ${Math.floor(seconds / 3600)} h`,
  pool: 'pula lekarzy',
  patient: 'Pacjent',
  lastVisit: 'Ostatnia wizyta u mnie',
  noVisit: 'brak wizyt u mnie',
  note: 'Wiadomość pacjenta',
  requested: 'Prośba o',
  current: 'Leki pacjenta (12 mies.)',
  dosage: 'Dawkowanie',
  quantity: 'Opakowania',
  validDays: 'Ważność (dni)',
  approve: 'Wystaw e-Receptę',
  issued: (code: string) => `Wystawiono e-Receptę, kod dostępu ${code}.`,
  decline: 'Odrzuć',
  reason: 'Powód (pacjent go przeczyta)',
  confirmDecline: 'Odrzuć prośbę',
  prescriptionStatus: { active: 'aktywna', expired: 'wygasła', dispensed: 'zrealizowana' },
};

const en: typeof pl = {
  tab: 'e-Prescription requests',
  title: 'Prescription renewal requests',
  status: 'Status',
  statuses: { pending: 'Pending', approved: 'Issued', declined: 'Declined' },
  empty: 'No requests.',
  waiting: (seconds: number) =>
    seconds < 3600 ? `waiting ${Math.floor(seconds / 60)} min` : `waiting ${Math.floor(seconds / 3600)} h`,
  pool: "doctors' pool",
  patient: 'Patient',
  lastVisit: 'Last visit with me',
  noVisit: 'no visits with me',
  note: "Patient's message",
  requested: 'Request for',
  current: "Patient's medicines (12 months)",
  dosage: 'Dosage',
  quantity: 'Packs',
  validDays: 'Validity (days)',
  approve: 'Issue e-Prescription',
  issued: (code: string) => `e-Prescription issued, access code ${code}.`,
  decline: 'Decline',
  reason: 'Reason (the patient will read it)',
  confirmDecline: 'Decline request',
  prescriptionStatus: { active: 'active', expired: 'expired', dispensed: 'dispensed' },
};

export const renewalTexts = localized({ pl, en });

const RENEWAL_STATUSES = Object.keys(pl.statuses) as RenewalStatus[];

/** The doctor's renewal queue: pending requests oldest first; approve (optionally changed) or decline with a reason. */
export function RenewalsView() {
  const queue = useStatusQueue<DoctorRenewalView, RenewalStatus>(RENEWAL_STATUSES, 'pending', (chosen) =>
    consoleApi.renewals(chosen),
  );
  const { items: requests, error, setError } = queue;
  const [issued, setIssued] = useState<string | null>(null);

  return (
    <section className="card" data-testid="renewals" data-state={queue.state}>
      <h1>{renewalTexts.title}</h1>
      <StatusFilter
        label={renewalTexts.status}
        value={queue.status}
        labels={renewalTexts.statuses}
        testId="renewals-status"
        onChange={queue.setStatus}
      />
      {error ? (
        <p className="error" role="alert" data-testid="renewals-error">
          {error}
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {issued ? <p data-testid="renewal-issued">{issued}</p> : null}
      </div>
      {queue.state === 'ready' && requests.length === 0 ? <p className="muted">{renewalTexts.empty}</p> : null}
      <ul className="list">
        {requests.map((request) => (
          <RenewalRow
            key={request.id}
            request={request}
            onError={setError}
            onDecided={(message) => {
              setError(null);
              setIssued(message);
              queue.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function RenewalRow({
  request,
  onDecided,
  onError,
}: {
  request: DoctorRenewalView;
  onDecided: (message: string | null) => void;
  onError: (message: string) => void;
}) {
  const current = new Map(request.patientMedicines.map((m) => [m.medicine.id, m]));
  const [dosages, setDosages] = useState<Record<string, string>>(() =>
    Object.fromEntries(request.medicines.map((m) => [m.id, current.get(m.id)?.lastDosage ?? ''])),
  );
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [validDays, setValidDays] = useState('');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const pending = request.status === 'pending';

  const run = async (action: () => Promise<string | null>, event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    try {
      onDecided(await action());
    } catch (caught) {
      onError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const approve = () =>
    run(async () => {
      const prescription = await consoleApi.approveRenewal(request.id, {
        items: request.medicines.map((m) => ({
          medicineId: m.id,
          ...(dosages[m.id]?.trim() && dosages[m.id] !== current.get(m.id)?.lastDosage
            ? { dosage: dosages[m.id]!.trim() }
            : {}),
          ...(quantities[m.id] ? { quantity: Number(quantities[m.id]) } : {}),
        })),
        ...(validDays ? { validDays: Number(validDays) } : {}),
      });
      return renewalTexts.issued(prescription.accessCode);
    });

  return (
    <li className="card" style={{ display: 'block' }} data-testid="renewal-request" data-id={request.id}>
      <p>
        <strong>{formatDate(request.createdAt)}</strong> · {renewalTexts.waiting(request.waitingSeconds)}
        {request.doctorId === null ? ` · ${renewalTexts.pool}` : ''}
      </p>
      <p data-testid="renewal-patient">
        {renewalTexts.patient}:{' '}
        {request.patient ? (
          <>
            <strong>{request.patient.name}</strong>
            {request.patient.age != null ? `, ${request.patient.age} l.` : ''}
            {request.patient.pesel ? `, PESEL ${request.patient.pesel}` : ''}
          </>
        ) : (
          request.patientId
        )}
      </p>
      <p data-testid="renewal-last-visit">
        {renewalTexts.lastVisit}:{' '}
        {request.lastVisit
          ? `${formatDate(request.lastVisit.startsAt)}, ${request.lastVisit.service.name}`
          : renewalTexts.noVisit}
      </p>
      {request.note ? (
        <p>
          {renewalTexts.note}: „{request.note}”
        </p>
      ) : null}
      {request.declineReason ? <p>{request.declineReason}</p> : null}
      <p>{renewalTexts.requested}:</p>
      <ul>
        {request.medicines.map((medicine) => (
          <li key={medicine.id} data-testid="renewal-medicine">
            {medicine.name} {medicine.strength}, {medicine.form}
            {pending ? (
              <>
                <label className="field field--inline">
                  {renewalTexts.dosage}
                  <input
                    value={dosages[medicine.id] ?? ''}
                    maxLength={200}
                    onChange={(e) => setDosages((d) => ({ ...d, [medicine.id]: e.target.value }))}
                    data-testid="renewal-dosage"
                  />
                </label>
                <label className="field field--inline">
                  {renewalTexts.quantity}
                  <input
                    type="number"
                    min={1}
                    max={30}
                    value={quantities[medicine.id] ?? ''}
                    onChange={(e) => setQuantities((q) => ({ ...q, [medicine.id]: e.target.value }))}
                    data-testid="renewal-quantity"
                  />
                </label>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <details>
        <summary>{renewalTexts.current}</summary>
        <ul>
          {request.patientMedicines.map((m) => (
            <li key={m.medicine.id}>
              {m.medicine.name} {m.medicine.strength}: {m.lastDosage} ({renewalTexts.prescriptionStatus[m.status]})
            </li>
          ))}
        </ul>
      </details>
      {pending ? (
        <div>
          <label className="field field--inline">
            {renewalTexts.validDays}
            <input
              type="number"
              min={1}
              max={365}
              value={validDays}
              onChange={(e) => setValidDays(e.target.value)}
              data-testid="renewal-valid-days"
            />
          </label>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void approve()}
            data-testid="renewal-approve"
          >
            {renewalTexts.approve}
          </button>{' '}
          {declining ? (
            <form
              onSubmit={(e) =>
                void run(async () => {
                  await consoleApi.declineRenewal(request.id, reason);
                  return null;
                }, e)
              }
            >
              <label className="field">
                {renewalTexts.reason}
                <textarea
                  required
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="renewal-reason"
                />
              </label>
              <button
                type="submit"
                className="button"
                disabled={busy || !reason.trim()}
                data-testid="renewal-decline-confirm"
              >
                {renewalTexts.confirmDecline}
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="button button--link"
              onClick={() => setDeclining(true)}
              data-testid="renewal-decline"
            >
              {renewalTexts.decline}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
