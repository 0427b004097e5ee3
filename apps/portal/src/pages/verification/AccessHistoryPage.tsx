import { ErrorMessage } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { loadState, useLoader } from '../../lib/use-loader';
import { verificationTexts } from './texts';
import { verificationApi } from './verification-api';

/** "Historia dostępu": who confirmed the identity, who looked at the account, and when. */
export function AccessHistoryPage() {
  const { t, lang } = useI18n();
  const texts = verificationTexts(lang);
  const history = useLoader(() => verificationApi.accessHistory(), []);
  const state = loadState(history);

  return (
    <section className="card" data-testid="access-history" data-state={state}>
      <PageHeading>{texts.historyTitle}</PageHeading>
      <p>{texts.historyIntro}</p>
      <ErrorMessage message={history.error ? describeError(history.error, t).message : null} />
      {history.data && history.data.length === 0 ? (
        <p data-testid="access-history-empty">{texts.historyEmpty}</p>
      ) : null}
      {history.data && history.data.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{texts.when}</th>
              <th scope="col">{texts.who}</th>
              <th scope="col">{texts.what}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((entry, i) => (
              <tr key={`${entry.at}-${i}`} data-testid="access-history-row" data-action={entry.action}>
                <td>{formatDateTime(entry.at, lang)}</td>
                <td data-testid="access-history-actor">
                  {entry.actor.kind === 'bank'
                    ? texts.bank
                    : `${entry.actor.kind === 'doctor' ? texts.doctor : texts.staff}: ${entry.actor.name}`}
                </td>
                <td>
                  {texts.actions[entry.action] ?? entry.action}
                  {entry.method ? ` (${texts.methods[entry.method] ?? entry.method})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
