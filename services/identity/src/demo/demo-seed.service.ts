import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@pacjent/platform';
import { AccountsRepository } from '../accounts/accounts.repository';
import { PasswordHasher } from '../accounts/password-hasher';
import { IdentityConfig } from '../config';
import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts';
import { peselBirthDate } from '@pacjent/contracts';
import { DataSource } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import { VerifiedIdentityEntity } from '../verification/verification.entities';

/** With SEED_DEMO_DATA=true, creates the demo accounts (staff, doctor, patient, laboratory) on start, once. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
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
        phone: demo.phone ?? null,
        pesel: demo.pesel ?? null,
        roles: demo.roles,
        level: demo.level,
        termsAcceptedAt: now,
        createdAt: now,
      });
      if (inserted && demo.pesel) await this.confirmAtFacility(demo, now);
      if (inserted) created += 1;
    }
    return created;
  }

  /** A full patient account, as if confirmed at a facility: its verified identity and the account's mark. */
  private async confirmAtFacility(demo: DemoAccount, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(VerifiedIdentityEntity, {
        accountId: demo.id,
        pesel: demo.pesel ?? null,
        firstName: demo.firstName,
        lastName: demo.lastName,
        birthDate: demo.pesel ? peselBirthDate(demo.pesel) : null,
        method: 'facility',
        verifiedAt: now,
      });
      await manager.update(AccountEntity, { id: demo.id }, { verifiedAt: now, verificationMethod: 'facility' });
    });
  }
}
