import type { AppointmentView, FacilityView } from '@pacjent/contracts';
import { getAccessToken } from '../auth/session';
import { authorized } from './client';
import { problemToApiError } from './problem';

/** Moving a visit and its calendar file (paths from API.md). */
export const appointmentsApi = {
  reschedule: (appointmentId: string, slotId: string, idempotencyKey: string) =>
    authorized<AppointmentView>({
      method: 'POST',
      path: `/api/appointments/${encodeURIComponent(appointmentId)}/reschedule`,
      body: { slotId },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),

  facilities: (city: string) =>
    authorized<FacilityView[]>({ path: `/api/catalog/facilities?city=${encodeURIComponent(city)}` }),

  get: (appointmentId: string) =>
    authorized<AppointmentView>({ path: `/api/appointments/${encodeURIComponent(appointmentId)}` }),

  /** Downloads the visit's .ics file (the token goes in a header, so a plain link will not do). */
  async downloadCalendar(appointmentId: string): Promise<void> {
    // Make sure the token is fresh: an authorized JSON call refreshes it when needed.
    await appointmentsApi.get(appointmentId);
    const response = await fetch(`/api/appointments/${encodeURIComponent(appointmentId)}.ics`, {
      headers: { Authorization: `Bearer ${getAccessToken() ?? ''}` },
      credentials: 'same-origin',
    });
    if (!response.ok) {
      throw problemToApiError(response.status, await response.json().catch(() => undefined), null, new Date());
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'wizyta.ics';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
