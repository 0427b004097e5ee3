import { useState } from 'react';
import { resultsApi } from '../../api/results';
import { ErrorMessage } from '../../components/Alerts';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { resultsTexts } from './texts';

/** "Pobierz moją dokumentację (FHIR)": the patient's record as a FHIR R4 Bundle file (full accounts). */
export function RecordExportButton({ testId = 'record-export' }: { testId?: string }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onClick = () => {
    setBusy(true);
    setError(null);
    resultsApi
      .exportRecord()
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" className="button button--ghost" data-testid={testId} disabled={busy} onClick={onClick}>
        {resultsTexts(lang).exportFhir}
      </button>
      <ErrorMessage message={error ? describeError(error, t).message : null} />
    </>
  );
}
