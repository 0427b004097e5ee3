import type { PatientDetailView, PatientSummaryView, StaffChannel } from '@pacjent/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { consoleApi } from './api';
import { DocumentFields } from './DocumentFields';
import { PatientActivity } from './PatientActivity';
import { useSearchParam } from './router';
import { errorText, formatDate, t } from './texts';

/**
 * Find a patient by email, PESEL or name; open one to see the level and history and confirm the identity.
 * The search (`?q=`) and the open patient (`?patient=`) are in the address.
 */
export function PatientsView() {
  const [searched, setSearched] = useSearchParam('q', '', ['patient']);
  const [selected, setSelected] = useSearchParam('patient');
  const [query, setQuery] = useState(searched);
  const [results, setResults] = useState<PatientSummaryView[] | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);

  // Back/forward to another search shows it in the field too.
  useEffect(() => setQuery(searched), [searched]);

  useEffect(() => {
    if (searched.trim().length < 2) return;
    let active = true;
    setState('loading');
    setError(null);
    consoleApi.searchPatients(searched.trim()).then(
      (found) => {
        if (!active) return;
        setResults(found);
        setState('ready');
      },
      (caught: unknown) => {
        if (!active) return;
        setError(errorText(caught));
        setState('error');
      },
    );
    return () => {
      active = false;
    };
  }, [searched]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setSearched(query.trim());
  };

  return (
    <div className="columns">
      <section className="card">
        <h1>{t.patients}</h1>
        <form onSubmit={search} className="search">
          <label className="field">
            {t.searchLabel}
            <input
              value={query}
              minLength={2}
              required
              onChange={(e) => setQuery(e.target.value)}
              data-testid="patient-search-query"
            />
          </label>
          <button type="submit" className="button" data-testid="patient-search-submit">
            {t.search}
          </button>
        </form>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <ul className="list" data-testid="patient-results" data-state={state}>
          {results?.length === 0 ? <li className="muted">{t.noResults}</li> : null}
          {results?.map((patient) => (
            <li key={patient.id} data-testid="patient-result" data-patient-id={patient.id} data-level={patient.level}>
              <span>
                <strong>
                  {patient.firstName} {patient.lastName}
                </strong>{' '}
                {patient.registeredName ? (
                  <span data-testid="patient-registered-name">
                    ({t.registeredAs} {patient.registeredName.firstName} {patient.registeredName.lastName}){' '}
                  </span>
                ) : null}
                · {patient.email} {patient.pesel ? `· ${patient.pesel}` : ''}
              </span>
              <span className={`badge badge--${patient.level}`}>{patient.level === 'full' ? t.full : t.basic}</span>
              <button
                type="button"
                className="button button--small"
                data-testid="patient-open"
                aria-label={`${t.open}: ${patient.firstName} ${patient.lastName}`}
                onClick={() => setSelected(patient.id)}
              >
                {t.open}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {selected ? <PatientDetail key={selected} id={selected} /> : null}
      {selected ? <PatientActivity key={`activity-${selected}`} patientId={selected} /> : null}
    </div>
  );
}

function PatientDetail({ id }: { id: string }) {
  const [patient, setPatient] = useState<PatientDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmedNow, setConfirmedNow] = useState(false);

  useEffect(() => {
    let active = true;
    consoleApi.patient(id).then(
      (loaded) => active && setPatient(loaded),
      (caught: unknown) => active && setError(errorText(caught)),
    );
    return () => {
      active = false;
    };
  }, [id]);
  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  if (!patient) return <p className="muted">{t.loading}</p>;

  return (
    <section
      className="card"
      data-testid="patient-detail"
      data-level={patient.level}
      aria-label={`${patient.firstName} ${patient.lastName}`}
    >
      <h2>
        {patient.firstName} {patient.lastName}{' '}
        <span className={`badge badge--${patient.level}`}>{patient.level === 'full' ? t.full : t.basic}</span>
      </h2>
      {patient.registeredName ? (
        <p className="muted" data-testid="patient-detail-registered-name">
          {t.registeredAs} {patient.registeredName.firstName} {patient.registeredName.lastName}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t.email}</dt>
        <dd>{patient.email}</dd>
        <dt>{t.pesel}</dt>
        <dd>{patient.pesel ?? '—'}</dd>
        <dt>{t.birthDate}</dt>
        <dd>{patient.birthDate ?? '—'}</dd>
        <dt>{t.phone}</dt>
        <dd>{patient.phone ?? '—'}</dd>
      </dl>
      <h3>{t.history}</h3>
      <ul className="list" data-testid="patient-history">
        {patient.history.length === 0 ? <li className="muted">{t.noHistory}</li> : null}
        {patient.history.map((event) => (
          <li key={event.id} data-testid="patient-history-row" data-outcome={event.outcome} data-method={event.method}>
            {formatDate(event.at)} · {t.methods[event.method] ?? event.method} ·{' '}
            {event.outcome === 'confirmed' ? t.confirmed : refusalText(event.code, event.reason)}
            {event.staff ? ` · ${t.by} ${event.staff.name}` : ''}
            {event.documentType
              ? ` · ${t.documents[event.documentType] ?? event.documentType} …${event.documentNumberLast4 ?? ''}`
              : ''}
          </li>
        ))}
      </ul>
      <div role="status" aria-live="polite">
        {confirmedNow ? (
          <p className="success" data-testid="confirm-success">
            {t.confirmedNow}
          </p>
        ) : null}
      </div>
      {patient.level === 'basic' ? (
        <ConfirmForm
          patientId={patient.id}
          onConfirmed={(updated) => {
            setConfirmedNow(true);
            setPatient(updated);
          }}
        />
      ) : null}
    </section>
  );
}

function ConfirmForm({ patientId, onConfirmed }: { patientId: string; onConfirmed: (p: PatientDetailView) => void }) {
  const [channel, setChannel] = useState<StaffChannel>('call_center');
  const [documentType, setDocumentType] = useState('id_card');
  const [last4, setLast4] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await consoleApi.confirm(patientId, {
        channel,
        documentType,
        documentNumberLast4: last4,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onConfirmed(updated);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="confirm">
      <h3>{t.confirmTitle}</h3>
      <label className="field">
        {t.channel}
        <select
          value={channel}
          onChange={(e) => setChannel(e.target.value as StaffChannel)}
          data-testid="confirm-channel"
        >
          {Object.entries(t.channels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <DocumentFields
        documentType={documentType}
        onDocumentType={setDocumentType}
        last4={last4}
        onLast4={setLast4}
        testIdPrefix="confirm"
      />
      <label className="field">
        {t.note}
        <textarea value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} data-testid="confirm-note" />
      </label>
      {error ? (
        <p className="error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy} data-testid="confirm-submit">
        {t.confirm}
      </button>
    </form>
  );
}

/** "odmowa: tylko w placówce — <the reason given>", never an empty "odmowa ()". */
function refusalText(code: string | null, reason: string | null): string {
  const why = code ? (t.refusals[code] ?? code) : null;
  return [t.refused, why ? `: ${why}` : '', reason ? ` — ${reason}` : ''].join('');
}
