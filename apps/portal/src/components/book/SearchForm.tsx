import type { AccountLevel, Channel, ServiceView, TimeOfDay } from '@pacjent/contracts';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { groupServicesByKind } from '../../lib/catalog';
import { cityApplies, type SlotSearchErrors, type SlotSearchForm } from '../../lib/slot-search';
import { FEATURE_PATHS, hasFeature } from '../../lib/features';
import { Link } from '../../router';
import { InfoNote } from '../Alerts';
import { SelectField, TextField } from '../Fields';

const CHANNELS: readonly Channel[] = ['in_person', 'phone', 'video'];
const TIMES_OF_DAY: readonly TimeOfDay[] = ['morning', 'afternoon', 'evening'];
const LANGUAGES = ['pl', 'en', 'uk', 'de', 'ru'] as const;
const HOURS = Array.from({ length: 15 }, (_, i) => i + 7);

interface Props {
  services: readonly ServiceView[];
  /** Facilities of the chosen city (empty when no city is chosen). */
  facilities?: ReadonlyArray<{ id: string; name: string }>;
  cities: readonly string[];
  /** Doctors of the chosen service (empty before a service is chosen). */
  doctors?: ReadonlyArray<{ id: string; name: string }>;
  level: AccountLevel;
  value: SlotSearchForm;
  errors: SlotSearchErrors;
  searching: boolean;
  onChange: (next: SlotSearchForm) => void;
  onSubmit: () => void;
}

/** "Wyszukaj terminy": the patient's preferences for a free slot. */
export function SearchForm({
  services,
  facilities = [],
  cities,
  doctors = [],
  level,
  value,
  errors,
  searching,
  onChange,
  onSubmit,
}: Props) {
  const { t, lang } = useI18n();
  const service = services.find((s) => s.id === value.serviceId);
  const channels = service ? CHANNELS.filter((c) => service.channels.includes(c)) : CHANNELS;
  const errorOf = (field: keyof SlotSearchForm) => {
    const problem = errors[field];
    return problem ? [t.validation[problem]] : undefined;
  };

  const remoteOnly = !cityApplies(value.channel);
  const set = <K extends keyof SlotSearchForm>(field: K, fieldValue: SlotSearchForm[K]) =>
    onChange({ ...value, [field]: fieldValue });

  const chooseService = (serviceId: string) => {
    const next = services.find((s) => s.id === serviceId);
    const channel = next && value.channel && !next.channels.includes(value.channel) ? '' : value.channel;
    onChange({ ...value, serviceId, channel, doctorId: '' });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form className="form search" noValidate onSubmit={submit} aria-labelledby="search-title">
      <h2 id="search-title" className="panel__title">
        {t.book.searchTitle}
      </h2>
      <SelectField
        id="search-service"
        testId="search-service"
        label={t.book.service}
        required
        value={value.serviceId}
        onChange={(event) => chooseService(event.target.value)}
        errors={errorOf('serviceId')}
      >
        <option value="">{t.book.chooseService}</option>
        {groupServicesByKind(services, lang).map((group) => (
          <optgroup
            key={group.kind}
            label={
              group.services.every((s) => s.requiresReferral)
                ? t.book.kindNeedsReferral(t.kinds[group.kind])
                : t.kinds[group.kind]
            }
          >
            {group.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      {service && level === 'basic' && !service.basicAllowed ? <InfoNote>{t.book.fullOnlyWarning}</InfoNote> : null}
      {service?.requiresReferral ? (
        <div data-testid="referral-needed">
          <InfoNote>
            <p>{t.book.referralWarning}</p>
            {FEATURE_PATHS.referrals && hasFeature('referrals') ? (
              <Link to={FEATURE_PATHS.referrals}>{t.book.referralsLink}</Link>
            ) : null}
          </InfoNote>
        </div>
      ) : null}
      {service && doctors.length > 0 ? (
        <SelectField
          id="search-doctor"
          testId="search-doctor"
          label={t.book.doctor}
          value={value.doctorId}
          onChange={(event) => set('doctorId', event.target.value)}
        >
          <option value="">{t.book.anyDoctor}</option>
          {doctors.map((doctor) => (
            <option key={doctor.id} value={doctor.id}>
              {doctor.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="search__grid">
        <SelectField
          id="search-channel"
          testId="search-channel"
          label={t.book.channel}
          value={value.channel}
          onChange={(event) => set('channel', event.target.value as Channel | '')}
        >
          <option value="">{t.common.any}</option>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {t.visit.channel[channel]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="search-city"
          testId="search-city"
          label={t.book.city}
          disabled={remoteOnly}
          hint={remoteOnly ? t.book.cityNotApplicable : undefined}
          value={remoteOnly ? '' : value.city}
          onChange={(event) => onChange({ ...value, city: event.target.value, facilityId: '' })}
        >
          <option value="">{t.common.anyCity}</option>
          {cities.map((city) => (
            <option key={city} value={city}>
              {city}
            </option>
          ))}
        </SelectField>
        {value.city && !remoteOnly && facilities.length > 0 ? (
          <SelectField
            id="search-facility"
            testId="search-facility"
            label={t.book.facility}
            value={value.facilityId}
            onChange={(event) => set('facilityId', event.target.value)}
          >
            <option value="">{t.common.any}</option>
            {facilities.map((facility) => (
              <option key={facility.id} value={facility.id}>
                {facility.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          id="search-from"
          testId="search-from"
          label={t.book.from}
          type="date"
          required
          value={value.from}
          onChange={(event) => set('from', event.target.value)}
          errors={errorOf('from')}
        />
        <TextField
          id="search-to"
          testId="search-to"
          label={t.book.to}
          type="date"
          required
          min={value.from || undefined}
          value={value.to}
          onChange={(event) => set('to', event.target.value)}
          errors={errorOf('to')}
        />
        <SelectField
          id="search-time-of-day"
          testId="search-time-of-day"
          label={t.book.timeOfDay}
          value={value.timeOfDay}
          onChange={(event) => set('timeOfDay', event.target.value as TimeOfDay | '')}
        >
          <option value="">{t.common.any}</option>
          {TIMES_OF_DAY.map((time) => (
            <option key={time} value={time}>
              {t.timesOfDay[time]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="search-hour-from"
          testId="search-hour-from"
          label={t.book.hourFrom}
          value={value.hourFrom}
          onChange={(event) => set('hourFrom', event.target.value)}
        >
          <option value="">{t.common.any}</option>
          {HOURS.map((hour) => (
            <option key={hour} value={String(hour)}>{`${hour}:00`}</option>
          ))}
        </SelectField>
        <SelectField
          id="search-hour-to"
          testId="search-hour-to"
          label={t.book.hourTo}
          value={value.hourTo}
          onChange={(event) => set('hourTo', event.target.value)}
          errors={errorOf('hourTo')}
        >
          <option value="">{t.common.any}</option>
          {HOURS.map((hour) => (
            <option key={hour} value={String(hour + 1)}>{`${hour + 1}:00`}</option>
          ))}
        </SelectField>
        <SelectField
          id="search-language"
          testId="search-language"
          label={t.book.language}
          value={value.language}
          onChange={(event) => set('language', event.target.value)}
        >
          <option value="">{t.common.anyLanguage}</option>
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t.languages[code]}
            </option>
          ))}
        </SelectField>
      </div>
      <button
        type="submit"
        className="button button--primary search__submit"
        data-testid="search-submit"
        disabled={searching}
      >
        {searching ? t.book.searching : t.book.search}
      </button>
    </form>
  );
}
