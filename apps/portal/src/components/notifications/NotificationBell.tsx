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
        {t.notifications.bell}
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
