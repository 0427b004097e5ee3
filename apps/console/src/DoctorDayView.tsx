import type { DoctorDayAppointmentView, Icd10View, ServiceView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { consoleApi } from './api';
import { useLoadedList, useSubmit } from './hooks';
import { PatientRecordPanel } from './PatientRecordPanel';
import { useSearchParam } from './router';
import { errorText, t } from './texts';
import {
  toVisitPrescription,
  visitPrescriptionTexts,
  VisitPrescriptionsFields,
  type PrescriptionLine,
} from './VisitPrescriptionsFields';

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
                visit={visit}
                onDone={(status, prescriptions) => {
                  setOpen(null);
                  setRecorded((known) => ({ ...known, [visit.id]: status }));
                  setPrescribed((known) => ({ ...known, [visit.id]: prescriptions }));
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The outcome of a visit: notes, ICD-10 diagnoses, recommendations, an
 * optional rehabilitation referral and the medicines prescribed.
 */
function OutcomeForm({
  visit,
  onDone,
}: {
  visit: DoctorDayAppointmentView;
  onDone: (status: DoctorDayAppointmentView['status'], prescriptions: number) => void;
}) {
  const [notes, setNotes] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const [diagnoses, setDiagnoses] = useState<Icd10View[]>([]);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Icd10View[]>([]);
  const [rehabilitation, setRehabilitation] = useState<ServiceView[]>([]);
  const [referralService, setReferralService] = useState('');
  const [sessions, setSessions] = useState(10);
  const [prescriptions, setPrescriptions] = useState<PrescriptionLine[]>([]);
  // One key per form: a retry after a lost answer gets the same outcome instead of "already completed".
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void consoleApi.services().then(
      (services) => setRehabilitation(services.filter((service) => service.kind === 'rehabilitation')),
      (caught: unknown) => setError(errorText(caught)),
    );
  }, []);

  useEffect(() => {
    if (query.trim().length === 0) return setFound([]);
    let active = true;
    consoleApi.icd10(query.trim()).then(
      (codes) => active && setFound(codes),
      () => active && setFound([]),
    );
    return () => {
      active = false;
    };
  }, [query]);

  const { busy, submit } = useSubmit(async () => {
    setError(null);
    const outcome = await consoleApi.completeVisit(
      visit.id,
      {
        notes,
        recommendations,
        diagnoses: diagnoses.map((diagnosis) => diagnosis.code),
        referrals: referralService
          ? [{ kind: 'rehabilitation', serviceId: referralService, sessionsTotal: sessions }]
          : [],
        prescriptions: prescriptions.map(toVisitPrescription),
      },
      idempotencyKey,
    );
    onDone(outcome.status, prescriptions.length);
  }, setError);

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="outcome-form">
      {visit.patient ? (
        // Who the prescriptions will name: the doctor confirms the person before issuing.
        <p className="muted" data-testid="outcome-patient-hint">
          {t.patient}: {visit.patient.name}
          {visit.patient.age != null ? `, ${visit.patient.age} ${t.years}` : ''}
          {visit.patient.pesel ? `, PESEL ${visit.patient.pesel}` : `, ${t.noPesel}`}
        </p>
      ) : null}
      <label className="field">
        {t.notes}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="outcome-notes" />
      </label>
      <fieldset className="field">
        <legend>{t.diagnoses}</legend>
        <ul className="list">
          {diagnoses.map((diagnosis) => (
            <li key={diagnosis.code} data-testid="outcome-diagnosis">
              {diagnosis.code} {diagnosis.name}{' '}
              <button
                type="button"
                className="button button--small button--link"
                onClick={() => setDiagnoses(diagnoses.filter((d) => d.code !== diagnosis.code))}
              >
                {t.removeDiagnosis}
              </button>
            </li>
          ))}
        </ul>
        <input
          type="search"
          aria-label={t.icd10Search}
          placeholder={t.icd10Search}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="outcome-icd10-search"
        />
        <ul className="list">
          {found.map((code) => (
            <li key={code.code}>
              <button
                type="button"
                className="button button--small button--link"
                data-testid="outcome-icd10-option"
                data-code={code.code}
                onClick={() => {
                  if (!diagnoses.some((d) => d.code === code.code)) setDiagnoses([...diagnoses, code]);
                  setQuery('');
                }}
              >
                {code.code} {code.name}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <label className="field">
        {t.recommendations}
        <textarea
          value={recommendations}
          onChange={(e) => setRecommendations(e.target.value)}
          data-testid="outcome-recommendations"
        />
      </label>
      <label className="field">
        {t.rehabilitationReferral}
        <select
          value={referralService}
          onChange={(e) => setReferralService(e.target.value)}
          data-testid="outcome-referral-service"
        >
          <option value="">{t.noReferral}</option>
          {rehabilitation.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </select>
      </label>
      {referralService ? (
        <label className="field">
          {t.sessions}
          <input
            type="number"
            min={1}
            max={60}
            value={sessions}
            onChange={(e) => setSessions(Number(e.target.value))}
            data-testid="outcome-referral-sessions"
          />
        </label>
      ) : null}
      <VisitPrescriptionsFields lines={prescriptions} onChange={setPrescriptions} />
      {error ? (
        <p className="error" role="alert" data-testid="outcome-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy} data-testid="outcome-submit">
        {t.saveOutcome}
      </button>
    </form>
  );
}
