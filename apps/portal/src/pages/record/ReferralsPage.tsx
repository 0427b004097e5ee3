import { useMe } from '../../auth/AuthProvider';
import { ErrorMessage } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { loadState, useLoader } from '../../lib/use-loader';
import { Link } from '../../router';
import { recordApi } from './record-api';
import { RecordLocked } from './RecordLocked';
import { recordTexts } from './texts';

/** "Skierowania": referrals with validity and sessions; "Umów" opens the booking filtered to the service. */
export function ReferralsPage() {
  const { lang } = useI18n();
  const me = useMe();
  if (me.level !== 'full') return <RecordLocked title={recordTexts(lang).referralsTitle} />;
  return <ReferralsOfFullAccount />;
}

function ReferralsOfFullAccount() {
  const { t, lang } = useI18n();
  const texts = recordTexts(lang);
  const referrals = useLoader(() => recordApi.referrals(), []);
  const state = loadState(referrals);
  const list = referrals.data ?? [];

  return (
    <div className="page" data-testid="referrals" data-state={state}>
      <PageHeading>{texts.referralsTitle}</PageHeading>
      <ErrorMessage message={referrals.error ? describeError(referrals.error, t).message : null} />
      {state === 'ready' && list.length === 0 ? <p>{texts.noReferrals}</p> : null}
      <ul className="list">
        {list.map((referral) => (
          <li
            key={referral.id}
            className="card"
            data-testid="referral"
            data-id={referral.id}
            data-status={referral.status}
          >
            <h2>
              {texts.referralKinds[referral.kind] ?? referral.kind}: {referral.service.name}
            </h2>
            <p className="muted">
              {referral.doctor.name} · {texts.issued}: {formatDateTime(referral.issuedAt, lang)} · {texts.validUntil}:{' '}
              {formatDateTime(referral.validUntil, lang)} · {texts.statuses[referral.status] ?? referral.status}
            </p>
            {referral.kind === 'rehabilitation' ? (
              <p data-testid="referral-sessions">{texts.sessions(referral.sessionsUsed, referral.sessionsLeft)}</p>
            ) : null}
            {referral.status === 'active' ? (
              <Link
                to={`/book?service=${encodeURIComponent(referral.service.id)}&referral=${encodeURIComponent(referral.id)}`}
                className="button"
                data-testid="referral-book"
              >
                {texts.book}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
