import { availableFeaturesPhrase } from '../../lib/features';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorMessage, InfoNote } from '../../components/Alerts';
import { LevelBadge } from '../../components/LevelBadge';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoader } from '../../lib/use-loader';
import { Link } from '../../router';
import { explainCode, verificationTexts } from './texts';
import { verificationApi } from './verification-api';

/** "Potwierdź tożsamość": the bank (online) or the other ways (phone, facility, contact form). */
export function ConfirmIdentityPage() {
  const { t, lang } = useI18n();
  const texts = verificationTexts(lang);
  const { state } = useAuth();
  const status = useLoader(() => verificationApi.status(), []);
  const [redirecting, setRedirecting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const level = status.data?.level ?? (state.status === 'authenticated' ? state.me.level : 'basic');

  const startBank = async () => {
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
    <section className="card" data-testid="verification-page">
      <PageHeading>{texts.confirmTitle}</PageHeading>
      <LevelBadge level={level} />
      {level === 'full' ? (
        <p data-testid="verification-already-full">{texts.alreadyFull}</p>
      ) : (
        <>
          <p data-testid="verification-intro">{texts.intro(availableFeaturesPhrase(lang))}</p>
          {status.data?.code ? (
            <InfoNote>
              <p data-testid="verification-latest" data-code={status.data.code}>
                {texts.latestRefused} {explainCode(texts, status.data.code)}
              </p>
              {status.data.latest?.staff ? (
                <p data-testid="verification-latest-decision">
                  {texts.decidedOn(formatDateTime(status.data.latest.at, lang))}
                  {status.data.latest.reason ? ` ${texts.staffReason} ${status.data.latest.reason}` : ''}
                </p>
              ) : null}
            </InfoNote>
          ) : null}
          <h2>{texts.bankHeading}</h2>
          <p>{texts.bankText}</p>
          <fieldset className="fieldset">
            <legend>{texts.bankChoice}</legend>
            <label className="field__label--check">
              <input type="radio" name="bank" value="sandbox" defaultChecked data-testid="verification-bank-sandbox" />{' '}
              {texts.sandboxBank}
            </label>
          </fieldset>
          <button
            type="button"
            className="button button--primary"
            data-testid="verification-bank-start"
            disabled={redirecting}
            onClick={() => void startBank()}
          >
            {redirecting ? texts.redirecting : texts.bankStart}
          </button>
          <ErrorMessage message={error ? describeError(error, t).message : null} />
          <h2>{texts.otherHeading}</h2>
          <ul data-testid="verification-other-ways">
            <li>{texts.callCenter}</li>
            <li>{texts.facility}</li>
            <li>
              {texts.contactForm}{' '}
              <Link to="/verification/contact" data-testid="verification-contact-link">
                {texts.contactLink}
              </Link>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}
