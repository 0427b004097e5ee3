import type { DoctorDayAppointmentView, Icd10View, ServiceView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { consoleApi, type VisitOutcomeInput } from './api';
import { useSubmit } from './hooks';
import { errorText, t } from './texts';
import { toVisitPrescription, VisitPrescriptionsFields, type PrescriptionLine } from './VisitPrescriptionsFields';

/**
 * The outcome of a visit or an online consultation: notes, ICD-10 diagnoses,
 * recommendations, an optional rehabilitation referral and, for a visit, the
 * medicines prescribed. `save` sends it (completing a visit, or ending an
 * online consultation) with one Idempotency-Key per form, so a retry after a
 * lost answer gets the same outcome.
 */
export function OutcomeForm({
  save,
  submitLabel = t.saveOutcome,
  patient,
  prescribing = false,
}: {
  save: (outcome: VisitOutcomeInput, idempotencyKey: string) => Promise<void>;
  submitLabel?: string;
  /** Whom the outcome (and its prescriptions) will name: the doctor confirms the person. */
  patient?: DoctorDayAppointmentView['patient'];
  prescribing?: boolean;
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
    await save(
      {
        notes,
        recommendations,
        diagnoses: diagnoses.map((diagnosis) => diagnosis.code),
        referrals: referralService
          ? [{ kind: 'rehabilitation', serviceId: referralService, sessionsTotal: sessions }]
          : [],
        ...(prescribing ? { prescriptions: prescriptions.map(toVisitPrescription) } : {}),
      },
      idempotencyKey,
    );
  }, setError);

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="outcome-form">
      {patient ? (
        <p className="muted" data-testid="outcome-patient-hint">
          {t.patient}: {patient.name}
          {patient.age != null ? `, ${patient.age} ${t.years}` : ''}
          {patient.pesel ? `, PESEL ${patient.pesel}` : `, ${t.noPesel}`}
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
      {prescribing ? <VisitPrescriptionsFields lines={prescriptions} onChange={setPrescriptions} /> : null}
      {error ? (
        <p className="error" role="alert" data-testid="outcome-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy} data-testid="outcome-submit">
        {submitLabel}
      </button>
    </form>
  );
}
