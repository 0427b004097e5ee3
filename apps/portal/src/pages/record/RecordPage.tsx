import type { PrescriptionView, RecordVisitView } from '@pacjent/contracts';
import { useState } from 'react';
import { useMe } from '../../auth/AuthProvider';
import { ErrorMessage } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useLinkedId, useRevealLinked } from '../../lib/deep-link';
import { loadState, useLoader } from '../../lib/use-loader';
import { Transcript } from '../online/Transcript';
import { recordApi } from './record-api';
import { RecordLocked } from './RecordLocked';
import { recordTexts } from './texts';

const PAGE = 20;

/** "Leczenie → Twoja historia": completed visits, newest first, with what the doctor left and the questions. */
export function RecordPage() {
  const { lang } = useI18n();
  const me = useMe();
  if (me.level !== 'full') return <RecordLocked title={recordTexts(lang).historyTitle} />;
  return <RecordOfFullAccount />;
}

function RecordOfFullAccount() {
  const { t, lang } = useI18n();
  const texts = recordTexts(lang);
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const query = new URLSearchParams({
    limit: String(limit),
    ...(kind ? { kind } : {}),
    ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
    ...(to ? { to: new Date(`${to}T23:59:59`).toISOString() } : {}),
  }).toString();
  const visits = useLoader(() => recordApi.visits(query), [query]);
  const state = loadState(visits);
  // A notice's link (`?visit=`, "the doctor answered"): that visit is highlighted and its questions scrolled to,
  // shown first when it is not on the loaded page.
  const linkedId = useLinkedId('visit');
  const listed = visits.data?.items ?? [];
  const linkedElsewhere = linkedId !== null && visits.data !== undefined && !listed.some((v) => v.id === linkedId);
  const linked = useLoader(
    () => (linkedElsewhere ? recordApi.visit(linkedId) : Promise.resolve(null)),
    [linkedId, linkedElsewhere, visits.data],
  );
  const items = linked.data && linkedElsewhere ? [linked.data, ...listed] : listed;
  useRevealLinked(
    linkedId ? `[data-testid="record-visit"][data-id="${linkedId}"] [data-testid="record-visit-questions"]` : null,
    items.length,
  );
  // Prescriptions live in their own service, linked to the visit by its appointment id; without them the visits still show.
  const prescriptions = useLoader(() => recordApi.prescriptions(), [visits.data]);
  const issuedAt = (visit: RecordVisitView) =>
    (prescriptions.data ?? []).filter((prescription) => prescription.appointmentId === visit.id);

  return (
    <div className="page" data-testid="record" data-state={state}>
      <PageHeading>{texts.historyTitle}</PageHeading>
      <div className="filters">
        <label className="field">
          {texts.kind}
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="record-kind">
            <option value="">{texts.allKinds}</option>
            {Object.entries(texts.kinds).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {texts.from}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="record-from" />
        </label>
        <label className="field">
          {texts.to}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="record-to" />
        </label>
      </div>
      <ErrorMessage message={visits.error ? describeError(visits.error, t).message : null} />
      {state === 'ready' && items.length === 0 ? <p data-testid="record-empty">{texts.empty}</p> : null}
      <ul className="list">
        {items.map((visit) => (
          <VisitCard
            key={visit.id}
            visit={visit}
            linked={visit.id === linkedId}
            prescriptions={issuedAt(visit)}
            onAsked={visits.reload}
          />
        ))}
      </ul>
      {visits.data && visits.data.total > items.length ? (
        <button type="button" className="button button--secondary" onClick={() => setLimit(limit + PAGE)}>
          {texts.more}
        </button>
      ) : null}
    </div>
  );
}

function VisitCard({
  visit,
  linked,
  prescriptions,
  onAsked,
}: {
  visit: RecordVisitView;
  linked: boolean;
  prescriptions: PrescriptionView[];
  onAsked: () => void;
}) {
  const { t, lang } = useI18n();
  const texts = recordTexts(lang);
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const ask = async () => {
    setSending(true);
    setError(null);
    try {
      await recordApi.ask(visit.id, question);
      setQuestion('');
      onAsked();
    } catch (caught) {
      setError(caught);
    } finally {
      setSending(false);
    }
  };

  return (
    <li
      className={linked ? 'card card--linked' : 'card'}
      data-testid="record-visit"
      data-id={visit.id}
      data-linked={linked ? 'true' : undefined}
      aria-current={linked ? 'true' : undefined}
    >
      <h2>
        {formatDateTime(visit.startsAt, lang)} · {visit.service.name}
      </h2>
      <p className="muted">
        {visit.doctor.name} · {texts.channels[visit.channel] ?? visit.channel}
      </p>
      <h3>{texts.recommendations}</h3>
      <p data-testid="record-visit-recommendations">{visit.recommendations}</p>
      <OnlineTranscript visit={visit} />
      {visit.diagnoses.length > 0 ? (
        <>
          <h3>{texts.diagnoses}</h3>
          <ul data-testid="record-visit-diagnoses">
            {visit.diagnoses.map((diagnosis) => (
              <li key={diagnosis.code}>
                {diagnosis.code} — {diagnosis.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {visit.referrals.length > 0 ? (
        <>
          <h3>{texts.referrals}</h3>
          <ul>
            {visit.referrals.map((referral) => (
              <li key={referral.id}>
                {texts.referralKinds[referral.kind] ?? referral.kind}: {referral.service.name} (
                {texts.statuses[referral.status] ?? referral.status})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {prescriptions.length > 0 ? (
        <>
          <h3>{texts.prescriptions}</h3>
          <ul data-testid="record-visit-prescriptions">
            {prescriptions.map((prescription) => (
              <li key={prescription.id} data-testid="record-prescription" data-id={prescription.id}>
                {prescription.items
                  .map((item) => `${item.medicine.name} ${item.medicine.strength} — ${item.dosage}`)
                  .join('; ')}{' '}
                <span className="muted">
                  ({texts.prescriptionCode}: {prescription.accessCode},{' '}
                  {texts.prescriptionStatuses[prescription.status] ?? prescription.status})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{texts.questions}</h3>
      <ul data-testid="record-visit-questions">
        {visit.questions.map((item) => (
          <li key={item.id} data-testid="record-question" data-status={item.status}>
            <p>{item.text}</p>
            <p className="muted">
              {item.answer ? (
                <>
                  {texts.answer}: <span data-testid="record-question-answer">{item.answer}</span>
                </>
              ) : (
                texts.waiting
              )}
            </p>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void ask();
        }}
      >
        <label className="field">
          {texts.askLabel}
          <textarea
            required
            maxLength={2000}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            data-testid="record-ask-text"
          />
        </label>
        <ErrorMessage message={error ? describeError(error, t).message : null} />
        <button type="submit" className="button" disabled={sending} data-testid="record-ask-submit">
          {texts.send}
        </button>
      </form>
    </li>
  );
}

/** An online consultation's entry keeps its transcript (chat, call start and end, shared files). */
function OnlineTranscript({ visit }: { visit: RecordVisitView }) {
  const { t } = useI18n();
  if (!visit.online) return null;
  return (
    <section data-testid="record-visit-online" data-consultation-id={visit.online.consultationId}>
      <h3>
        {t.online.transcript} ({t.online.forms[visit.online.form]})
      </h3>
      <Transcript messages={visit.online.transcript} doctorName={visit.doctor.name} />
    </section>
  );
}
