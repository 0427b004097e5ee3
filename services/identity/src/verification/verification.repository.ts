import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, type VerificationMethod } from '@pacjent/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@pacjent/platform';
import { rowsOf } from '../database';

export interface AttemptRow {
  id: string;
  accountId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** SHA-256 (hex) of the browser-binding cookie. */
  bindingHash: string;
}

const ATTEMPT_COLUMNS = `"id", "account_id" AS "accountId", "state", "nonce", "code_verifier" AS "codeVerifier",
  "binding_hash" AS "bindingHash"`;
const OPEN_ATTEMPT = `"used_at" IS NULL AND "cancelled_at" IS NULL AND "expires_at" > $2`;

export interface NewEvent {
  accountId: string;
  method: VerificationMethod;
  outcome: 'confirmed' | 'refused';
  code: string | null;
  reason: string | null;
  staffId: string | null;
  documentType: string | null;
  documentLast4: string | null;
  note: string | null;
  at: Date;
}

export interface EventRow {
  id: string;
  method: VerificationMethod;
  outcome: 'confirmed' | 'refused';
  code: string | null;
  reason: string | null;
  staffId: string | null;
  staffName: string | null;
  documentType: string | null;
  documentLast4: string | null;
  createdAt: Date;
}

/** The person an account is confirmed as. */
export interface Confirmation {
  accountId: string;
  method: VerificationMethod;
  pesel: string | null;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  event: NewEvent;
}

export interface ConfirmedIdentityRow {
  firstName: string;
  lastName: string;
  birthDate: string | null;
  registeredFirstName: string | null;
  registeredLastName: string | null;
}

/** Letter case and spacing aside, the same first and last name. */
function sameName(a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }): boolean {
  const norm = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');
  return norm(a.firstName) === norm(b.firstName) && norm(a.lastName) === norm(b.lastName);
}

const EVENT_COLUMNS = `e."id", e."method", e."outcome", e."code", e."reason", e."staff_id" AS "staffId",
  CASE WHEN s."id" IS NULL THEN NULL ELSE s."first_name" || ' ' || s."last_name" END AS "staffName",
  e."document_type" AS "documentType", e."document_last4" AS "documentLast4", e."created_at" AS "createdAt"`;

@Injectable()
export class VerificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a started attempt; answers its id. */
  async createAttempt(attempt: Omit<AttemptRow, 'id'>, now: Date, expiresAt: Date): Promise<string> {
    const result: unknown = await this.dataSource.query(
      `INSERT INTO "identity"."bank_verification_attempts"
         ("account_id", "state", "nonce", "code_verifier", "binding_hash", "created_at", "expires_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING "id"`,
      [attempt.accountId, attempt.state, attempt.nonce, attempt.codeVerifier, attempt.bindingHash, now, expiresAt],
    );
    return rowsOf<{ id: string }>(result)[0]!.id;
  }

  /** The attempt with this state while it can still be completed; null when unknown, expired, used or cancelled. */
  async openAttempt(state: string, now: Date): Promise<AttemptRow | null> {
    const result: unknown = await this.dataSource.query(
      `SELECT ${ATTEMPT_COLUMNS} FROM "identity"."bank_verification_attempts" WHERE "state" = $1 AND ${OPEN_ATTEMPT}`,
      [state, now],
    );
    return rowsOf<AttemptRow>(result)[0] ?? null;
  }

  /** Uses up the attempt, in one statement: of two callbacks, one wins; null when it is no longer open. */
  async consumeAttempt(id: string, now: Date): Promise<AttemptRow | null> {
    const result: unknown = await this.dataSource.query(
      `UPDATE "identity"."bank_verification_attempts" SET "used_at" = $2
        WHERE "id" = $1 AND ${OPEN_ATTEMPT}
        RETURNING ${ATTEMPT_COLUMNS}`,
      [id, now],
    );
    return rowsOf<AttemptRow>(result)[0] ?? null;
  }

  /** Cancels the account's open attempts (its session ended); answers how many. */
  async cancelOpenAttempts(accountId: string, now: Date): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `UPDATE "identity"."bank_verification_attempts" SET "cancelled_at" = $2
        WHERE "account_id" = $1 AND ${OPEN_ATTEMPT}
        RETURNING "id"`,
      [accountId, now],
    );
    return rowsOf(result).length;
  }

  /** Removes attempts whose state can no longer be used; answers how many. */
  async deleteFinishedAttempts(now: Date): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `DELETE FROM "identity"."bank_verification_attempts"
        WHERE "expires_at" <= $1 OR "used_at" IS NOT NULL OR "cancelled_at" IS NOT NULL`,
      [now],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  /**
   * Confirms the account as this person, in one transaction: the verified
   * identity (its unique PESEL decides between two accounts of one person),
   * the account's names and level, and the audit event.
   */
  async confirm(confirmation: Confirmation): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const before = rowsOf<{ firstName: string; lastName: string }>(
          await manager.query(
            `SELECT "first_name" AS "firstName", "last_name" AS "lastName" FROM "identity"."accounts" WHERE "id" = $1 FOR UPDATE`,
            [confirmation.accountId],
          ),
        )[0];
        const replaced = before && !sameName(before, confirmation) ? before : null;
        const updated: unknown = await manager.query(
          `UPDATE "identity"."accounts"
              SET "level" = 'full', "verified_at" = $2, "verification_method" = $3,
                  "first_name" = $4, "last_name" = $5, "pesel" = COALESCE("pesel", $6)
            WHERE "id" = $1 AND "level" = 'basic'
            RETURNING "id"`,
          [
            confirmation.accountId,
            confirmation.event.at,
            confirmation.method,
            confirmation.firstName,
            confirmation.lastName,
            confirmation.pesel,
          ],
        );
        if (rowsOf(updated).length === 0) {
          throw new DomainError(ErrorCode.ALREADY_VERIFIED, 'This account is already confirmed.');
        }
        await manager.query(
          `INSERT INTO "identity"."verified_identities"
             ("account_id", "pesel", "first_name", "last_name", "birth_date", "method", "verified_at",
              "registered_first_name", "registered_last_name")
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            confirmation.accountId,
            confirmation.pesel,
            confirmation.firstName,
            confirmation.lastName,
            confirmation.birthDate,
            confirmation.method,
            confirmation.event.at,
            replaced?.firstName ?? null,
            replaced?.lastName ?? null,
          ],
        );
        await this.insertEvent(manager, confirmation.event);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_verified_identities_pesel')) {
        throw new DomainError(ErrorCode.IDENTITY_ALREADY_USED, 'This person is already confirmed on another account.');
      }
      throw error;
    }
  }

  async recordRefusal(event: NewEvent): Promise<void> {
    await this.insertEvent(this.dataSource.manager, event);
  }

  async latestEvent(accountId: string): Promise<EventRow | null> {
    return (await this.events(accountId, 1))[0] ?? null;
  }

  /** The account's confirmations and refusals, newest first. */
  async events(accountId: string, limit = 100): Promise<EventRow[]> {
    const result: unknown = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS}
         FROM "identity"."verification_events" e
         LEFT JOIN "identity"."accounts" s ON s."id" = e."staff_id"
        WHERE e."account_id" = $1
        ORDER BY e."created_at" DESC, e."id" DESC
        LIMIT $2`,
      [accountId, limit],
    );
    return rowsOf<EventRow>(result);
  }

  /** Who the account is confirmed as, and the registered name the confirmation replaced (ADR 0015). */
  async confirmedIdentity(accountId: string): Promise<ConfirmedIdentityRow | null> {
    const result: unknown = await this.dataSource.query(
      `SELECT "first_name" AS "firstName", "last_name" AS "lastName", to_char("birth_date", 'YYYY-MM-DD') AS "birthDate",
              "registered_first_name" AS "registeredFirstName", "registered_last_name" AS "registeredLastName"
         FROM "identity"."verified_identities" WHERE "account_id" = $1`,
      [accountId],
    );
    return rowsOf<ConfirmedIdentityRow>(result)[0] ?? null;
  }

  async verifiedBirthDate(accountId: string): Promise<string | null> {
    const result: unknown = await this.dataSource.query(
      `SELECT to_char("birth_date", 'YYYY-MM-DD') AS "birthDate" FROM "identity"."verified_identities" WHERE "account_id" = $1`,
      [accountId],
    );
    return rowsOf<{ birthDate: string | null }>(result)[0]?.birthDate ?? null;
  }

  private async insertEvent(manager: EntityManager, event: NewEvent): Promise<void> {
    await manager.query(
      `INSERT INTO "identity"."verification_events"
         ("account_id", "method", "outcome", "code", "reason", "staff_id", "document_type", "document_last4", "note", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        event.accountId,
        event.method,
        event.outcome,
        event.code,
        event.reason,
        event.staffId,
        event.documentType,
        event.documentLast4,
        event.note,
        event.at,
      ],
    );
  }
}
