import type { OnlineFallbackSlotsView, SlotView } from '@pacjent/contracts';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { describeError } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

/** Nobody on duty (or the wait is too long): the next free phone and video slots, booked in one click. */
export function FallbackSlots({ fallback, onBack }: { fallback: OnlineFallbackSlotsView; onBack: () => void }) {
  const { t, lang } = useI18n();
  const [booked, setBooked] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const book = async (slot: SlotView) => {
    setBusy(slot.id);
    setError(null);
    try {
      await api.book(slot.id, crypto.randomUUID());
      setBooked(slot.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const list = (title: string, slots: SlotView[], testId: string) => (
    <section aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      {slots.length === 0 ? <p className="muted">{t.online.noSlots}</p> : null}
      <ul className="list">
        {slots.map((slot) => (
          <li key={slot.id} data-testid="online-fallback-slot" data-id={slot.id}>
            {formatDateTime(slot.startsAt, lang)} · {slot.doctor.name}{' '}
            <button
              type="button"
              className="button button--small"
              disabled={busy !== null || booked !== null}
              data-testid="online-fallback-book"
              aria-label={`${t.online.book}: ${formatDateTime(slot.startsAt, lang)}, ${slot.doctor.name}`}
              onClick={() => void book(slot)}
            >
              {t.online.book}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );

  return (
    <section className="panel" data-testid="online-fallback" data-reason={fallback.reason ?? ''}>
      <h2 className="panel__title">{t.online.unavailableTitle}</h2>
      <p>{fallback.reason === 'wait_too_long' ? t.online.unavailableWait : t.online.unavailableNobody}</p>
      {list(t.online.phoneSlots, fallback.phone, 'online-fallback-phone')}
      {list(t.online.videoSlots, fallback.video, 'online-fallback-video')}
      <ErrorMessage message={error ? describeError(error, t).message : null} />
      <SuccessRegion>
        {booked ? <SuccessMessage testId="online-fallback-booked">{t.online.booked}</SuccessMessage> : null}
      </SuccessRegion>
      <button type="button" className="button button--ghost" onClick={onBack}>
        {t.online.back}
      </button>
    </section>
  );
}
