import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pacjent/contracts';
import { Clock, validationFailed } from '@pacjent/platform';
import type { EntityManager } from 'typeorm';
import { IdempotencyRepository } from './idempotency.repository';
import { requestHash } from './request-hash';

/** Same rule as the gateway's Idempotency-Key header. */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs a state-changing request at most once per patient and Idempotency-Key:
 * a repeat with the same body gets the first answer, a different body with
 * the same key is refused. Failures are not remembered (their transaction
 * rolls back), so a failed request may be retried with its key.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  async once<T>(
    tx: EntityManager,
    request: { patientId: string; key: string | undefined; operation: string; body: unknown },
    work: () => Promise<T>,
  ): Promise<T> {
    const { patientId, key } = request;
    if (key === undefined) return work();
    if (!KEY_FORMAT.test(key)) {
      throw validationFailed([{ field: 'idempotencyKey', messages: ['must be 1–255 visible ASCII characters'] }]);
    }
    const hash = requestHash(request.operation, request.body);
    const claim = await this.keys.claim(tx, patientId, key, hash, this.clock.now());
    if (!claim.claimed) {
      if (claim.requestHash !== hash) {
        throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for another request.');
      }
      return claim.response as T;
    }
    const result = await work();
    await this.keys.saveResponse(tx, patientId, key, result);
    return result;
  }
}
