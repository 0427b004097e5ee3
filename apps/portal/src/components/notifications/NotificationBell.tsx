import type { AppointmentView, NotificationView, SlotView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { notificationsApi } from '../../api/notifications';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { VisitDetails } from '../VisitDetails';

/** The booking page opened on one slot (and, when moving, on the visit to move). */
export function slotLink(slot: SlotView, moveAppointmentId?: string): string {
  const params = new URLSearchParams({
    service: slot.service.id,
    slot: slot.id,
    at: slot.startsAt,
    doctor: slot.doctor.id,
  });
  if (moveAppointmentId) params.set('move', moveAppointmentId);
  return `/book?${params.toString()}`;
}

/** A planned visit of the same service, later than the freed slot, that the patient could move there. */
function movableVisit(slot: SlotView, upcoming: readonly AppointmentView[]): AppointmentView | undefined {
  return upcoming.find(
    (visit) =>
      visit.status === 'booked' &&
      visit.source === 'portal' &&
      visit.slot.service.id === slot.service.id &&
      Date.parse(visit.slot.startsAt) > Date.parse(slot.startsAt),
  );
}

const SEEN_KEY = 'pacjent.notifications.seen';

/** A link the portal opens itself: one path from its root, never another site. */
function portalLink(link: string | null | undefined): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}

/** What a notice with a title and a link says, and its link's label. */
function recordNoticeTexts(
  t: ReturnType<typeof useI18n>['t'],
  item: NotificationView,
): { text: string; action: string } {
  const title = item.title ?? '';
  switch (item.kind) {
    case 'result_available':
      return { text: t.notifications.resultAvailable(title), action: t.notifications.showResult };
    case 'renewal_approved':
      return { text: t.notifications.renewalApproved(title), action: t.notifications.showMedicines };
    case 'renewal_declined':
      return { text: t.notifications.renewalDeclined(title), action: t.notifications.showMedicines };
    // Slot notices carry a slot and are drawn elsewhere; one without it reads as an answer, as before.
    case 'question_answered':
    case 'slot_available':
    case 'appointment_moved':
      return { text: t.notifications.questionAnswered(title), action: t.notifications.showAnswer };
  }
}

/** A notice from the treatment record or "Leki": a new lab result, the doctor's answer or renewal decision, with its link. */
function RecordNotice({ item, onOpen }: { item: NotificationView; onOpen: () => void }) {
  const { t } = useI18n();
  const link = portalLink(item.link);
  const { text, action } = recordNoticeTexts(t, item);
  return (
    <li className="notice" data-testid="notification-item" data-kind={item.kind}>
      <p className="notice__title">{text}</p>
      {link ? (
        <div className="notice__actions">
          <Link to={link} className="button button--primary" data-testid="notice-open" onClick={onOpen}>
            {action}
          </Link>
        </div>
      ) : null}
    </li>
  );
}

/** The bell: notifications from earlier-slot alerts and the treatment record, pushed to the open page (no polling). */
export function NotificationBell() {
  const { t } = useI18n();
  const [items, setItems] = useState<NotificationView[]>([]);
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(() => localStorage.getItem(SEEN_KEY) ?? '');
  const [upcoming, setUpcoming] = useState<AppointmentView[]>([]);

  // The visits a freed slot could replace, fresh each time the panel opens.
  useEffect(() => {
    if (!open) return;
    let active = true;
    api.appointments('upcoming').then(
      (list) => active && setUpcoming(list),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [open]);

  useEffect(() => {
    const abort = new AbortController();
    const push = (notification: NotificationView) =>
      setItems((current) => [notification, ...current.filter((item) => item.id !== notification.id)]);
    // The stream resumes after the newest listed one, so nothing created between the two requests is missed.
    void notificationsApi.list().then(
      (listed) => {
        setItems(listed);
        return notificationsApi.follow(push, abort.signal, listed[0]?.id);
      },
      () => notificationsApi.follow(push, abort.signal),
    );
    return () => abort.abort();
  }, []);

  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [open]);

  const unread = items.filter((item) => item.createdAt > seen).length;
  const toggle = () => {
    setOpen(!open);
    if (!open && items[0]) {
      localStorage.setItem(SEEN_KEY, items[0].createdAt);
      setSeen(items[0].createdAt);
    }
  };

  return (
    <div className="bell">
      <button
        type="button"
        className="button button--ghost"
        data-testid="notifications-bell"
        aria-expanded={open}
        onClick={toggle}
      >
        <svg className="bell__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            fill="currentColor"
          />
        </svg>
        <span className="bell__label">{t.notifications.bell}</span>
        {unread > 0 ? (
          <span className="bell__count" data-testid="notifications-count">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          className="panel bell__panel"
          data-testid="notifications-panel"
          aria-live="polite"
          aria-labelledby="notifications-title"
        >
          <div className="bell__head">
            <h2 id="notifications-title" className="panel__title">
              {t.notifications.title}
            </h2>
            <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
              {t.notices.close}
            </button>
          </div>
          {items.length === 0 ? <p className="muted">{t.notifications.empty}</p> : null}
          <ul className="notices">
            {items.map((item) => {
              if (!item.slot) return <RecordNotice key={item.id} item={item} onOpen={() => setOpen(false)} />;
              const slot = item.slot;
              const movable = item.kind === 'slot_available' ? movableVisit(slot, upcoming) : undefined;
              return (
                <li key={item.id} className="notice" data-testid="notification-item" data-kind={item.kind}>
                  <p className="notice__title">
                    {item.kind === 'appointment_moved' ? t.notifications.moved : t.notifications.slotFree}
                  </p>
                  <VisitDetails slot={slot} />
                  <div className="notice__actions">
                    {item.kind === 'slot_available' ? (
                      <>
                        <Link
                          to={slotLink(slot)}
                          className="button button--primary"
                          data-testid="notice-book"
                          onClick={() => setOpen(false)}
                        >
                          {t.notices.book}
                        </Link>
                        {movable ? (
                          <Link
                            to={slotLink(slot, movable.id)}
                            className="button button--secondary"
                            data-testid="notice-move"
                            onClick={() => setOpen(false)}
                          >
                            {t.notices.move}
                          </Link>
                        ) : null}
                      </>
                    ) : (
                      <Link
                        to="/"
                        className="button button--secondary"
                        data-testid="notice-show-visit"
                        onClick={() => setOpen(false)}
                      >
                        {t.notices.showVisit}
                      </Link>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <Link to="/alerts" data-testid="notifications-alerts-link" onClick={() => setOpen(false)}>
            {t.notices.alerts}
          </Link>
        </section>
      ) : null}
    </div>
  );
}
