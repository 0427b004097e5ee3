import { Injectable } from '@nestjs/common';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  isValidPesel,
  Role,
  type AccountDetailsView,
  type Actor,
  type ChangePhoneDto,
  type MeView,
  type RegisterDto,
  type RegisterResult,
} from '@pacjent/contracts';
import { Clock, validationFailed } from '@pacjent/platform';
import { AccountsRepository } from './accounts.repository';
import type { AccountEntity } from './account.entity';
import { toAccountDetails, toMeView } from './accounts.dto';
import { normaliseEmail } from './email';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';

@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly clock: Clock,
  ) {}

  /** Opens a basic patient account. The email is unique whatever its case. */
  async register(input: RegisterDto): Promise<RegisterResult> {
    if (input.pesel !== undefined && !isValidPesel(input.pesel)) {
      throw validationFailed([{ field: 'pesel', messages: ['pesel must be a valid PESEL (checksum and birth date)'] }]);
    }
    // Most personal first: zxcvbn ranks earlier user inputs as likelier guesses.
    this.passwordPolicy.assertStrong(input.password, [
      input.lastName,
      input.firstName,
      input.email,
      ...(input.pesel ? [input.pesel] : []),
    ]);
    const now = this.clock.now();
    const id = await this.accounts.create({
      email: normaliseEmail(input.email),
      passwordHash: await this.passwords.hash(input.password),
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      phone: input.phone ?? null,
      pesel: input.pesel ?? null,
      roles: [Role.PATIENT],
      level: AccountLevel.BASIC,
      termsAcceptedAt: now,
      createdAt: now,
    });
    return { id };
  }

  async me(actor: Actor | null): Promise<MeView> {
    return toMeView(await this.callerAccount(actor));
  }

  async details(actor: Actor | null): Promise<AccountDetailsView> {
    const account = await this.callerAccount(actor);
    return toAccountDetails(account, await this.accounts.confirmedPerson(account.id));
  }

  /** The number the clinic calls; the DTO has checked it as the register form does. */
  async changePhone(actor: Actor | null, input: ChangePhoneDto): Promise<AccountDetailsView> {
    const account = await this.callerAccount(actor);
    await this.accounts.setPhone(account.id, input.phone.trim());
    return this.details(actor);
  }

  private async callerAccount(actor: Actor | null): Promise<AccountEntity> {
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    const account = await this.accounts.findById(actor.id);
    if (!account) throw new DomainError(ErrorCode.NOT_FOUND, 'The account does not exist.');
    return account;
  }
}
