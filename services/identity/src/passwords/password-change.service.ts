import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, type Actor, type ChangePasswordBusDto } from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { AccountsRepository } from '../accounts/accounts.repository';
import { PasswordHasher } from '../accounts/password-hasher';
import { PasswordPolicy } from '../accounts/password-policy';
import { PasswordResetService } from './password-reset.service';

/** "Zmień hasło": needs the current password; every other session of the account ends. */
@Injectable()
export class PasswordChangeService {
  private readonly logger = new Logger(PasswordChangeService.name);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly resets: PasswordResetService,
    private readonly clock: Clock,
  ) {}

  async change(actor: Actor | null, input: ChangePasswordBusDto): Promise<Record<string, never>> {
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    const account = await this.accounts.findById(actor.id);
    if (!account) throw new DomainError(ErrorCode.NOT_FOUND, 'The account does not exist.');
    if (!(await this.passwords.verify(account.passwordHash, input.currentPassword))) {
      throw new DomainError(ErrorCode.WRONG_PASSWORD, 'The current password is not right.', {
        errors: [{ field: 'currentPassword', messages: ['currentPassword is not the current password'] }],
      });
    }
    this.policy.assertStrong(input.newPassword, [account.lastName, account.firstName, account.email]);
    const now = this.clock.now();
    await this.accounts.setPasswordHash(account.id, await this.passwords.hash(input.newPassword));
    await this.resets.endSessions(account.id, now, input.currentRefreshToken);
    this.logger.log({ accountId: account.id }, 'password changed; other sessions ended');
    return {};
  }
}
