import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type AccountLevel, type Role } from '@pacjent/contracts';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { isUniqueViolation } from '@pacjent/platform';
import { AccountEntity } from './account.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewAccount {
  id?: string;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  pesel: string | null;
  roles: Role[];
  level: AccountLevel;
  termsAcceptedAt: Date;
  createdAt: Date;
}

@Injectable()
export class AccountsRepository {
  constructor(@InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>) {}

  /** Inserts an account; the email's unique constraint decides between concurrent registrations. */
  async create(account: NewAccount): Promise<string> {
    try {
      const result = await this.accounts.insert(account);
      return (result.identifiers[0] as { id: string }).id;
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_accounts_email')) {
        throw new DomainError(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists.');
      }
      throw error;
    }
  }

  /** Inserts the account unless one with its id or email exists. Answers whether it was inserted. */
  async createIfAbsent(account: NewAccount & { id: string }): Promise<boolean> {
    const result = await this.accounts
      .createQueryBuilder()
      .insert()
      .values(account)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  findById(id: string): Promise<AccountEntity | null> {
    if (!UUID.test(id)) return Promise.resolve(null);
    return this.accounts.findOneBy({ id });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.accounts.update({ id }, { passwordHash });
  }

  async setPhone(id: string, phone: string): Promise<void> {
    await this.accounts.update({ id }, { phone });
  }

  /** What the confirmation recorded beside the account: the birth date and the name it replaced (ADR 0015). */
  async confirmedPerson(id: string): Promise<{
    birthDate: string | null;
    registeredFirstName: string | null;
    registeredLastName: string | null;
  } | null> {
    const rows = (await this.accounts.query(
      `SELECT to_char("birth_date", 'YYYY-MM-DD') AS "birthDate", "registered_first_name" AS "registeredFirstName",
              "registered_last_name" AS "registeredLastName"
         FROM "identity"."verified_identities" WHERE "account_id" = $1`,
      [id],
    )) as Array<{ birthDate: string | null; registeredFirstName: string | null; registeredLastName: string | null }>;
    return rows[0] ?? null;
  }

  /** `email` must already be normalised. */
  findByEmail(email: string): Promise<AccountEntity | null> {
    return this.accounts.findOneBy({ email });
  }
}
