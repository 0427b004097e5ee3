import type { MeView } from '@pacjent/contracts';
import type { AccountEntity } from './account.entity';

export function toMeView(account: AccountEntity): MeView {
  return {
    id: account.id,
    email: account.email,
    firstName: account.firstName,
    lastName: account.lastName,
    level: account.level,
    roles: account.roles,
    verification:
      account.verifiedAt && account.verificationMethod
        ? { method: account.verificationMethod, verifiedAt: account.verifiedAt.toISOString() }
        : null,
    phone: account.phone,
  };
}
