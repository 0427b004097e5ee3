import type { MeView } from '@pacjent/contracts';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { describeError } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { availableFeaturesPhrase } from '../lib/features';
import { ErrorMessage } from './Alerts';
import { LevelBadge } from './LevelBadge';
import { RecordExportButton } from '../pages/results/RecordExportButton';

/** The account level, the basic account's limit and the way to a full account. */
export function AccountPanel({ me }: { me: MeView }) {
  const { t, lang } = useI18n();
  const [redirecting, setRedirecting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirmIdentity = async () => {
    setRedirecting(true);
    setError(null);
    try {
      const { authorizationUrl } = await api.startBankVerification();
      window.location.assign(authorizationUrl);
    } catch (caught) {
      setError(caught);
      setRedirecting(false);
    }
  };

  return (
    <section className="account" aria-label={me.level === 'full' ? t.account.full : t.account.basic}>
      <LevelBadge level={me.level} />
      {me.level === 'basic' ? (
        <>
          <p className="account__limit" data-testid="basic-limit-hint">
            {t.account.basicLimit}
          </p>
          <p className="account__why">{t.account.confirmIdentityWhy(availableFeaturesPhrase(lang))}</p>
          <button
            type="button"
            className="button button--secondary"
            data-testid="confirm-identity"
            disabled={redirecting}
            onClick={() => void confirmIdentity()}
          >
            {redirecting ? t.account.redirecting : t.account.confirmIdentity}
          </button>
          <ErrorMessage message={error ? describeError(error, t).message : null} />
        </>
      ) : (
        <RecordExportButton testId="account-record-export" />
      )}
    </section>
  );
}
