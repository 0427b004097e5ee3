import type { SlotView } from '@pacjent/contracts';
import { useAuth } from '../auth/AuthProvider';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { Dictionary } from '../i18n/pl';

/** Where a visit happens: the facility and city, or how the doctor calls. */
export function placeOf(slot: SlotView, t: Dictionary): string {
  if (slot.channel === 'in_person' && slot.facility) return `${slot.facility.name}, ${slot.facility.city}`;
  return t.visit.channel[slot.channel];
}

/** Date and time, service, doctor and place of a visit or slot (for a phone visit: the number we call). */
export function VisitDetails({ slot }: { slot: SlotView }) {
  const { t, lang } = useI18n();
  const { state } = useAuth();
  const phone = state.status === 'authenticated' ? state.me.phone : null;
  const remote = slot.channel !== 'in_person';
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
          <dt>{remote ? t.visit.how : t.visit.place}</dt>
          <dd data-testid="visit-place">
            {slot.channel === 'phone' ? (phone ? t.visit.weCall(phone) : t.visit.noPhone) : placeOf(slot, t)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
