import type { SlotView } from '@pacjent/contracts';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { Dictionary } from '../i18n/pl';

/** Where a visit happens: the facility and city, or how the doctor calls. */
export function placeOf(slot: SlotView, t: Dictionary): string {
  if (slot.channel === 'in_person' && slot.facility) return `${slot.facility.name}, ${slot.facility.city}`;
  return t.visit.channel[slot.channel];
}

/** Date and time, service, doctor and place of a visit or slot. */
export function VisitDetails({ slot }: { slot: SlotView }) {
  const { t, lang } = useI18n();
  return (
    <div className="visit">
      <p className="visit__when">
        <time dateTime={slot.startsAt}>{formatDateTime(slot.startsAt, lang)}</time>
      </p>
      <p className="visit__service">{slot.service.name}</p>
      <dl className="visit__facts">
        <div>
          <dt>{t.visit.doctor}</dt>
          <dd>{slot.doctor.name}</dd>
        </div>
        <div>
          <dt>{t.visit.place}</dt>
          <dd>{placeOf(slot, t)}</dd>
        </div>
      </dl>
    </div>
  );
}
