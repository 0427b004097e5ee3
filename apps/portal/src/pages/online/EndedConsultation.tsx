import type { OnlineConsultationView } from '@pacjent/contracts';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoader } from '../../lib/use-loader';
import { Link } from '../../router';
import { recordApi } from '../record/record-api';
import { Transcript } from './Transcript';
import type { LiveConsultation } from './use-consultation';

/** After the doctor ended it: the outcome (from the history, where it is kept) and the transcript. */
export function EndedConsultation({
  consultation,
  live,
}: {
  consultation: OnlineConsultationView;
  live: LiveConsultation;
}) {
  const { t } = useI18n();
  const record = useLoader(() => recordApi.visits('limit=20'), [consultation.id]);
  const visit = record.data?.items.find((item) => item.online?.consultationId === consultation.id);
  return (
    <section className="panel" aria-labelledby="online-ended-title" data-testid="online-ended">
      <h2 id="online-ended-title" className="panel__title">
        {t.online.endedTitle}
      </h2>
      {visit ? (
        <>
          <h3>{t.online.recommendations}</h3>
          <p data-testid="online-ended-recommendations">{visit.recommendations}</p>
        </>
      ) : (
        <p className="muted">{t.online.outcomeLater}</p>
      )}
      <Link to="/record" data-testid="online-to-history">
        {t.online.toHistory}
      </Link>
      <h3>{t.online.transcript}</h3>
      <Transcript messages={live.messages} doctorName={consultation.doctor?.name ?? t.online.doctor} />
    </section>
  );
}
