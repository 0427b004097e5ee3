import type { OnlineSpecialtyView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { ErrorMessage } from '../../components/Alerts';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { realtime } from '../../lib/realtime';
import { onlineApi } from './online-api';

/** The specialties on offer, with the doctors on duty and the wait, kept live by the `specialties` topic. */
export function SpecialtyList({ onStart }: { onStart: (specialty: OnlineSpecialtyView) => void }) {
  const { t } = useI18n();
  const [specialties, setSpecialties] = useState<OnlineSpecialtyView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    const client = realtime();
    onlineApi.specialties().then(
      (list) => active && setSpecialties(list),
      (caught: unknown) => active && setError(caught),
    );
    const stopFrames = client.on('specialties', (frame) => setSpecialties(frame.specialties));
    const stopWatch = client.watch('specialties');
    return () => {
      active = false;
      stopFrames();
      stopWatch();
    };
  }, []);

  if (error && !specialties) return <ErrorMessage message={describeError(error, t).message} />;
  if (!specialties) return <p className="muted">{t.common.loading}</p>;
  if (specialties.length === 0) return <p className="muted">{t.online.empty}</p>;
  return (
    <ul className="online-specialties" data-testid="online-specialties" data-state="ready">
      {specialties.map((specialty) => (
        <li
          key={specialty.specialty}
          className="online-specialty"
          data-testid="online-specialty"
          data-specialty={specialty.specialty}
        >
          <h2 className="online-specialty__name">{specialty.specialty}</h2>
          <p data-testid="online-specialty-duty">
            {specialty.doctorsOnDuty > 0 ? t.online.onDuty(specialty.doctorsOnDuty) : t.online.nobodyOnDuty}
          </p>
          {specialty.estimatedWaitMinutes !== null ? (
            <p className="muted" data-testid="online-specialty-wait">
              {t.online.estimatedWait(specialty.estimatedWaitMinutes)}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            data-testid="online-start"
            aria-label={`${t.online.start}: ${specialty.specialty}`}
            onClick={() => onStart(specialty)}
          >
            {t.online.start}
          </button>
        </li>
      ))}
    </ul>
  );
}
