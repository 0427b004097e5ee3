import type { SlotView } from '@pacjent/contracts';
import { formatDayHeading, formatTimeRange } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { groupSlotsByDay } from '../../lib/slots';
import { placeOf } from '../VisitDetails';

interface Props {
  slots: readonly SlotView[];
  onReserve: (slot: SlotView) => void;
}

/** Free slots, one block per day, each with "Zarezerwuj". */
export function SlotList({ slots, onReserve }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="slot-days">
      {groupSlotsByDay(slots).map(({ day, slots: daySlots }) => (
        <section key={day} className="slot-day" aria-labelledby={`day-${day}`}>
          <h3 id={`day-${day}`} className="slot-day__title">
            {formatDayHeading(day, lang)}
          </h3>
          <ul className="slots">
            {daySlots.map((slot) => {
              const time = formatTimeRange(slot.startsAt, slot.endsAt, lang);
              return (
                <li key={slot.id} className="slot" data-testid="slot-row" data-slot-id={slot.id}>
                  <time className="slot__time" dateTime={slot.startsAt}>
                    {time}
                  </time>
                  <div className="slot__body">
                    <p className="slot__doctor">{slot.doctor.name}</p>
                    <p className="slot__meta">
                      {slot.service.name} · {placeOf(slot, t)}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="button button--primary slot__reserve"
                    data-testid="slot-reserve"
                    aria-label={t.book.reserveLabel(time, slot.doctor.name)}
                    onClick={() => onReserve(slot)}
                  >
                    {t.book.reserve}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
