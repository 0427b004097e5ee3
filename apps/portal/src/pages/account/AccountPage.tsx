import type { AccountDetailsView } from '@pacjent/contracts';
import { PageHeading } from '../../components/PageHeading';
import { ErrorMessage, InfoNote } from '../../components/Alerts';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoader } from '../../lib/use-loader';
import { Link } from '../../router';
import { accountApi } from './account-api';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ChangePhoneForm } from './ChangePhoneForm';
import { formatLongDate } from './format';
import { accountTexts } from './texts';

/** "Moje konto": personal data, consents and the settings a patient changes alone (phone, password). */
export function AccountPage() {
  const { t, lang } = useI18n();
  const texts = accountTexts(lang);
  const account = useLoader(() => accountApi.details(), []);

  return (
    <section className="card" data-testid="account-page">
      <PageHeading>{texts.title}</PageHeading>
      {account.error ? <ErrorMessage message={describeError(account.error, t).message} /> : null}
      {account.data ? (
        <>
          <PersonalData account={account.data} />
          <h2>{texts.consentsHeading}</h2>
          <ul data-testid="account-consents">
            {account.data.consents.map((consent) => (
              <li key={consent.kind}>
                {texts.termsConsent(formatLongDate(consent.acceptedAt, lang))}{' '}
                <Link to="/regulamin">{texts.termsLink}</Link>
              </li>
            ))}
            <li>{texts.filesConsent}</li>
          </ul>
          <h2>{texts.settingsHeading}</h2>
          <ChangePhoneForm current={account.data.phone} />
          <ChangePasswordForm />
        </>
      ) : (
        <p className="muted" role="status">
          {t.common.loading}
        </p>
      )}
    </section>
  );
}

function PersonalData({ account }: { account: AccountDetailsView }) {
  const { lang } = useI18n();
  const texts = accountTexts(lang);
  const level = account.verification
    ? texts.confirmedOn(
        formatLongDate(account.verification.verifiedAt, lang),
        texts.methods[account.verification.method] ?? account.verification.method,
      )
    : texts.basic;
  const rows: Array<[string, string, string]> = [
    ['name', texts.name, `${account.firstName} ${account.lastName}`],
    ['email', texts.email, account.email],
    ['phone', texts.phone, account.phone ?? texts.none],
    ['pesel', texts.pesel, account.pesel ?? texts.none],
    ['birth-date', texts.birthDate, account.birthDate ? formatLongDate(account.birthDate, lang) : texts.none],
    ['level-text', texts.level, level],
  ];
  return (
    <>
      <h2>{texts.personalHeading}</h2>
      <dl className="details" data-testid="account-personal">
        {rows.map(([key, label, value]) => (
          <div key={key} className="details__row">
            <dt>{label}</dt>
            <dd data-testid={`account-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {account.registeredName ? (
        <InfoNote>
          <p data-testid="account-registered-name">
            {texts.registeredAs(`${account.registeredName.firstName} ${account.registeredName.lastName}`)}
          </p>
        </InfoNote>
      ) : null}
    </>
  );
}
