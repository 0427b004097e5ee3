import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@pacjent/platform';
import { AccountsRepository } from '../accounts/accounts.repository';
import { PasswordHasher } from '../accounts/password-hasher';
import { IdentityConfig } from '../config';
import { DEMO_ACCOUNTS } from './demo-accounts';

/** With SEED_DEMO_DATA=true, creates the demo staff and doctor accounts on start, once. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const created = await this.seed();
    if (created > 0) this.logger.log({ created }, 'created demo accounts');
  }

  /** Inserts the demo accounts that do not exist yet (by id or email); answers how many it created. */
  async seed(): Promise<number> {
    let created = 0;
    for (const demo of DEMO_ACCOUNTS) {
      if (await this.accounts.findById(demo.id)) continue;
      const now = this.clock.now();
      const inserted = await this.accounts.createIfAbsent({
        id: demo.id,
        email: demo.email,
        passwordHash: await this.passwords.hash(demo.password),
        firstName: demo.firstName,
        lastName: demo.lastName,
        phone: null,
        pesel: null,
        roles: demo.roles,
        level: demo.level,
        termsAcceptedAt: now,
        createdAt: now,
      });
      if (inserted) created += 1;
    }
    return created;
  }
}
