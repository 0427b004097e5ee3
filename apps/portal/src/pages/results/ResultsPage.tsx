import type { ObservationView, ResultView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { resultsApi } from '../../api/results';
import { useMe } from '../../auth/AuthProvider';
import { ErrorMessage, InfoNote } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { localeOf, type Lang } from '../../i18n/lang';
import { useLinkedId, useRevealLinked } from '../../lib/deep-link';
import { useLoader } from '../../lib/use-loader';
import { Link } from '../../router';
import { ParameterChart } from './ParameterChart';
import { RecordExportButton } from './RecordExportButton';
import { resultsTexts } from './texts';

/** Reports per page: RESULTS_PAGE_SIZE of libs/contracts, the API's default (the bundle takes no runtime code from contracts). */
const PAGE_SIZE = 10;

/** "Wyniki badań": lab results with every value and flag, a chart of one parameter (full accounts). */
export function ResultsPage() {
  const { lang } = useI18n();
  const me = useMe();
  const texts = resultsTexts(lang);
  if (me.level !== 'full') {
    return (
      <div className="page" data-testid="results-locked">
        <PageHeading>{texts.title}</PageHeading>
        <InfoNote>
          <p>{texts.locked}</p>
          <Link to="/verification" data-testid="results-confirm-identity">
            {texts.lockedLink}
          </Link>
        </InfoNote>
      </div>
    );
  }
  return <ResultsOfFullAccount />;
}

function number(value: number, lang: Lang): string {
  return value.toLocaleString(localeOf(lang));
}

function rangeText(o: ObservationView, lang: Lang): string {
  if (o.referenceLow !== null && o.referenceHigh !== null) {
    return `${number(o.referenceLow, lang)}–${number(o.referenceHigh, lang)} ${o.unit}`;
  }
  if (o.referenceHigh !== null) return `≤ ${number(o.referenceHigh, lang)} ${o.unit}`;
  if (o.referenceLow !== null) return `≥ ${number(o.referenceLow, lang)} ${o.unit}`;
  return '—';
}

function ResultsOfFullAccount() {
  const { t, lang } = useI18n();
  const texts = resultsTexts(lang);
  const [pages, setPages] = useState(1);
  const results = useLoader(() => resultsApi.list(1, PAGE_SIZE * pages), [pages]);
  // A notice's link (`?report=`): that result is highlighted, and shown first when it is not on the loaded pages.
  const linkedId = useLinkedId('report');
  const listed = results.data?.items ?? [];
  const linkedElsewhere = linkedId !== null && results.data !== undefined && !listed.some((r) => r.id === linkedId);
  const linked = useLoader(
    () => (linkedElsewhere ? resultsApi.get(linkedId) : Promise.resolve(null)),
    [linkedId, linkedElsewhere],
  );
  const items = linked.data ? [linked.data, ...listed] : listed;
  useRevealLinked(linkedId ? `[data-testid="result"][data-id="${linkedId}"]` : null, items.length);
  const [chartCode, setChartCode] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  // The chart opens on the newest result's first parameter until the patient picks another.
  const shownCode = chartCode ?? items[0]?.observations[0]?.code ?? null;
  const series = useLoader(
    () => (shownCode ? resultsApi.series(shownCode) : Promise.resolve(null)),
    [shownCode, results.data?.total],
  );
  useEffect(() => setActionError(null), [shownCode]);

  const state = results.loading && !results.data ? 'loading' : results.error && !results.data ? 'error' : 'ready';
  const act = (action: Promise<void>) => {
    setActionError(null);
    action.catch(setActionError);
  };

  return (
    <div className="page">
      <div className="page__head">
        <PageHeading>{texts.title}</PageHeading>
        <RecordExportButton />
      </div>
      <ErrorMessage message={actionError ? describeError(actionError, t).message : null} />

      {series.data ? (
        <section className="panel" aria-label={texts.chart}>
          <ParameterChart series={series.data} lang={lang} />
        </section>
      ) : null}

      <section className="panel" data-testid="results-list" data-state={state} aria-label={texts.title}>
        <ErrorMessage message={results.error ? describeError(results.error, t).message : null} />
        {state === 'loading' ? <p className="muted">{texts.loading}</p> : null}
        {state === 'ready' && items.length === 0 ? <p className="empty">{texts.empty}</p> : null}
        {items.map((result) => (
          <ResultCard
            key={result.id}
            result={result}
            linked={result.id === linkedId}
            lang={lang}
            shownCode={shownCode}
            onChart={setChartCode}
            onPdf={() => act(resultsApi.downloadPdf(result))}
          />
        ))}
        {results.data && items.length < results.data.total ? (
          <button
            type="button"
            className="button button--ghost"
            data-testid="results-more"
            onClick={() => setPages((n) => n + 1)}
          >
            {texts.more}
          </button>
        ) : null}
      </section>
    </div>
  );
}

function ResultCard(props: {
  result: ResultView;
  linked: boolean;
  lang: Lang;
  shownCode: string | null;
  onChart: (code: string) => void;
  onPdf: () => void;
}) {
  const { result, linked, lang, shownCode, onChart, onPdf } = props;
  const texts = resultsTexts(lang);
  return (
    <article
      className={linked ? 'result result--linked' : 'result'}
      data-testid="result"
      data-id={result.id}
      data-linked={linked ? 'true' : undefined}
      aria-current={linked ? 'true' : undefined}
    >
      <header className="result__head">
        <h2 className="result__title">{result.name}</h2>
        <p className="muted">
          {formatDateTime(result.effectiveAt, lang)}
          {result.laboratory ? ` · ${texts.laboratory}: ${result.laboratory}` : ''} · {texts.abnormal(result.abnormal)}
        </p>
        {result.hasPdf ? (
          <button type="button" className="button button--ghost" data-testid="result-pdf" onClick={onPdf}>
            {texts.pdf}
          </button>
        ) : null}
      </header>
      <div className="result__wrap">
        <table className="result__table">
          <thead>
            <tr>
              <th scope="col">{texts.parameter}</th>
              <th scope="col">{texts.value}</th>
              <th scope="col">{texts.range}</th>
              <th scope="col">{texts.flag}</th>
              <th scope="col">
                <span className="visually-hidden">{texts.chart}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {result.observations.map((o) => (
              <tr key={o.id} data-testid="observation" data-code={o.code} data-flag={o.flag ?? 'none'}>
                <th scope="row">{o.name}</th>
                <td className={o.flag === 'low' || o.flag === 'high' ? 'result__value--out' : undefined}>
                  {number(o.value, lang)} {o.unit}
                </td>
                <td>{rangeText(o, lang)}</td>
                <td>
                  {o.flag ? (
                    <span className={`flag flag--${o.flag}`} data-testid="observation-flag">
                      {texts.flags[o.flag]}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--link"
                    data-testid="observation-chart"
                    aria-pressed={shownCode === o.code}
                    aria-label={texts.showChart(o.name)}
                    onClick={() => onChart(o.code)}
                  >
                    {texts.chart}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
