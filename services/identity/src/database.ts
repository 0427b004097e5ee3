import type { ServiceDatabase } from '@pacjent/platform';
import { AccountEntity } from './accounts/account.entity';
import { LoginThrottleEntity } from './auth/login-throttle.entity';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { SigningKeyEntity } from './keys/signing-key.entity';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';
import { AccountsTokensKeys1764172800000 } from './migrations/1764172800000-accounts-tokens-keys';
import { IdentityVerification1764259200000 } from './migrations/1764259200000-identity-verification';
import { LabRole1764950400000 } from './migrations/1764950400000-lab-role';
import { BankAttemptBrowserBinding1796303775000 } from './migrations/1796303775000-bank-attempt-browser-binding';
import { PasswordResetAndRegisteredName1796400000000 } from './migrations/1796400000000-password-reset-and-registered-name';
import { PasswordResetTokenEntity } from './passwords/password-reset-token.entity';
import { AccessLogEntity, ContactRequestEntity } from './staff/staff.entities';
import {
  BankVerificationAttemptEntity,
  VerificationEventEntity,
  VerifiedIdentityEntity,
} from './verification/verification.entities';

export const IdentityDatabase: ServiceDatabase = {
  schema: 'identity',
  entities: [
    AccountEntity,
    RefreshTokenEntity,
    SigningKeyEntity,
    LoginThrottleEntity,
    BankVerificationAttemptEntity,
    VerifiedIdentityEntity,
    VerificationEventEntity,
    ContactRequestEntity,
    AccessLogEntity,
    PasswordResetTokenEntity,
  ],
  migrations: [
    CreateSchema1764086400000,
    AccountsTokensKeys1764172800000,
    IdentityVerification1764259200000,
    LabRole1764950400000,
    BankAttemptBrowserBinding1796303775000,
    PasswordResetAndRegisteredName1796400000000,
  ],
};

/** Rows of a raw query: TypeORM answers UPDATE/DELETE with `[rows, count]` and everything else with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
