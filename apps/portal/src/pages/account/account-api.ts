import type { AccountDetailsView } from '@pacjent/contracts';
import { authorized } from '../../api/client';
import { sendRequest } from '../../api/http';

/** "Moje konto" and the password reset (paths in the README, "Accounts"). */
export const accountApi = {
  details: () => authorized<AccountDetailsView>({ path: '/api/account' }),
  changePhone: (phone: string) =>
    authorized<AccountDetailsView>({ method: 'PUT', path: '/api/account/phone', body: { phone } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    authorized<void>({ method: 'POST', path: '/api/auth/password', body: { currentPassword, newPassword } }),
  requestReset: (email: string) =>
    sendRequest<Record<string, never>>({ method: 'POST', path: '/api/auth/password-reset', body: { email } }),
  completeReset: (token: string, password: string) =>
    sendRequest<void>({ method: 'POST', path: '/api/auth/password-reset/complete', body: { token, password } }),
};
