import type { ServiceView, SlotView } from '@pacjent/contracts';
import { useEffect, useRef, useState } from 'react';
import { appointmentsApi } from '../api/appointments';
import { notificationsApi } from '../api/notifications';
import { api } from '../api/endpoints';
import { ApiError } from '../api/problem';
import type { OccupationalReferral } from '../api/types';
import { useMe } from '../auth/AuthProvider';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../components/Alerts';
import { BookingPanel, type ReferralErrors } from '../components/book/BookingPanel';
import { SearchForm } from '../components/book/SearchForm';
import { SlotList } from '../components/book/SlotList';
import { PageHeading } from '../components/PageHeading';
import { VisitDetails } from '../components/VisitDetails';
import { describeError, type ErrorText } from '../i18n/errors';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { newIdempotencyKey } from '../lib/idempotency';
import { emptyReferral, missingReferralFields, trimReferral } from '../lib/referral';
import {
  cityApplies,
  defaultSlotSearch,
  SLOT_PAGE_SIZE,
  slotSearchQuery,
  validateSlotSearch,
  type SlotSearchErrors,
  type SlotSearchForm,
} from '../lib/slot-search';
import { useLoader } from '../lib/use-loader';
import { addDays, warsawDayStart } from '../lib/warsaw-time';
import { Link, navigate, useLocation } from '../router';

/** After these the slot list is stale: show it again, fresh. */
const SLOT_GONE = new Set(['SLOT_TAKEN', 'SLOT_NOT_FOUND', 'SLOT_IN_PAST']);
/** Below this the search form and the results are one column (styles.css `.book`). */
const NARROW_SCREEN = '(max-width: 63.99rem)';
const REFERRAL_FIELDS = [
  'occupationalReferral.employer',
  'occupationalReferral.position',
  'occupationalReferral.referralNumber',
];

interface Selection {
  slot: SlotView;
  service: ServiceView | undefined;
  /** One key per confirmation; kept for retries whose outcome is unknown. */
  idempotencyKey: string;
}

/** "Umów usługę": search free slots, pick one, confirm. */
export function BookPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const services = useLoader(() => api.services(), []);
  const cities = useLoader(() => api.cities(), []);

  // "Przenieś termin" from the dashboard: /book?move=<appointmentId>&service=<serviceId>.
  const params = new URLSearchParams(useLocation().split('?')[1] ?? '');
  const moving = params.get('move');
  // "Umów" on a referral: /book?service=<serviceId>&referral=<referralId>.
  const referralId = params.get('referral') ?? undefined;
  // From a notice in the bell: /book?service=…&slot=…&at=<startsAt>&doctor=… opens that slot's confirmation.
  const offeredSlot = params.get('slot');
  const offeredAt = params.get('at');
  const offeredDoctor = params.get('doctor');
  const [form, setForm] = useState<SlotSearchForm>(() => ({
    ...defaultSlotSearch(new Date()),
    serviceId: params.get('service') ?? '',
  }));
  const facilities = useLoader(
    () => (form.city ? appointmentsApi.facilities(form.city) : Promise.resolve([])),
    [form.city],
  );
  const doctors = useLoader(
    () => (form.serviceId ? api.doctors(form.serviceId) : Promise.resolve([])),
    [form.serviceId],
  );
  const movingVisit = useLoader(() => (moving ? appointmentsApi.get(moving) : Promise.resolve(null)), [moving]);
  const [formErrors, setFormErrors] = useState<SlotSearchErrors>({});
  const [query, setQuery] = useState<string | null>(null);
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  /** The API had more than the slots shown: "100+" and "Pokaż więcej". */
  const [moreExist, setMoreExist] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [searching, setSearching] = useState(false);
  // On phones the filters fold away after "Szukaj" and the results come into view.
  const [filtersFolded, setFiltersFolded] = useState(false);
  const [scrollToResults, setScrollToResults] = useState(false);
  const resultsRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!scrollToResults || !slots || !resultsRef.current) return;
    resultsRef.current.scrollIntoView({ block: 'start' });
    resultsRef.current.focus({ preventScroll: true });
    setScrollToResults(false);
  }, [scrollToResults, slots]);

  const [selection, setSelection] = useState<Selection | null>(null);
  const [referral, setReferral] = useState<OccupationalReferral>(emptyReferral);
  const [referralErrors, setReferralErrors] = useState<ReferralErrors>({});
  const [booking, setBooking] = useState(false);
  // The slot as the patient saw it; the answer only needs to say it is booked.
  const [booked, setBooked] = useState<SlotView | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  const [alertSaved, setAlertSaved] = useState(false);

  /** "Powiadom mnie o wcześniejszym terminie": the current search, until the end of its last day. */
  const createAlert = async () => {
    setError(null);
    try {
      await notificationsApi.createAlert({
        serviceId: form.serviceId,
        ...(form.channel ? { channel: form.channel } : {}),
        ...(form.city && cityApplies(form.channel) ? { city: form.city } : {}),
        ...(form.facilityId && cityApplies(form.channel) ? { facilityIds: [form.facilityId] } : {}),
        ...(form.hourFrom ? { hourFrom: Number(form.hourFrom) } : {}),
        ...(form.hourTo ? { hourTo: Number(form.hourTo) } : {}),
        until: warsawDayStart(addDays(form.to, 1)).toISOString(),
        ...(moving ? { moveAppointmentId: moving } : {}),
      });
      setAlertSaved(true);
    } catch (caught) {
      setError(describeError(caught, t));
    }
  };

  const runSearch = async (nextQuery: string) => {
    setSearching(true);
    try {
      const found = await api.slots(nextQuery);
      setSlots(found.slice(0, SLOT_PAGE_SIZE));
      setMoreExist(found.length > SLOT_PAGE_SIZE);
      setQuery(nextQuery);
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setSearching(false);
    }
  };

  /** "Pokaż więcej": the next page after the slots shown (the query asks for one more than a page). */
  const showMore = async () => {
    if (!query || !slots) return;
    setLoadingMore(true);
    try {
      const params = new URLSearchParams(query);
      params.set('offset', String(slots.length));
      const found = await api.slots(params.toString());
      setSlots([...slots, ...found.slice(0, SLOT_PAGE_SIZE)]);
      setMoreExist(found.length > SLOT_PAGE_SIZE);
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setLoadingMore(false);
    }
  };

  const search = () => {
    const found = validateSlotSearch(form);
    setFormErrors(found);
    setError(null);
    setBooked(null);
    setSelection(null);
    setSlots(null);
    setAlertSaved(false);
    if (Object.keys(found).length > 0) {
      setError({ message: t.validation.fixFields, fields: {} });
      return;
    }
    if (window.matchMedia(NARROW_SCREEN).matches) {
      setFiltersFolded(true);
      setScrollToResults(true);
    }
    void runSearch(slotSearchQuery(form, new Date()));
  };

  const reserve = (slot: SlotView) => {
    setSelection({
      slot,
      service: services.data?.find((s) => s.id === slot.service.id),
      idempotencyKey: newIdempotencyKey(),
    });
    setReferralErrors({});
    setError(null);
    setBooked(null);
  };

  const occupational = selection?.service?.kind === 'occupational';

  const confirm = async () => {
    if (!selection) return;
    if (occupational && !moving) {
      const missing = missingReferralFields(referral);
      setReferralErrors(Object.fromEntries(missing.map((field) => [field, [t.validation.required]])));
      if (missing.length > 0) {
        setError({ message: t.validation.fixFields, fields: {} });
        return;
      }
    }
    setBooking(true);
    setError(null);
    try {
      if (moving) {
        await appointmentsApi.reschedule(moving, selection.slot.id, selection.idempotencyKey);
        navigate('/?moved=1');
        return;
      }
      await api.book(
        selection.slot.id,
        selection.idempotencyKey,
        occupational ? trimReferral(referral) : undefined,
        referralId,
      );
      setBooked(selection.slot);
      setSelection(null);
      setReferral(emptyReferral);
      if (query) void runSearch(query);
    } catch (caught) {
      handleBookingError(caught, selection);
    } finally {
      setBooking(false);
    }
  };

  const handleBookingError = (caught: unknown, current: Selection) => {
    const described = describeError(caught, t, REFERRAL_FIELDS);
    setError(described);
    setReferralErrors({
      employer: described.fields['occupationalReferral.employer'],
      position: described.fields['occupationalReferral.position'],
      referralNumber: described.fields['occupationalReferral.referralNumber'],
    });
    const code = caught instanceof ApiError ? caught.code : '';
    if (SLOT_GONE.has(code)) {
      setSelection(null);
      if (query) void runSearch(query);
    } else if (caught instanceof ApiError && caught.status >= 400 && caught.status < 500) {
      // The server answered for sure: a new attempt is a new request.
      setSelection({ ...current, idempotencyKey: newIdempotencyKey() });
    }
  };

  useEffect(() => {
    if (!offeredSlot || !offeredAt || Number.isNaN(Date.parse(offeredAt))) return;
    const at = new Date(offeredAt);
    const query = new URLSearchParams({
      serviceId: params.get('service') ?? '',
      from: at.toISOString(),
      to: new Date(at.getTime() + 60_000).toISOString(),
      limit: '10',
    });
    if (offeredDoctor) query.set('doctorId', offeredDoctor);
    let active = true;
    api.slots(query.toString()).then(
      (found) => {
        if (!active) return;
        const slot = found.find((candidate) => candidate.id === offeredSlot);
        if (slot) reserve(slot);
        else setError({ message: t.notices.slotGone, fields: {} });
      },
      (caught: unknown) => active && setError(describeError(caught, t)),
    );
    return () => {
      active = false;
    };
    // Once per offered slot; `reserve` and `t` are fresh closures each render.
  }, [offeredSlot, offeredAt, offeredDoctor]);

  const loadError = services.error ?? cities.error;

  return (
    <div className="page">
      <PageHeading>{moving ? t.book.moveTitle : t.book.title}</PageHeading>
      {moving ? (
        <div className="alert alert--info" data-testid="move-banner">
          {movingVisit.data ? (
            <p data-testid="move-visit">
              <strong>{t.book.movingVisit}</strong>{' '}
              {[
                movingVisit.data.slot.service.name,
                movingVisit.data.slot.doctor.name,
                formatDateTime(movingVisit.data.slot.startsAt, lang),
              ].join(', ')}
            </p>
          ) : null}
          <p>{t.book.moveIntro}</p>
          <Link to="/" data-testid="move-cancel">
            {t.book.moveCancel}
          </Link>
        </div>
      ) : null}
      {loadError && !services.data ? (
        <ErrorMessage message={describeError(loadError, t).message}>
          <button type="button" className="button button--secondary" onClick={services.reload}>
            {t.dashboard.reload}
          </button>
        </ErrorMessage>
      ) : null}
      <div className="book">
        <section className="panel">
          {services.data && filtersFolded ? (
            <div className="search-folded">
              <h2 className="panel__title">{t.book.searchTitle}</h2>
              <p className="muted" data-testid="search-summary">
                {services.data.find((s) => s.id === form.serviceId)?.name}
              </p>
              <button
                type="button"
                className="button button--secondary"
                data-testid="search-edit"
                aria-expanded="false"
                onClick={() => setFiltersFolded(false)}
              >
                {t.book.editSearch}
              </button>
            </div>
          ) : services.data ? (
            <SearchForm
              services={services.data}
              cities={cities.data ?? []}
              doctors={doctors.data ?? []}
              facilities={facilities.data ?? []}
              level={me.level}
              value={form}
              errors={formErrors}
              searching={searching}
              onChange={(next) => {
                setForm(next);
                setFormErrors({});
              }}
              onSubmit={search}
            />
          ) : (
            <p className="muted">{services.error ? null : t.common.loading}</p>
          )}
        </section>

        <div className="book__results">
          <SuccessRegion>
            {booked ? (
              <SuccessMessage testId="booking-success">
                <p className="alert__title">{t.book.success}</p>
                <VisitDetails slot={booked} />
                <Link to="/" data-testid="booking-success-link">
                  {t.book.goToDashboard}
                </Link>
              </SuccessMessage>
            ) : null}
          </SuccessRegion>

          {selection ? (
            <BookingPanel
              slot={selection.slot}
              referral={occupational && !moving ? referral : null}
              confirmLabel={moving ? t.book.moveConfirm : undefined}
              referralErrors={referralErrors}
              error={error}
              busy={booking}
              onReferralChange={(next) => {
                setReferral(next);
                setReferralErrors({});
              }}
              onConfirm={() => void confirm()}
              onBack={() => {
                setSelection(null);
                setError(null);
              }}
            />
          ) : (
            <>
              <ErrorMessage message={error?.message} />
              {slots ? (
                <section
                  ref={resultsRef}
                  tabIndex={-1}
                  className="panel"
                  aria-labelledby="results-title"
                  data-testid="slot-results"
                  aria-busy={searching}
                >
                  <h2 id="results-title" className="panel__title">
                    {t.book.results}
                  </h2>
                  <p className="muted" role="status" data-testid="slot-count">
                    {moreExist
                      ? t.book.resultsMore(slots.length)
                      : slots.length
                        ? t.book.resultsCount(slots.length)
                        : t.book.noResults}
                  </p>
                  <SlotList slots={slots} onReserve={reserve} moving={Boolean(moving)} />
                  {moreExist ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      data-testid="slot-more"
                      disabled={loadingMore}
                      onClick={() => void showMore()}
                    >
                      {loadingMore ? t.book.searching : t.book.showMore}
                    </button>
                  ) : null}
                  {alertSaved ? (
                    <SuccessMessage testId="alert-created">
                      {moving ? t.book.alertMoveCreated : t.book.alertCreated}
                    </SuccessMessage>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      data-testid="alert-create"
                      onClick={() => void createAlert()}
                    >
                      {t.book.alertCta}
                    </button>
                  )}
                </section>
              ) : null}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
