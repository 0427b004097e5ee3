import { peselBirthDate, type AccountDetailsView, type MeView } from '@pacjent/contracts';
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

/** "Moje konto": the account with what its confirmation recorded. */
export function toAccountDetails(
  account: AccountEntity,
  confirmed: { birthDate: string | null; registeredFirstName: string | null; registeredLastName: string | null } | null,
): AccountDetailsView {
  const me = toMeView(account);
  return {
    id: me.id,
    email: me.email,
    firstName: me.firstName,
    lastName: me.lastName,
    phone: me.phone,
    pesel: account.pesel,
    birthDate: confirmed?.birthDate ?? (account.pesel ? peselBirthDate(account.pesel) : null),
    level: me.level,
    verification: me.verification,
    registeredName:
      confirmed?.registeredFirstName && confirmed.registeredLastName
        ? { firstName: confirmed.registeredFirstName, lastName: confirmed.registeredLastName }
        : null,
    createdAt: account.createdAt.toISOString(),
    consents: [{ kind: 'terms', acceptedAt: account.termsAcceptedAt.toISOString() }],
  };
}
