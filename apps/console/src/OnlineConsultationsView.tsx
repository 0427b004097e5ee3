import type { DoctorDutyView, OnlineConsultationView, OnlineForm } from '@pacjent/contracts';
import { PushedOrAsked } from '@pacjent/web';
import { useEffect, useState } from 'react';
import { consoleApi } from './api';
import { OnlineSessionView } from './OnlineSessionView';
import { realtime } from './realtime';
import { errorText, formatDate, t } from './texts';

/** "Konsultacje online" for a doctor: the duty, the live queue, "Weź następnego", then the session. */
export function OnlineConsultationsView() {
  const [session, setSession] = useState<string | null>(null);
  if (session) return <OnlineSessionView consultationId={session} onClose={() => setSession(null)} />;
  return (
    <section className="card" data-testid="online-doctor">
      <h1>{t.online.tab}</h1>
      <DutyPanel />
      <QueuePanel onTaken={(consultation) => setSession(consultation.id)} />
    </section>
  );
}

function DutyPanel() {
  const [duty, setDuty] = useState<DoctorDutyView | null>(null);
  const [specialties, setSpecialties] = useState<string[]>([]);
  const [forms, setForms] = useState<OnlineForm[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (loaded: DoctorDutyView) => {
    setDuty(loaded);
    setSpecialties(loaded.onDuty ? loaded.specialties : loaded.available.specialties);
    setForms(loaded.onDuty ? loaded.forms : loaded.available.forms);
  };

  useEffect(() => {
    consoleApi.onlineDuty().then(show, (caught: unknown) => setError(errorText(caught)));
  }, []);

  const run = async (action: () => Promise<DoctorDutyView>) => {
    setBusy(true);
    setError(null);
    try {
      show(await action());
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  if (!duty)
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">{t.loading}</p>
    );
  return (
    <form
      className="card"
      data-testid="online-duty"
      data-on-duty={duty.onDuty}
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => consoleApi.goOnDuty(specialties, forms));
      }}
    >
      <h2>{t.online.duty}</h2>
      <p data-testid="online-duty-state">{duty.onDuty ? t.online.onDuty : t.online.offDuty}</p>
      <fieldset className="field">
        <legend>{t.online.specialties}</legend>
        {duty.available.specialties.map((specialty) => (
          <label key={specialty}>
            <input
              type="checkbox"
              checked={specialties.includes(specialty)}
              data-testid="online-duty-specialty"
              value={specialty}
              onChange={() => setSpecialties(toggle(specialties, specialty))}
            />{' '}
            {specialty}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t.online.forms}</legend>
        {duty.available.forms.map((form) => (
          <label key={form}>
            <input
              type="checkbox"
              checked={forms.includes(form)}
              data-testid={`online-duty-form-${form}`}
              onChange={() => setForms(toggle(forms, form))}
            />{' '}
            {t.online.formNames[form]}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="error" role="alert" data-testid="online-duty-error">
          {error}
        </p>
      ) : null}
      <span className="actions">
        <button
          type="submit"
          className="button"
          disabled={busy || specialties.length === 0 || forms.length === 0}
          data-testid="online-duty-start"
        >
          {duty.onDuty ? t.online.updateDuty : t.online.goOnDuty}
        </button>
        {duty.onDuty ? (
          <button
            type="button"
            className="button button--link"
            disabled={busy}
            data-testid="online-duty-stop"
            onClick={() => void run(consoleApi.goOffDuty)}
          >
            {t.online.goOffDuty}
          </button>
        ) : null}
      </span>
    </form>
  );
}

/** How often the queue is asked for again, besides the pushes. */
const QUEUE_REFRESH_MS = 10_000;

function QueuePanel({ onTaken }: { onTaken: (consultation: OnlineConsultationView) => void }) {
  const [waiting, setWaiting] = useState<OnlineConsultationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let active = true;
    const client = realtime();
    const queue = new PushedOrAsked<OnlineConsultationView[]>((list) => active && setWaiting(list));
    const load = (first: boolean) =>
      queue.ask(consoleApi.onlineQueue).catch(
        // A failed refresh says nothing: the pushes and the next refresh go on.
        (caught: unknown) => active && first && setError(errorText(caught)),
      );
    void load(true);
    // Pushes ride core NATS (a lost one is not resent): asking again now and then keeps a quiet queue true.
    const refresh = setInterval(() => void load(false), QUEUE_REFRESH_MS);
    const stopFrames = client.on('doctor_queue', (frame) => queue.pushed(frame.waiting));
    const stopWatch = client.watch('doctor_queue');
    return () => {
      active = false;
      clearInterval(refresh);
      stopFrames();
      stopWatch();
    };
  }, []);

  const takeNext = async () => {
    setBusy(true);
    setError(null);
    try {
      onTaken(await consoleApi.takeNext());
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <section
      className="card"
      aria-labelledby="online-queue-title"
      data-testid="online-queue"
      data-count={waiting?.length ?? ''}
    >
      <h2 id="online-queue-title">{t.online.queue}</h2>
      {waiting && waiting.length === 0 ? <p className="muted">{t.online.queueEmpty}</p> : null}
      <ol className="list">
        {(waiting ?? []).map((consultation) => (
          <li key={consultation.id} data-testid="online-queue-entry" data-id={consultation.id}>
            {consultation.patient.name}
            {consultation.patient.age != null ? ` (${consultation.patient.age} ${t.years})` : ''} ·{' '}
            {consultation.specialty} · {t.online.formNames[consultation.form]} · {t.online.waitingSince}{' '}
            {formatDate(consultation.requestedAt)}
          </li>
        ))}
      </ol>
      {error ? (
        <p className="error" role="alert" data-testid="online-queue-error">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={busy}
        data-testid="online-take-next"
        onClick={() => void takeNext()}
      >
        {t.online.takeNext}
      </button>
    </section>
  );
}
