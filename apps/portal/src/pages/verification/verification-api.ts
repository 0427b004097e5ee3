import type {
  AccessHistoryEntryView,
  ContactRequestCreated,
  ContactRequestDto,
  VerificationStatusView,
} from '@pacjent/contracts';
import { authorized } from '../../api/client';
import { sendRequest } from '../../api/http';

/** The identity-confirmation calls of the portal (paths from API.md). */
export const verificationApi = {
  status: () => authorized<VerificationStatusView>({ path: '/api/identity/verification' }),
  accessHistory: () => authorized<AccessHistoryEntryView[]>({ path: '/api/identity/access-history' }),
  contactRequest: (input: ContactRequestDto) =>
    sendRequest<ContactRequestCreated>({ method: 'POST', path: '/api/identity/contact-requests', body: input }),
};
