import type {
  AppointmentScope,
  AppointmentView,
  CancelResult,
  DoctorView,
  MeView,
  RegisterResult,
  ServiceView,
  SlotView,
} from '@pacjent/contracts';
import { cityNames } from '../lib/catalog';
import { authorized } from './client';
import { sendRequest } from './http';
import type { AccessToken, BankVerificationStart, OccupationalReferral, RegisterInput } from './types';

/** Every gateway call the portal makes, one function each (paths from API.md). */
export const api = {
  register: (input: RegisterInput) =>
    sendRequest<RegisterResult>({ method: 'POST', path: '/api/auth/register', body: input }),

  login: (email: string, password: string) =>
    sendRequest<AccessToken>({ method: 'POST', path: '/api/auth/login', body: { email, password } }),

  me: () => authorized<MeView>({ path: '/api/me' }),

  services: () => authorized<ServiceView[]>({ path: '/api/catalog/services' }),

  cities: () => authorized<unknown>({ path: '/api/catalog/cities' }).then(cityNames),

  doctors: (serviceId: string) =>
    authorized<DoctorView[]>({ path: `/api/catalog/doctors?serviceId=${encodeURIComponent(serviceId)}` }),

  slots: (query: string) => authorized<SlotView[]>({ path: `/api/slots?${query}` }),

  appointments: (scope: AppointmentScope) =>
    authorized<AppointmentView[]>({ path: `/api/appointments?scope=${scope}` }),

  book: (slotId: string, idempotencyKey: string, occupationalReferral?: OccupationalReferral, referralId?: string) =>
    authorized<AppointmentView>({
      method: 'POST',
      path: '/api/appointments',
      body: {
        slotId,
        ...(occupationalReferral ? { occupationalReferral } : {}),
        ...(referralId ? { referralId } : {}),
      },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),

  cancel: (appointmentId: string) =>
    authorized<CancelResult>({ method: 'POST', path: `/api/appointments/${encodeURIComponent(appointmentId)}/cancel` }),

  startBankVerification: () =>
    authorized<BankVerificationStart>({ method: 'POST', path: '/api/identity/verification/bank' }),
};
