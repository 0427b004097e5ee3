import type { PrescriptionView } from '@pacjent/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useMe } from '../../auth/AuthProvider';
import { ErrorMessage, InfoNote, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoader } from '../../lib/use-loader';
import { medicinesApi } from './medicines-api';
import { formatDay, medicinesTexts } from './texts';

/** "Leki": Moje leki (with "Zamów e-Receptę"), e-Recepty and the renewal requests (full accounts). */
export function MedicinesPage() {
  const { lang } = useI18n();
  const me = useMe();
  const texts = medicinesTexts(lang);
  if (me.level !== 'full') {
    return (
      <div className="page" data-testid="medicines-locked">
        <PageHeading>{texts.title}</PageHeading>
        <InfoNote>
          <p>{texts.basicLocked}</p>
        </InfoNote>
      </div>
    );
  }
  return <MedicinesOfFullAccount />;
}

function MedicinesOfFullAccount() {
  const { t, lang } = useI18n();
  const texts = medicinesTexts(lang);
  const id = useId();
  const [version, setVersion] = useState(0);
  const medicines = useLoader(() => medicinesApi.medicines(), [version]);
  const prescriptions = useLoader(() => medicinesApi.prescriptions(), [version]);
  const renewals = useLoader(() => medicinesApi.renewals(), [version]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [ordered, setOrdered] = useState(false);
  const loading = medicines.loading || prescriptions.loading || renewals.loading;
  const loadError = medicines.error ?? prescriptions.error ?? renewals.error;

  const order = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setOrdered(false);
    try {
      await medicinesApi.requestRenewal(chosen, note);
      setChosen([]);
      setNote('');
      setOrdered(true);
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const download = (prescription: PrescriptionView) => {
    setError(null);
    medicinesApi.downloadPdf(prescription).catch(setError);
  };

  return (
    <div className="page" data-testid="medicines-page" data-state={loading ? 'loading' : 'ready'}>
      <PageHeading>{texts.title}</PageHeading>
      <ErrorMessage message={loadError ? describeError(loadError, t).message : null} />
      <ErrorMessage message={error ? describeError(error, t).message : null} />
      <SuccessRegion>
        {ordered ? <SuccessMessage testId="renewal-ordered">{texts.ordered}</SuccessMessage> : null}
      </SuccessRegion>

      <section className="panel" data-testid="my-medicines" aria-labelledby={`${id}-medicines`}>
        <h2 className="panel__title" id={`${id}-medicines`}>
          {texts.myMedicines}
        </h2>
        <p className="muted">{texts.myMedicinesIntro}</p>
        {medicines.data && medicines.data.length === 0 ? <p>{texts.noMedicines}</p> : null}
        <form onSubmit={(event) => void order(event)}>
          <ul className="list">
            {(medicines.data ?? []).map((row) => (
              <li key={row.medicine.id} data-testid="medicine-row" data-name={row.medicine.name}>
                <label>
                  <input
                    type="checkbox"
                    data-testid="medicine-choose"
                    disabled={!row.renewable || busy}
                    checked={chosen.includes(row.medicine.id)}
                    onChange={(event) =>
                      setChosen((list) =>
                        event.target.checked ? [...list, row.medicine.id] : list.filter((m) => m !== row.medicine.id),
                      )
                    }
                  />{' '}
                  <strong>
                    {row.medicine.name} {row.medicine.strength}
                  </strong>{' '}
                  <span className="muted">({texts.status[row.status]})</span>
                </label>
                <p className="muted">
                  {texts.lastDosage}: {row.lastDosage} · {texts.lastPrescribed}: {formatDay(row.lastPrescribedAt)}
                </p>
                {row.renewalPending ? <p data-testid="medicine-pending">{texts.pending}</p> : null}
                {row.medicine.controlled ? <p className="muted">{texts.notRenewable}</p> : null}
              </li>
            ))}
          </ul>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-note`}>
              {texts.note}
            </label>
            <textarea
              id={`${id}-note`}
              className="field__control"
              data-testid="renewal-note"
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <button
            type="submit"
            className="button button--primary"
            data-testid="renewal-order"
            disabled={busy || chosen.length === 0}
          >
            {texts.order}
          </button>
        </form>
      </section>

      <section className="panel" data-testid="prescriptions" aria-labelledby={`${id}-prescriptions`}>
        <h2 className="panel__title" id={`${id}-prescriptions`}>
          {texts.prescriptions}
        </h2>
        {prescriptions.data && prescriptions.data.length === 0 ? <p>{texts.noPrescriptions}</p> : null}
        <ul className="list">
          {(prescriptions.data ?? []).map((prescription) => (
            <li
              key={prescription.id}
              data-testid="prescription"
              data-id={prescription.id}
              data-status={prescription.status}
            >
              <p>
                {texts.code}:{' '}
                <strong
                  className="prescription-code"
                  data-testid="prescription-code"
                  style={{ fontSize: '2rem', letterSpacing: '0.2em' }}
                >
                  {prescription.accessCode}
                </strong>{' '}
                <span className="muted">({texts.status[prescription.status]})</span>
              </p>
              <p className="muted">{texts.peselHint}</p>
              <p>{texts.validity(formatDay(prescription.validFrom), formatDay(prescription.validUntil))}</p>
              <ul>
                {prescription.items.map((item) => (
                  <li key={item.medicine.id}>
                    {item.medicine.name} {item.medicine.strength}, {texts.quantity(item.quantity)}, {item.dosage},{' '}
                    {texts.refund[item.refundLevel]}
                    {item.noSubstitution ? `, ${texts.noSubstitution}` : ''}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="button button--secondary"
                data-testid="prescription-pdf"
                onClick={() => download(prescription)}
              >
                {texts.download}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" data-testid="renewals" aria-labelledby={`${id}-renewals`}>
        <h2 className="panel__title" id={`${id}-renewals`}>
          {texts.renewals}
        </h2>
        <ul className="list">
          {(renewals.data ?? []).map((request) => (
            <li key={request.id} data-testid="renewal" data-status={request.status}>
              {formatDay(request.createdAt)}: {request.medicines.map((m) => m.name).join(', ')} —{' '}
              {texts.renewalStatus[request.status]}
              {request.declineReason ? (
                <p data-testid="renewal-reason">
                  {texts.declined}: {request.declineReason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
