import type { NotificationView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { notificationsApi } from '../../api/notifications';
import { useI18n } from '../../i18n/I18nProvider';
import { VisitDetails } from '../VisitDetails';

const SEEN_KEY = 'pacjent.notifications.seen';

/** The bell: notifications from earlier-slot alerts, pushed to the open page (no polling). */
export function NotificationBell() {
  const { t } = useI18n();
  const [items, setItems] = useState<NotificationView[]>([]);
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(() => localStorage.getItem(SEEN_KEY) ?? '');

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
        <section className="panel bell__panel" data-testid="notifications-panel" aria-live="polite">
          <h2 className="panel__title">{t.notifications.title}</h2>
          {items.length === 0 ? <p className="muted">{t.notifications.empty}</p> : null}
          <ul className="appointments">
            {items.map((item) => (
              <li key={item.id} className="appointment" data-testid="notification-item" data-kind={item.kind}>
                <p className="alert__title">
                  {item.kind === 'appointment_moved' ? t.notifications.moved : t.notifications.slotFree}
                </p>
                <VisitDetails slot={item.slot} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
