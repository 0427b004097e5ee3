import type { DoctorDayAppointmentView } from '@pacjent/contracts';
import { useState } from 'react';
import { consoleApi } from './api';
import { useLoadedList } from './hooks';
import { OutcomeForm } from './OutcomeForm';
import { PatientRecordPanel } from './PatientRecordPanel';
import { useSearchParam } from './router';
import { errorText, t } from './texts';
import { visitPrescriptionTexts } from './VisitPrescriptionsFields';

const warsawToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
const warsawTime = (iso: string): string =>
  new Intl.DateTimeFormat('pl-PL', { timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(new Date(iso));

/** "Mój dzień": the doctor's visits of a day; a started visit is completed (or marked a no-show) here. */
export function DoctorDayView() {
  const [date, setDate] = useSearchParam('date', warsawToday, ['visit']);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useSearchParam('visit');
  const [history, setHistory] = useState<string | null>(null);
  // What this page recorded: booking shows the new status a moment later (through consultations' events).
  const [recorded, setRecorded] = useState<Record<string, DoctorDayAppointmentView['status']>>({});
  // How many e-prescriptions each completion ordered (prescriptions issues them from the outcome's event).
  const [prescribed, setPrescribed] = useState<Record<string, number>>({});
  const statusOf = (visit: DoctorDayAppointmentView) => recorded[visit.id] ?? visit.status;
  const { items, state } = useLoadedList(() => consoleApi.doctorDay(date), [date], setError);

  const noShow = async (id: string) => {
    setError(null);
    try {
      const outcome = await consoleApi.noShow(id);
      setRecorded((known) => ({ ...known, [id]: outcome.status }));
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <section className="card" data-testid="doctor-day" data-state={state}>
      <h1>{t.myDay}</h1>
      <label className="field">
        {t.day}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="doctor-day-date" />
      </label>
      {error ? (
        <p className="error" role="alert" data-testid="doctor-day-error">
          {error}
        </p>
      ) : null}
      {state === 'ready' && items.length === 0 ? <p className="muted">{t.noVisits}</p> : null}
      <ul className="list">
        {items.map((visit) => (
          <li key={visit.id} data-testid="doctor-visit" data-id={visit.id} data-status={statusOf(visit)}>
            <strong>{warsawTime(visit.startsAt)}</strong>{' '}
            <span data-testid="doctor-visit-patient">
              {visit.patient ? visit.patient.name : '—'}
              {visit.patient?.age != null ? ` (${visit.patient.age} ${t.years})` : ''}
            </span>{' '}
            · {visit.service.name} · {t.visitChannels[visit.channel] ?? visit.channel} ·{' '}
            <span data-testid="doctor-visit-status">{t.visitStatuses[statusOf(visit)] ?? statusOf(visit)}</span>
            {visit.patient ? (
              <button
                type="button"
                className="button button--small button--link"
                data-testid="doctor-visit-history"
                onClick={() => setHistory(history === visit.id ? null : visit.id)}
              >
                {t.patientRecord}
              </button>
            ) : null}
            {statusOf(visit) === 'booked' ? (
              <span className="actions">
                <button
                  type="button"
                  className="button button--small"
                  data-testid="doctor-visit-complete"
                  onClick={() => setOpen(open === visit.id ? null : visit.id)}
                >
                  {t.complete}
                </button>
                <button
                  type="button"
                  className="button button--small button--link"
                  data-testid="doctor-visit-no-show"
                  onClick={() => void noShow(visit.id)}
                >
                  {t.noShow}
                </button>
              </span>
            ) : null}
            {prescribed[visit.id] ? (
              <p className="muted" data-testid="doctor-visit-prescribed">
                {visitPrescriptionTexts.issuing(prescribed[visit.id]!)}
              </p>
            ) : null}
            {history === visit.id && visit.patient ? <PatientRecordPanel patientId={visit.patient.id} /> : null}
            {open === visit.id ? (
              <OutcomeForm
                patient={visit.patient}
                prescribing
                save={async (outcome, idempotencyKey) => {
                  const saved = await consoleApi.completeVisit(visit.id, outcome, idempotencyKey);
                  setOpen(null);
                  setRecorded((known) => ({ ...known, [visit.id]: saved.status }));
                  setPrescribed((known) => ({ ...known, [visit.id]: outcome.prescriptions?.length ?? 0 }));
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
