import type { FacilityView, SlotAlertView } from '@pacjent/contracts';
import { useState } from 'react';
import { appointmentsApi } from '../api/appointments';
import { api } from '../api/endpoints';
import { notificationsApi } from '../api/notifications';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../components/Alerts';
import { PageHeading } from '../components/PageHeading';
import { describeError } from '../i18n/errors';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { loadState, useLoader } from '../lib/use-loader';

interface AlertsData {
  alerts: SlotAlertView[];
  serviceNames: Map<string, string>;
  facilityNames: Map<string, string>;
}

/** The alerts with the names of what they watch: the services, and the facilities of the cities they name. */
async function loadAlerts(): Promise<AlertsData> {
  const [alerts, services] = await Promise.all([notificationsApi.listAlerts(), api.services()]);
  const cities = [...new Set(alerts.filter((a) => a.facilityIds.length > 0 && a.city).map((a) => a.city!))];
  const facilities: FacilityView[] = (await Promise.all(cities.map((city) => appointmentsApi.facilities(city)))).flat();
  return {
    alerts,
    serviceNames: new Map(services.map((s) => [s.id, s.name])),
    facilityNames: new Map(facilities.map((f) => [f.id, f.name])),
  };
}

/** "Moje alerty": what each earlier-slot alert watches, and cancelling one. */
export function AlertsPage() {
  const { t, lang } = useI18n();
  const loaded = useLoader(loadAlerts, []);
  const [cancelled, setCancelled] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const state = loadState(loaded);

  const cancel = async (alert: SlotAlertView) => {
    setBusy(alert.id);
    setCancelled(false);
    setError(null);
    try {
      await notificationsApi.deleteAlert(alert.id);
      setCancelled(true);
    } catch (caught) {
      setError(caught);
    }
    setBusy(null);
    loaded.reload();
  };

  const hour = (h: number) => `${h}:00`;
  const now = Date.now();

  return (
    <div className="page">
      <PageHeading>{t.alerts.title}</PageHeading>
      <p className="lead">{t.alerts.intro}</p>
      <SuccessRegion>
        {cancelled ? <SuccessMessage testId="alert-cancelled">{t.alerts.cancelled}</SuccessMessage> : null}
      </SuccessRegion>
      <ErrorMessage message={error ? describeError(error, t).message : null} />
      <section className="panel" data-testid="alerts-list" data-state={state} aria-label={t.alerts.title}>
        <ErrorMessage message={loaded.error ? describeError(loaded.error, t).message : null} />
        {state === 'ready' && loaded.data?.alerts.length === 0 ? (
          <p className="empty" data-testid="alerts-empty">
            {t.alerts.empty}
          </p>
        ) : null}
        <ul className="appointments">
          {loaded.data?.alerts.map((alert) => {
            const status = alert.status === 'active' && Date.parse(alert.until) <= now ? 'expired' : alert.status;
            const facilities = alert.facilityIds.map((id) => loaded.data?.facilityNames.get(id) ?? '').filter(Boolean);
            const place = alert.channel === 'phone' || alert.channel === 'video' ? null : alert.city;
            return (
              <li
                key={alert.id}
                className="appointment"
                data-testid="alert-row"
                data-alert-id={alert.id}
                data-status={status}
              >
                <div className="appointment__head">
                  <div className="visit">
                    <p className="visit__service" data-testid="alert-service">
                      {loaded.data?.serviceNames.get(alert.serviceId) ?? ''}
                    </p>
                    <dl className="visit__facts">
                      <div>
                        <dt>{t.alerts.channel}</dt>
                        <dd>{alert.channel ? t.visit.channel[alert.channel] : t.alerts.anyChannel}</dd>
                      </div>
                      <div>
                        <dt>{t.alerts.place}</dt>
                        <dd data-testid="alert-place">
                          {place ? [place, ...facilities].join(', ') : t.alerts.anyPlace}
                        </dd>
                      </div>
                      <div>
                        <dt>{t.alerts.hours}</dt>
                        <dd>
                          {alert.hourFrom !== null || alert.hourTo !== null
                            ? t.alerts.hoursRange(hour(alert.hourFrom ?? 0), hour(alert.hourTo ?? 24))
                            : t.alerts.anyHours}
                        </dd>
                      </div>
                      <div>
                        <dt>{t.alerts.until}</dt>
                        <dd>{formatDateTime(alert.until, lang)}</dd>
                      </div>
                    </dl>
                    {alert.moveAppointmentId ? <p className="appointment__note">{t.alerts.moves}</p> : null}
                  </div>
                  <span className={`status status--${status === 'active' ? 'booked' : 'cancelled'}`}>
                    {t.alerts.status[status]}
                  </span>
                </div>
                <div className="appointment__actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    data-testid="alert-cancel"
                    disabled={busy === alert.id}
                    onClick={() => void cancel(alert)}
                  >
                    {t.alerts.cancel}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
