import type { SlotView } from '@pacjent/contracts';
import { formatDayHeading, formatTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { groupSlotsByDay, groupSlotsByDoctor } from '../../lib/slots';
import { placeOf } from '../VisitDetails';

interface Props {
  slots: readonly SlotView[];
  onReserve: (slot: SlotView) => void;
  /** Moving a visit: each time says "Przenieś tutaj". */
  moving?: boolean;
}

/** Free slots as LUX MED shows them: by day, then by doctor, the times as buttons. */
export function SlotList({ slots, onReserve, moving = false }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="slot-days">
      {groupSlotsByDay(slots).map(({ day, slots: daySlots }) => (
        <section key={day} className="slot-day" data-testid="slot-day" aria-labelledby={`day-${day}`}>
          <h3 id={`day-${day}`} className="slot-day__title">
            {formatDayHeading(day, lang)}
          </h3>
          {groupSlotsByDoctor(daySlots).map(({ key, slots: doctorSlots }) => {
            const first = doctorSlots[0]!;
            return (
              <div
                key={key}
                className="slot-doctor"
                data-testid="slot-doctor"
                data-doctor-id={first.doctor.id}
                data-channel={first.channel}
              >
                <div className="slot-doctor__who">
                  <p className="slot__doctor">{first.doctor.name}</p>
                  <p className="slot__meta">
                    {first.service.name} · {placeOf(first, t)}
                  </p>
                </div>
                <ul className="slot-times">
                  {doctorSlots.map((slot) => {
                    const end = formatTime(slot.endsAt, lang);
                    return (
                      <li key={slot.id} data-testid="slot-row" data-slot-id={slot.id}>
                        <button
                          type="button"
                          className={moving ? 'slot-time slot-time--move' : 'slot-time'}
                          data-testid="slot-reserve"
                          onClick={() => onReserve(slot)}
                        >
                          {moving ? null : <span className="visually-hidden">{t.book.reserve} </span>}
                          <time dateTime={slot.startsAt}>{formatTime(slot.startsAt, lang)}</time>
                          <span className="visually-hidden">{`–${end}, ${first.doctor.name}`}</span>
                          {moving ? <span className="slot-time__action"> {t.book.moveHere}</span> : null}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
