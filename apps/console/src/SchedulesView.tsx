import type { Channel, DoctorView, FacilityView, ScheduleTemplateListItem, ServiceView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { consoleApi } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { useLoadedList, useSubmit } from './hooks';
import { useSearchParam } from './router';
import { errorText, t } from './texts';

interface Catalog {
  doctors: DoctorView[];
  services: ServiceView[];
  facilities: FacilityView[];
}

/** "Grafiki lekarzy": pick a doctor (`?doctor=`), see the weekly templates, add one or delete one (after a question). */
export function SchedulesView() {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [doctorId, setDoctorId] = useSearchParam('doctor');
  const [deleting, setDeleting] = useState<ScheduleTemplateListItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    Promise.all([consoleApi.doctors(), consoleApi.services(), consoleApi.facilities()]).then(
      ([doctors, services, facilities]) => setCatalog({ doctors, services, facilities }),
      (caught: unknown) => setError(errorText(caught)),
    );
  }, []);

  const { items: templates, state } = useLoadedList<ScheduleTemplateListItem>(
    doctorId ? () => consoleApi.schedules(doctorId) : null,
    [doctorId, version],
    setError,
  );

  const changed = (message: string) => {
    setError(null);
    setNotice(message);
    setVersion((v) => v + 1);
  };

  const remove = async (template: ScheduleTemplateListItem) => {
    setNotice(null);
    setBusy(true);
    try {
      const outcome = await consoleApi.deleteSchedule(template.id);
      changed(t.removed(outcome.removedSlots, outcome.keptBookedSlots));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  };
  const describe = (template: ScheduleTemplateListItem) =>
    `${t.weekdays[template.weekday]} ${template.startsAt}–${template.endsAt} · ${template.serviceName} · ${
      t.visitChannels[template.channel]
    }${template.facilityName ? ` · ${template.facilityName}` : ''}`;

  return (
    <div className="columns">
      {/* Ready once the doctor picker has its options too: before that it cannot show the chosen doctor. */}
      <section className="card" data-testid="schedules" data-state={catalog ? state : 'loading'}>
        <h1>{t.schedules}</h1>
        <label className="field">
          {t.doctor}
          <select
            value={doctorId}
            onChange={(e) => {
              setNotice(null);
              setError(null);
              setDoctorId(e.target.value);
            }}
            data-testid="schedules-doctor"
            disabled={!catalog}
          >
            <option value="">{t.chooseDoctor}</option>
            {catalog?.doctors.map((doctor) => (
              <option key={doctor.id} value={doctor.id}>
                {doctor.name}
                {doctor.specialties.length > 0 ? ` (${doctor.specialties.join(', ')})` : ''}
              </option>
            ))}
          </select>
        </label>
        {notice ? (
          <p className="success" role="status" data-testid="schedules-notice">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert" data-testid="schedules-error">
            {error}
          </p>
        ) : null}
        {doctorId ? (
          <>
            <h2>{t.weekTitle}</h2>
            {state === 'ready' && templates.length === 0 ? <p className="muted">{t.noTemplates}</p> : null}
            <ul className="list">
              {templates.map((template) => (
                <li
                  key={template.id}
                  data-testid="schedule-row"
                  data-template-id={template.id}
                  data-weekday={template.weekday}
                >
                  <span>
                    <strong>{t.weekdays[template.weekday]}</strong> {template.startsAt}–{template.endsAt} ·{' '}
                    {template.serviceName} · {t.visitChannels[template.channel]}
                    {template.facilityName ? ` · ${template.facilityName}` : ''} · {template.slotMinutes} {t.minutes}
                    <br />
                    <span className="muted">
                      {t.upcoming(template.upcomingFreeSlots, template.upcomingBookedVisits)}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="schedule-delete"
                    aria-label={`${t.remove}: ${describe(template)}`}
                    onClick={() => setDeleting(template)}
                  >
                    {t.remove}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {doctorId && catalog ? (
        <AddTemplate
          key={doctorId}
          doctorId={doctorId}
          catalog={catalog}
          onAdded={(slots) => changed(t.added(slots))}
          onStart={() => setNotice(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t.deleteTitle}
          confirmLabel={t.deleteConfirm}
          cancelLabel={t.cancel}
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
          testId="schedule-delete-dialog"
        >
          <p>{t.deleteWhat(describe(deleting))}</p>
          <p data-testid="schedule-delete-count">{t.deleteSlots(deleting.upcomingFreeSlots)}</p>
          <p>{t.deleteKept(deleting.upcomingBookedVisits)}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** The form to add working hours; its refusals show inside it, next to the fields. */
function AddTemplate({
  doctorId,
  catalog,
  onAdded,
  onStart,
}: {
  doctorId: string;
  catalog: Catalog;
  onAdded: (slots: number) => void;
  onStart: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [channel, setChannel] = useState<Channel>('in_person');
  const [facilityId, setFacilityId] = useState('');
  const [weekday, setWeekday] = useState(1);
  const [startsAt, setStartsAt] = useState('08:00');
  const [endsAt, setEndsAt] = useState('12:00');
  const [slotMinutes, setSlotMinutes] = useState(20);

  const service = catalog.services.find((s) => s.id === serviceId);
  const channels = service?.channels ?? ['in_person', 'phone', 'video'];

  const { busy, submit } = useSubmit(async () => {
    onStart();
    setError(null);
    const created = await consoleApi.createSchedule({
      doctorId,
      serviceId,
      channel,
      ...(channel === 'in_person' ? { facilityId } : {}),
      weekday,
      startsAt,
      endsAt,
      slotMinutes,
    });
    onAdded(created.generatedSlots);
  }, setError);

  return (
    <section className="card" aria-labelledby="schedule-form-heading">
      <h2 id="schedule-form-heading">{t.addTemplate}</h2>
      <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'schedule-form-error' : undefined}>
        <label className="field">
          {t.service}
          <select
            value={serviceId}
            required
            onChange={(e) => {
              setServiceId(e.target.value);
              const supported = catalog.services.find((s) => s.id === e.target.value)?.channels;
              if (supported?.length && !supported.includes(channel)) setChannel(supported[0]!);
            }}
            data-testid="schedule-service"
          >
            <option value="" />
            {catalog.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t.visitChannel}
          <select
            value={channel}
            onChange={(e) => setChannel(e.target.value as Channel)}
            data-testid="schedule-channel"
          >
            {channels.map((value) => (
              <option key={value} value={value}>
                {t.visitChannels[value]}
              </option>
            ))}
          </select>
        </label>
        {channel === 'in_person' ? (
          <label className="field">
            {t.facilityLabel}
            <select
              value={facilityId}
              required
              onChange={(e) => setFacilityId(e.target.value)}
              data-testid="schedule-facility"
            >
              <option value="" />
              {catalog.facilities.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}, {f.city}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field">
          {t.weekday}
          <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))} data-testid="schedule-weekday">
            {t.weekdays.slice(1).map((name, index) => (
              <option key={name} value={index + 1}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <TimeField label={t.startsAt} value={startsAt} onChange={setStartsAt} testId="schedule-starts-at" />
          <TimeField label={t.endsAt} value={endsAt} onChange={setEndsAt} testId="schedule-ends-at" />
          <label className="field">
            {t.slotMinutes}
            <input
              type="number"
              min={5}
              max={480}
              step={5}
              value={slotMinutes}
              required
              onChange={(e) => setSlotMinutes(Number(e.target.value))}
              data-testid="schedule-slot-minutes"
            />
          </label>
        </div>
        {error ? (
          <p className="error" role="alert" id="schedule-form-error" data-testid="schedule-form-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy} data-testid="schedule-submit">
          {t.add}
        </button>
      </form>
    </section>
  );
}

/** A required hour-and-minute field (`HH:MM`) of the template form. */
function TimeField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <label className="field">
      {label}
      <input type="time" value={value} required onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );
}
